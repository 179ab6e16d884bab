"""What travels: the ClaimReview JSON-LD fact-check aggregators read (acceptance), the QR code and the share card
(1080×1350, its QR code decoding to the check's page)."""

import datetime
import io
import json
import re

import pytest
import zxingcpp
from PIL import Image

from lantern.infoservice.models import RumourCheck

from .rumours_helpers import make_check

pytestmark = pytest.mark.django_db


def claim_review(page: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json" nonce="([^"]*)">(.*?)</script>', page, re.S)
    assert len(found) == 1
    nonce, text = found[0]
    assert nonce  # the CSP nonce is on the element, or the browser would refuse it
    return json.loads(text)


def test_the_claim_review_has_the_right_type_claim_rating_and_author(client, library_a, librarian_a):
    check = make_check(
        library_a, librarian_a, publish=True, first_seen_on=datetime.date(2020, 1, 28), circulated_in="WeChat groups"
    )
    data = claim_review(client.get(check.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
    assert data["claimReviewed"] == "Drinking hot water kills the virus"
    rating = data["reviewRating"]
    assert rating["@type"] == "Rating" and rating["alternateName"] == "False"
    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    assert rating["ratingValue"] == rating["worstRating"]  # false is the worst
    assert data["author"] == {
        "@type": "Organization",
        "name": "Alpha City Library",
        "url": "http://testserver/alpha/",
    }
    assert data["url"] == f"http://testserver/alpha/rumours/{check.pk}/"
    assert data["datePublished"] == check.published_at.date().isoformat()
    assert data["itemReviewed"]["@type"] == "Claim"
    assert data["itemReviewed"]["datePublished"] == "2020-01-28"
    assert data["itemReviewed"]["appearance"]["name"] == "WeChat groups"


def test_each_verdict_has_its_rating_and_the_chinese_page_speaks_chinese(client, library_a, librarian_a, chinese):
    values = set()
    for verdict in RumourCheck.Verdict.values:
        check = make_check(library_a, librarian_a, publish=True, verdict=verdict)
        data = claim_review(client.get(check.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode())
        values.add(data["reviewRating"]["ratingValue"])
        assert data["claimReviewed"] == "喝热水能杀死病毒"
    assert len(values) == 4


def test_a_claim_that_tries_to_close_the_script_stays_inside_it(client, library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True, claim_en="</script><script>alert(1)</script>")
    page = client.get(check.get_absolute_url()).content.decode()
    assert claim_review(page)["claimReviewed"] == "</script><script>alert(1)</script>"


def test_the_page_has_an_inline_qr_code_and_a_png_download(client, library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    page = client.get(check.get_absolute_url()).content.decode()
    assert "<svg" in page and "card.png" in page
    response = client.get(f"/alpha/rumours/{check.pk}/qr.png")
    assert response["Content-Type"] == "image/png" and "attachment" in response["Content-Disposition"]
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert decoded[0].text == f"http://testserver/alpha/rumours/{check.pk}/"


def test_the_share_card_is_sized_for_chat_apps_and_its_code_leads_to_the_check(client, library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True, claim_en="A very long claim " * 27)
    response = client.get(f"/alpha/rumours/{check.pk}/card.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    card = Image.open(io.BytesIO(response.content))
    assert card.size == (1080, 1350)
    decoded = zxingcpp.read_barcodes(card)
    assert [code.text for code in decoded] == [f"http://testserver/alpha/rumours/{check.pk}/"]
