"""Acceptance: the receipt of a donation and the letter of thanks for a gift render as PDF in Chinese and in
English, with the library, the lines and their total, the signature line, a QR code to the public check, and
the donor thanked by name (even one who did not consent to be named publicly)."""

import decimal

import pytest
from django.urls import reverse

from lantern.outreach import donation_pdf

from .test_donations_services import make_donation, make_gift

pytestmark = pytest.mark.django_db


def absolute(path: str) -> str:
    return f"https://lantern.example.org{path}"


def test_the_receipt_reads_in_english_with_lines_total_signature_and_qr(library_a):
    donation = make_donation(
        library_a,
        recipient="Huoshenshan Hospital",
        lines=[{"description": "Picture books", "quantity": 30}, {"description": "Magazines", "quantity": 12}],
    )
    html = donation_pdf.receipt_html(donation, "en", absolute)
    assert 'lang="en"' in html and "Alpha City Library" in html
    for words in ("Donation receipt", "Huoshenshan Hospital", "Picture books", "Magazines", "Total quantity"):
        assert words in html
    assert "<strong>42</strong>" in html and "2020-02-15" in html
    assert "signature and stamp" in html
    assert "<svg" in html and f"https://lantern.example.org/alpha/donations/receipts/{donation.number}/" in html


def test_the_receipt_reads_in_chinese(library_a):
    donation = make_donation(library_a)
    html = donation_pdf.receipt_html(donation, "zh-hans", absolute)
    assert 'lang="zh-Hans"' in html and "甲市图书馆" in html and "数量" in html
    assert "Alpha City Library" not in html and "Quantity" not in html


def test_the_letter_thanks_the_donor_by_name_even_when_not_named_publicly(library_a):
    gift = make_gift(library_a, donor_name="李秘密", donor_kind="person", may_name=False, quantity=12)
    html = donation_pdf.letter_html(gift, "en")
    assert "Dear 李秘密," in html and "12 books" in html and gift.number in html and "2020-02-10" in html
    assert "does not name you" in html
    chinese = donation_pdf.letter_html(gift, "zh-hans")
    assert 'lang="zh-Hans"' in chinese and "李秘密" in chinese and "甲市图书馆" in chinese and "说明" in chinese
    assert "Alpha City Library" not in chinese


def test_a_gift_of_money_shows_its_amount(library_a):
    gift = make_gift(library_a, kind="money", amount=decimal.Decimal("1234.5"), currency="CNY", quantity=None)
    assert "1,234.50 CNY" in donation_pdf.letter_html(gift, "en")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_receipt_and_letter_render_as_pdf(client_as, librarian_a, library_a, language):
    donation, gift = make_donation(library_a), make_gift(library_a)
    client = client_as(librarian_a)
    receipt = client.get(reverse("outreach:staff_receipt_pdf", args=["alpha", donation.number]), {"language": language})
    letter = client.get(reverse("outreach:staff_letter_pdf", args=["alpha", gift.number]), {"language": language})
    for response in (receipt, letter):
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF") and len(response.content) > 5000
        assert response["Cache-Control"] == "private, no-store"
    assert f"receipt-{donation.number}-{language}.pdf" in receipt["Content-Disposition"]


def test_the_paper_defaults_to_the_site_language(client_as, librarian_a, library_a, settings):
    settings.LANGUAGE_CODE = "zh-hans"
    donation = make_donation(library_a)
    response = client_as(librarian_a).get(reverse("outreach:staff_receipt_pdf", args=["alpha", donation.number]))
    assert response.status_code == 200 and "zh-hans.pdf" in response["Content-Disposition"]
