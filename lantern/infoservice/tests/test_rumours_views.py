"""Rumour-check pages: staff forms and actions (bad input on every form, never a 500, nobody else's library),
readers' list, search and check page, the "message I doubt" form with its matches, screenshots checked by
content, the rate limit, and the privacy of the page that follows a message."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lantern.conftest import make_user
from lantern.core import uploads
from lantern.infoservice.models import Doubt, Evidence, Publishable, RumourCheck, Topic
from lantern.infoservice.services import approval
from lantern.infoservice.services import rumours as services
from lantern.tests.xss_payloads import PAYLOADS

from .rumours_helpers import check_values, make_check

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def form_data(**changes) -> dict:
    data = {key: value or "" for key, value in check_values().items()}
    data.update(changes)
    return data


# --- staff ---------------------------------------------------------------------------------------
def test_staff_create_a_check_and_bad_input_saves_nothing(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    response = client.post("/alpha/staff/rumours/new/", form_data(claim_zh_hans="", claim_en="", verdict="maybe"))
    assert response.status_code == 400
    text = response.content.decode()
    assert "nothing was saved" in text and "Give the claim" in text
    assert not RumourCheck.objects.exists()
    response = client.post("/alpha/staff/rumours/new/", form_data(first_seen_on="not a date"))
    assert response.status_code == 400 and not RumourCheck.objects.exists()
    response = client.post("/alpha/staff/rumours/new/", form_data())
    check = RumourCheck.objects.get()
    assert response.url == f"/alpha/staff/rumours/{check.pk}/"
    assert check.created_by == librarian_a and check.status == Publishable.DRAFT


def test_staff_add_change_and_remove_evidence_then_publish(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    check = make_check(library_a, librarian_a, evidence=())
    page = client.post(f"/alpha/staff/rumours/{check.pk}/submit/")
    assert page.status_code == 409 and "Add at least one source" in page.content.decode()
    bad = client.post(f"/alpha/staff/rumours/{check.pk}/evidence/new/", {"title": "", "url": "not a link"})
    assert bad.status_code == 400 and not Evidence.objects.exists()
    client.post(
        f"/alpha/staff/rumours/{check.pk}/evidence/new/",
        {"title": "WHO advice", "url": "https://who.int/x", "publisher": "WHO", "published_on": "2020-03-01"},
    )
    evidence = Evidence.objects.get()
    client.post(f"/alpha/staff/rumours/{check.pk}/evidence/{evidence.pk}/", {"title": "WHO mythbusters"})
    evidence.refresh_from_db()
    assert evidence.title == "WHO mythbusters" and evidence.url == ""
    bad_edit = client.post(
        f"/alpha/staff/rumours/{check.pk}/evidence/{evidence.pk}/", {"title": "x", "published_on": "31/31"}
    )
    assert bad_edit.status_code == 400 and "Enter a valid date" in bad_edit.content.decode()
    other = make_check(library_a, librarian_a, evidence=())
    assert client.get(f"/alpha/staff/rumours/{other.pk}/evidence/{evidence.pk}/").status_code == 404
    bad_check = client.post(
        f"/alpha/staff/rumours/{check.pk}/edit/", form_data(explanation_en="", explanation_zh_hans="")
    )
    assert bad_check.status_code == 400 and "Explain the verdict" in bad_check.content.decode()
    response = client.post(f"/alpha/staff/rumours/{check.pk}/submit/", follow=True)
    assert "The check is published" in response.content.decode()
    confirm = client.get(f"/alpha/staff/rumours/{check.pk}/evidence/{evidence.pk}/remove/")
    assert "Remove “WHO mythbusters”" in confirm.content.decode()
    refused = client.post(f"/alpha/staff/rumours/{check.pk}/evidence/{evidence.pk}/remove/")
    assert refused.status_code == 409 and "keeps at least one source" in refused.content.decode()


def test_the_staff_check_page_offers_approval_to_a_second_person(client_as, library_a, librarian_a, manager_a):
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    check = make_check(library_a, librarian_a, publish=True)
    author = client_as(librarian_a).get(f"/alpha/staff/rumours/{check.pk}/").content.decode()
    assert "Waiting for another staff member" in author and "Approve and publish" not in author
    refused = client_as(librarian_a).post(f"/alpha/staff/rumours/{check.pk}/approve/")
    assert refused.status_code == 403 and "Another staff member must approve" in refused.content.decode()
    reviewer = client_as(manager_a)
    page = reviewer.get(f"/alpha/staff/rumours/{check.pk}/").content.decode()
    assert "Approve and publish" in page and "Send back to draft" in page
    reviewer.post(f"/alpha/staff/rumours/{check.pk}/approve/")
    check.refresh_from_db()
    assert check.status == Publishable.PUBLISHED


def test_send_back_and_withdraw_with_confirmation(client_as, library_a, librarian_a, manager_a):
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    check = make_check(library_a, librarian_a, publish=True)
    client = client_as(manager_a)
    client.post(f"/alpha/staff/rumours/{check.pk}/send-back/")
    check.refresh_from_db()
    assert check.status == Publishable.DRAFT
    again = client.post(f"/alpha/staff/rumours/{check.pk}/send-back/")
    assert again.status_code == 409
    not_published = client.get(f"/alpha/staff/rumours/{check.pk}/withdraw/")
    assert not_published.status_code == 409
    approval.save_settings(library_a, require_approval=False, first_response_hours=24)
    client.post(f"/alpha/staff/rumours/{check.pk}/submit/")
    assert "will no longer be shown" in client.get(f"/alpha/staff/rumours/{check.pk}/withdraw/").content.decode()
    client.post(f"/alpha/staff/rumours/{check.pk}/withdraw/")
    check.refresh_from_db()
    assert check.status == Publishable.WITHDRAWN
    assert client_as(make_user("x@example.org", "X")).get(check.get_absolute_url()).status_code == 404


def test_staff_pages_are_for_the_library_staff_only(client, client_as, library_a, librarian_a, librarian_b, reader):
    check = make_check(library_a, librarian_a)
    doubt = services.send_doubt(library_a, text="hot water")
    urls = [
        "/alpha/staff/rumours/",
        "/alpha/staff/rumours/new/",
        f"/alpha/staff/rumours/{check.pk}/",
        f"/alpha/staff/rumours/{check.pk}/edit/",
        "/alpha/staff/rumours/doubts/",
        f"/alpha/staff/rumours/doubts/{doubt.reference}/",
    ]
    for user in (librarian_b, reader):
        for url in urls:
            assert client_as(user).get(url).status_code == 403, url
    assert client_as(librarian_b).post(f"/beta/staff/rumours/{check.pk}/submit/").status_code == 404


def test_a_pending_check_cannot_be_edited_from_the_form(client_as, library_a, librarian_a):
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    check = make_check(library_a, librarian_a, publish=True)
    response = client_as(librarian_a).post(f"/alpha/staff/rumours/{check.pk}/edit/", form_data(claim_en="Changed"))
    assert response.status_code == 409 and "send it back" in response.content.decode()
    check.refresh_from_db()
    assert check.claim_en != "Changed"


def test_the_doubts_queue_links_and_declines_with_clear_errors(client_as, library_a, librarian_a, library_b):
    check = make_check(library_a, librarian_a, publish=True)
    other = make_check(library_b, make_user("b@example.org", "B"))
    doubt = services.send_doubt(library_a, text="喝热水能杀死病毒吗", email="v@example.org")
    client = client_as(librarian_a)
    queue = client.get("/alpha/staff/rumours/doubts/").content.decode()
    assert doubt.reference in queue
    page = client.get(f"/alpha/staff/rumours/doubts/{doubt.reference}/").content.decode()
    assert "Checks that look like it" in page and check.claim in page
    assert client.post(f"/alpha/staff/rumours/doubts/{doubt.reference}/link/", {"check": other.pk}).status_code == 400
    assert client.post(f"/alpha/staff/rumours/doubts/{doubt.reference}/link/", {"check": "x"}).status_code == 400
    assert client.post(f"/alpha/staff/rumours/doubts/{doubt.reference}/decline/", {"reason": ""}).status_code == 400
    doubt.refresh_from_db()
    assert doubt.status == Doubt.Status.OPEN
    client.post(f"/alpha/staff/rumours/doubts/{doubt.reference}/link/", {"check": check.pk})
    doubt.refresh_from_db()
    assert doubt.status == Doubt.Status.ANSWERED
    late = client.post(f"/alpha/staff/rumours/doubts/{doubt.reference}/decline/", {"reason": "too late"})
    assert late.status_code == 409 and "already been answered" in late.content.decode()


def test_a_new_check_from_a_doubt_is_linked_to_it(client_as, library_a, librarian_a):
    doubt = services.send_doubt(library_a, text="5G spreads the virus")
    client = client_as(librarian_a)
    form = client.get(f"/alpha/staff/rumours/new/?doubt={doubt.reference}").content.decode()
    assert "5G spreads the virus" in form
    client.post(f"/alpha/staff/rumours/new/?doubt={doubt.reference}", form_data(claim_en="5G spreads the virus"))
    doubt.refresh_from_db()
    assert doubt.answer.claim_en == "5G spreads the virus" and doubt.status == Doubt.Status.OPEN


# --- readers -------------------------------------------------------------------------------------
def test_the_list_searches_and_filters_by_topic_with_text_badges(client, library_a, librarian_a):
    topic = Topic.objects.create(library=library_a, name_en="Prevention", name_zh_hans="防控", slug="prevention")
    check = make_check(library_a, librarian_a, publish=True, topics=[topic])
    make_check(library_a, librarian_a, publish=True, claim_en="Garlic protects you", summary_en="Unproven.")
    make_check(library_a, librarian_a, claim_en="A draft claim")
    page = client.get("/alpha/rumours/").content.decode()
    assert "Verdict: <strong>False</strong>" in page and "Garlic protects you" in page
    assert "A draft claim" not in page
    found = client.get("/alpha/rumours/?q=hot+water").content.decode()
    assert check.claim_en in found and "Garlic" not in found and "1 check found" in found
    by_topic = client.get("/alpha/rumours/?topic=prevention").content.decode()
    assert check.claim_en in by_topic and "Garlic" not in by_topic
    nothing = client.get("/alpha/rumours/?q=" + "x" * 300)
    assert nothing.status_code == 200
    assert client.get("/alpha/rumours/?page=abc&topic=nope").status_code == 200


def test_a_check_page_in_chinese(client, library_a, librarian_a, chinese):
    check = make_check(library_a, librarian_a, publish=True)
    page = client.get(check.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "喝热水能杀死病毒" in page and "身体保持在 37 度" in page
    assert "Mythbusters" in page and "World Health Organization" in page


def test_drafts_are_hidden_from_readers_and_previewed_by_staff(client, client_as, library_a, librarian_a):
    check = make_check(library_a, librarian_a)
    assert client.get(check.get_absolute_url()).status_code == 404
    assert client.get(f"/alpha/rumours/{check.pk}/card.png").status_code == 404
    assert client.get(f"/beta/rumours/{check.pk}/").status_code == 404
    preview = client_as(librarian_a).get(check.get_absolute_url()).content.decode()
    assert "Preview for staff" in preview and "application/ld+json" not in preview


def test_xss_in_the_explanation_never_runs(client, library_a, librarian_a):
    for payload in PAYLOADS:
        check = make_check(library_a, librarian_a, publish=True, explanation_en=f"<p>Fine</p>{payload}")
        page = client.get(check.get_absolute_url()).content.decode()
        body = page.split("<main", 1)[1]
        assert "<script>" not in body.lower().replace('<script type="application/ld+json"', "")
        assert "onerror=" not in body.lower() and "javascript:" not in body.lower()


# --- the message a reader doubts -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "  "}, "at least one"),
        ({"link": "not a link"}, "Enter a valid URL"),
        ({"text": "x", "email": "nope"}, "valid email"),
        ({"text": "x" * 5001}, "at most 5000"),
    ],
)
def test_bad_doubts_are_refused_and_nothing_is_saved(client, library_a, data, message):
    response = client.post("/alpha/rumours/doubts/new/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Doubt.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00" + b"\x00" * 200, "not an image"),
        (b"<html><script>alert(1)</script></html>", "not an image"),
        (jpeg_with_exif()[:300], "damaged"),
    ],
)
def test_a_screenshot_is_checked_by_content(client, library_a, content, message):
    upload = SimpleUploadedFile("photo.png", content, content_type="image/png")
    response = client.post("/alpha/rumours/doubts/new/", {"screenshot": upload})
    assert response.status_code == 400 and message in response.content.decode()
    assert not Doubt.objects.exists()


def test_a_screenshot_too_large_is_refused(client, library_a, settings):
    upload = SimpleUploadedFile(
        "big.jpg", b"\xff\xd8\xff" + b"\x00" * (uploads.IMAGE_MAX_BYTES + 10), content_type="image/jpeg"
    )
    response = client.post("/alpha/rumours/doubts/new/", {"screenshot": upload})
    assert response.status_code == 400 and "too large" in response.content.decode()


def test_a_screenshot_is_kept_without_exif_and_shown_only_to_its_sender(
    client, client_as, library_a, reader, other_reader
):
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_exif(), content_type="image/jpeg")
    response = client_as(reader).post("/alpha/rumours/doubts/new/", {"screenshot": upload})
    doubt = Doubt.objects.get()
    assert response.url == f"/alpha/rumours/doubts/{doubt.reference}/"
    assert doubt.reader == reader
    with doubt.screenshot.open("rb") as stored:
        data = stored.read()
    assert b"SecretCamera" not in data
    assert not Image.open(io.BytesIO(data)).getexif()
    shot = client_as(reader).get(f"/alpha/rumours/doubts/{doubt.reference}/screenshot/")
    assert shot.status_code == 200
    assert client_as(other_reader).get(f"/alpha/rumours/doubts/{doubt.reference}/screenshot/").status_code == 404


def test_a_matching_check_is_shown_before_sending_and_send_anyway_works(client, library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    response = client.post("/alpha/rumours/doubts/new/", {"text": "群里说喝热水能杀死病毒"})
    page = response.content.decode()
    assert response.status_code == 200 and "Has it already been checked?" in page
    assert check.get_absolute_url() in page and "Send it anyway" in page
    assert not Doubt.objects.exists()
    sent = client.post("/alpha/rumours/doubts/new/", {"text": "群里说喝热水能杀死病毒", "send_anyway": "1"})
    doubt = Doubt.objects.get()
    assert sent.url == f"/alpha/rumours/doubts/{doubt.reference}/"


def test_an_unmatched_doubt_is_sent_and_followed_by_link(client, library_a):
    response = client.post(
        "/alpha/rumours/doubts/new/", {"text": "Bananas cure everything", "email": "v@example.org"}, follow=True
    )
    doubt = Doubt.objects.get()
    page = response.content.decode()
    assert doubt.reference in page and "Waiting for a check" in page and "Bananas cure everything" in page
    assert doubt.email == "v@example.org"


def test_guessed_and_other_readers_references_show_nothing(client, client_as, library_a, reader, other_reader):
    mine = services.send_doubt(library_a, text="My private message", reader=reader)
    anonymous = services.send_doubt(library_a, text="Anonymous message", email="secret@example.org")
    assert "My private message" in client_as(reader).get(f"/alpha/rumours/doubts/{mine.reference}/").content.decode()
    assert client_as(other_reader).get(f"/alpha/rumours/doubts/{mine.reference}/").status_code == 404
    client.logout()
    assert client.get(f"/alpha/rumours/doubts/{mine.reference}/").status_code == 404
    for guess in ("AAAAAAAA", mine.reference[:-1] + ("A" if mine.reference[-1] != "A" else "B"), "1", "../x"):
        assert client.get(f"/alpha/rumours/doubts/{guess}/").status_code == 404
    # The holder of an anonymous message's link sees it (never its email), and only at its library.
    page = client.get(f"/alpha/rumours/doubts/{anonymous.reference}/").content.decode()
    assert "Anonymous message" in page and "secret@example.org" not in page
    assert client.get(f"/beta/rumours/doubts/{anonymous.reference}/").status_code == 404


def test_the_form_is_rate_limited_per_address(client, library_a):
    for i in range(services.DOUBTS_PER_HOUR):
        client.post("/alpha/rumours/doubts/new/", {"text": f"message number {i}"})
    response = client.post("/alpha/rumours/doubts/new/", {"text": "one too many"})
    assert response.status_code == 429 and "Too many messages" in response.content.decode()
    assert Doubt.objects.count() == services.DOUBTS_PER_HOUR


def test_the_answer_shows_on_the_page_once_published(client, client_as, library_a, librarian_a):
    check = make_check(library_a, librarian_a)
    doubt = services.send_doubt(library_a, text="hot water")
    services.link_doubt(doubt, check, by=librarian_a)
    assert "The answer" not in client.get(f"/alpha/rumours/doubts/{doubt.reference}/").content.decode()
    services.submit_check(check, by=librarian_a)
    page = client.get(f"/alpha/rumours/doubts/{doubt.reference}/").content.decode()
    assert "The answer" in page and check.get_absolute_url() in page
