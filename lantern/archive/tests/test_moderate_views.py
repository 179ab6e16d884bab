"""Moderation pages: the staff queue with its counts and filter, the review page (what was sent, contact
details for staff, files, messages, history, escaped), every form with good and bad input (a readable message,
nothing changed), staff file downloads, redaction and hiding, settings for managers, and staff of another
library refused."""

import hashlib

import pytest
from django.core import mail
from django.urls import reverse

from lantern.archive.models import ArchiveSettings, Item
from lantern.archive.services.common import public_items
from lantern.tests.xss_payloads import PAYLOADS

from .helpers import accepted_item, pdf, submitted_item
from .moderate_helpers import (
    staff_url,
    striped_photo,
)

pytestmark = pytest.mark.django_db
Status = Item.Status


def queue_url(slug="alpha") -> str:
    return reverse("archive:staff_queue", args=[slug])


def text_of(response) -> str:
    return response.content.decode()


# --- who may see what -----------------------------------------------------------------------------
def test_visitors_sign_in_first_and_readers_and_other_libraries_are_refused(
    client, client_as, waiting, reader, librarian_b
):
    for url in (
        queue_url(),
        staff_url("staff_item", waiting),
        staff_url("staff_file", waiting, 0, "original"),
        reverse("archive:staff_settings", args=["alpha"]),
    ):
        assert client.get(url)["Location"].startswith("/accounts/login/")
    client_as(reader)
    assert client.get(queue_url()).status_code == 403
    client_as(librarian_b)
    assert client.get(queue_url()).status_code == 403
    assert client.get(staff_url("staff_item", waiting)).status_code == 403
    assert client.get(staff_url("staff_file", waiting, 0, "original")).status_code == 403
    # Library B's own pages do not reach library A's item either.
    assert client.get(reverse("archive:staff_item", args=["beta", waiting.reference])).status_code == 404
    response = client.post(reverse("archive:staff_item_decline", args=["beta", waiting.reference]), {"reason": "x"})
    assert response.status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED


# --- the queue ------------------------------------------------------------------------------------
def test_the_queue_counts_filters_and_pages(client_as, library_a, library_b, librarian_a):
    for number in range(27):
        submitted_item(library_a, files=[], title=f"Letter {number:02d}")
    accepted = accepted_item(library_a, files=[], title="An accepted diary")
    submitted_item(library_b, files=[], title="Beta's letter")
    client = client_as(librarian_a)
    page = text_of(client.get(queue_url()))
    assert "All (28)" in page and "Waiting for review (27)" in page and "Accepted (1)" in page
    assert "Letter 26" in page and "Beta&#x27;s letter" not in page and "Beta's letter" not in page
    assert "Letter 00" not in page and "Page 1 of 2" in page  # newest first, 25 a page
    assert "Letter 00" in text_of(client.get(queue_url() + "?page=2"))
    accepted_only = text_of(client.get(queue_url() + "?status=accepted"))
    assert accepted.title in accepted_only and "Letter 26" not in accepted_only
    assert "does not exist" in text_of(client.get(queue_url() + "?status=lost"))


def test_the_queue_links_to_open_takedown_requests(client_as, library_a, librarian_a):
    from lantern.archive.models import Takedown

    item = accepted_item(library_a, files=[])
    Takedown.objects.create(item=item, reference="T-TEST-0001", name="N", email="n@example.org", relation="other")
    page = text_of(client_as(librarian_a).get(queue_url()))
    assert "Takedown requests: 1 open" in page and reverse("archive:staff_takedowns", args=["alpha"]) in page


# --- the review page ------------------------------------------------------------------------------
def test_the_review_page_shows_what_was_sent_contact_and_files(client_as, waiting, librarian_a):
    waiting.title = "Edited by staff"
    waiting.save()
    page = text_of(client_as(librarian_a).get(staff_url("staff_item", waiting)))
    assert "小区门口的志愿者" in page  # as sent, beside the staff's title
    assert "xiaoming@example.org" in page and "CC BY 4.0" in page and "photo.jpg" not in page
    assert "gate.jpg" in page  # the file's name as sent, shown as information
    sent = page[page.index("sent-heading") : page.index("contact-heading")]
    assert sent.index("What it is") < sent.index("Date") < sent.index("Licence") < sent.index("Files as named")
    assert staff_url("staff_file", waiting, 0, "thumb") in page
    assert staff_url("staff_file", waiting, 0, "original") in page


def test_the_review_page_escapes_what_the_public_typed(client_as, library_a, librarian_a):
    payload = "\n".join(PAYLOADS)
    item = submitted_item(
        library_a, files=[], title=PAYLOADS[0][:300], description=payload, creator=PAYLOADS[3], place=PAYLOADS[9]
    )
    item.messages.create(from_contributor=True, text=payload)
    item.files.all().delete()
    page = text_of(client_as(librarian_a).get(staff_url("staff_item", item)))
    assert "<script>alert('XSS')</script>" not in page and "<img src=x onerror" not in page
    assert "<svg onload" not in page and "&lt;script&gt;alert(&#x27;XSS&#x27;)&lt;/script&gt;" in page


# --- describing -----------------------------------------------------------------------------------
def describe_post(**changes) -> dict:
    data = {
        "title": "Volunteers at the gate",
        "creator": "Wang Xiaoming",
        "subject": "志愿者\n社区",
        "description": "Temperatures taken at the gate.",
        "date": "2020-02-24",
        "dc_type": "StillImage",
        "dc_format": "image/jpeg",
        "language": "zh",
        "coverage": "武汉市江岸区",
        "rights": "CC BY 4.0",
    }
    data.update(changes)
    return data


def test_describing_through_the_page(client_as, waiting, librarian_a):
    response = client_as(librarian_a).post(staff_url("staff_item_describe", waiting), describe_post(), follow=True)
    assert "The description is saved." in text_of(response)
    waiting.refresh_from_db()
    assert waiting.title == "Volunteers at the gate" and waiting.year == 2020 and waiting.dc_type == "StillImage"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "This field is required"),
        ({"date": "Feb 2020"}, "2020, 2020-02 or 2020-02-24"),
        ({"date": "2020-13"}, "2020, 2020-02 or 2020-02-24"),
        ({"dc_type": "Photo"}, "Select a valid choice"),
        ({"title": "x" * 301}, "at most 300 characters"),
    ],
)
def test_a_bad_description_says_why_and_changes_nothing(client_as, waiting, librarian_a, changes, message):
    response = client_as(librarian_a).post(staff_url("staff_item_describe", waiting), describe_post(**changes))
    assert response.status_code == 400 and message in text_of(response)
    waiting.refresh_from_db()
    assert waiting.title == "小区门口的志愿者" and waiting.date == "2020-02"


# --- asking ---------------------------------------------------------------------------------------
def test_asking_through_the_page_emails_a_link_to_the_contribution(client_as, waiting, librarian_a):
    client = client_as(librarian_a)
    response = client.post(staff_url("staff_item_ask", waiting), {"text": "谁拍的照片？"}, follow=True)
    assert "Your question is sent" in text_of(response) and "谁拍的照片？" in text_of(response)
    waiting.refresh_from_db()
    assert waiting.status == Status.ASKED
    [email] = mail.outbox
    link = "http://testserver" + reverse("archive:contribution", args=["alpha", waiting.reference])
    assert link in email.body


def test_asking_without_a_question_or_twice_is_refused(client_as, waiting, librarian_a):
    client = client_as(librarian_a)
    response = client.post(staff_url("staff_item_ask", waiting), {"text": "  "})
    assert response.status_code == 400 and "Write the question." in text_of(response)
    assert not mail.outbox and Item.objects.get(pk=waiting.pk).status == Status.SUBMITTED
    client.post(staff_url("staff_item_ask", waiting), {"text": "One"})
    response = client.post(staff_url("staff_item_ask", waiting), {"text": "Two"})
    assert response.status_code == 409 and "already waiting" in text_of(response)
    assert waiting.messages.count() == 1


def test_a_contributor_without_email_is_to_be_phoned(client_as, library_a, librarian_a):
    item = submitted_item(library_a, files=[], contact_email="", contact_phone="13800000000")
    response = client_as(librarian_a).post(staff_url("staff_item_ask", item), {"text": "Where?"}, follow=True)
    assert "phone them on 13800000000" in text_of(response)


# --- accepting and declining ----------------------------------------------------------------------
def test_accepting_through_the_page(client_as, waiting, city, librarian_a):
    response = client_as(librarian_a).post(
        staff_url("staff_item_accept", waiting), {"collections": [city.pk]}, follow=True
    )
    assert f"Accepted into {city.title}. It is now public." in text_of(response)
    assert public_items(waiting.library).filter(pk=waiting.pk).exists()
    assert "accepted" in mail.outbox[0].subject


def test_accepting_without_a_collection_or_with_another_librarys_is_refused(
    client_as, waiting, city, other_city, librarian_a
):
    client = client_as(librarian_a)
    response = client.post(staff_url("staff_item_accept", waiting), {})
    assert response.status_code == 400 and "Choose at least one collection" in text_of(response)
    response = client.post(staff_url("staff_item_accept", waiting), {"collections": [other_city.pk]})
    assert response.status_code == 400 and "this library only" in text_of(response)
    response = client.post(staff_url("staff_item_accept", waiting), {"collections": ["not a number"]})
    assert response.status_code == 400 and "this library only" in text_of(response)
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED and not waiting.collections.exists() and not mail.outbox


def test_the_second_reviewer_through_the_pages(client_as, client, waiting, city, librarian_a, second_librarian_a):
    ArchiveSettings.objects.create(library=waiting.library, second_review=True)
    first = client_as(librarian_a)
    page = text_of(first.get(staff_url("staff_item", waiting)))
    assert "Give the first approval" in page
    response = first.post(staff_url("staff_item_accept", waiting), {"collections": [city.pk]}, follow=True)
    assert "A different member of staff must approve it too." in text_of(response)
    response = first.post(staff_url("staff_item_accept", waiting), {"collections": [city.pk]})
    assert response.status_code == 409 and "different member of staff must approve it" in text_of(response)
    assert Item.objects.get(pk=waiting.pk).status == Status.FIRST_APPROVAL
    second = client_as(second_librarian_a)
    assert "Bob gave the first approval" in text_of(second.get(staff_url("staff_item", waiting)))
    second.post(staff_url("staff_item_accept", waiting), {"collections": [city.pk]})
    waiting.refresh_from_db()
    assert waiting.status == Status.ACCEPTED and waiting.reviewed_by == second_librarian_a


def test_declining_needs_a_reason(client_as, waiting, librarian_a):
    client = client_as(librarian_a)
    response = client.post(staff_url("staff_item_decline", waiting), {"reason": ""})
    assert response.status_code == 400 and "Give the reason" in text_of(response)
    assert Item.objects.get(pk=waiting.pk).status == Status.SUBMITTED and not mail.outbox
    response = client.post(staff_url("staff_item_decline", waiting), {"reason": "Not from our city."}, follow=True)
    assert "The item is declined" in text_of(response) and "Not from our city." in mail.outbox[0].body
    response = client.post(staff_url("staff_item_decline", waiting), {"reason": "Again"})
    assert response.status_code == 409 and "cannot become" in text_of(response)


def test_decisions_are_posted_not_fetched(client_as, waiting, librarian_a):
    assert client_as(librarian_a).get(staff_url("staff_item_accept", waiting)).status_code == 405


# --- withdrawing and restoring --------------------------------------------------------------------
def test_withdrawing_asks_for_confirmation_and_a_reason_and_can_be_undone(client_as, library_a, city, librarian_a):
    item = accepted_item(library_a, city, files=[])
    client = client_as(librarian_a)
    page = text_of(client.get(staff_url("staff_item_withdraw", item)))
    assert "will no longer be shown in public" in page and Item.objects.get(pk=item.pk).status == Status.ACCEPTED
    response = client.post(staff_url("staff_item_withdraw", item), {"reason": ""})
    assert response.status_code == 400 and "Give the reason" in text_of(response)
    assert Item.objects.get(pk=item.pk).status == Status.ACCEPTED
    response = client.post(
        staff_url("staff_item_withdraw", item), {"reason": "The contributor asked us to.", "tell_contributor": "on"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.WITHDRAWN and not public_items(library_a).filter(pk=item.pk).exists()
    assert "The contributor asked us to." in mail.outbox[0].body
    assert client.get(staff_url("staff_item_withdraw", item)).status_code == 409
    assert "will be accepted again" in text_of(client.get(staff_url("staff_item_restore", item)))
    response = client.post(staff_url("staff_item_restore", item), follow=True)
    assert "accepted again" in text_of(response)
    assert public_items(library_a).filter(pk=item.pk).exists()
    assert client.post(staff_url("staff_item_restore", item)).status_code == 409


# --- files ----------------------------------------------------------------------------------------
def test_staff_download_the_original_under_the_archives_name(client_as, library_a, librarian_a):
    item = submitted_item(library_a, files=[striped_photo("../../家/evil name.jpg")])
    response = client_as(librarian_a).get(staff_url("staff_file", item, 0, "original"))
    body = b"".join(response.streaming_content)
    item_file = item.files.get()
    assert hashlib.sha256(body).hexdigest() == item_file.sha256
    assert response["Content-Type"] == "image/jpeg" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'attachment; filename="{item.reference}-0.jpg"'
    assert response["Cache-Control"].startswith("private")
    thumb = client_as(librarian_a).get(staff_url("staff_file", item, 0, "thumb"))
    assert thumb["Content-Type"] == "image/jpeg" and "attachment" not in thumb.get("Content-Disposition", "")
    # The three-argument form is the original too.
    response = client_as(librarian_a).get(reverse("archive:staff_file", args=["alpha", item.reference, 0]))
    assert response["Content-Disposition"].startswith("attachment")


def test_a_missing_variant_or_file_is_not_found(client_as, library_a, librarian_a):
    item = submitted_item(library_a, files=[pdf()])
    client = client_as(librarian_a)
    assert client.get(staff_url("staff_file", item, 0, "web")).status_code == 404
    assert client.get(staff_url("staff_file", item, 0, "exif")).status_code == 404
    assert client.get(staff_url("staff_file", item, 3, "original")).status_code == 404
    response = client.get(staff_url("staff_file", item, 0, "original"))
    assert (
        response["Content-Type"] == "application/pdf" and f"{item.reference}-0.pdf" in response["Content-Disposition"]
    )


def test_blurring_through_the_page_keeps_the_original(client_as, waiting, librarian_a):
    client = client_as(librarian_a)
    item_file = waiting.files.get()
    page = text_of(client.get(staff_url("staff_file_blur", waiting, 0)))
    assert "blur-grid" in page and staff_url("staff_file", waiting, 0, "web") in page
    response = client.post(staff_url("staff_file_blur", waiting, 0), {"areas": "10 20 30 15\n50,50,20,20"}, follow=True)
    assert "the original is unchanged" in text_of(response)
    assert "10 20 30 15\n50 50 20 20" in text_of(response)  # the areas, to correct and blur again
    item_file.refresh_from_db()
    assert item_file.redacted
    original = client.get(staff_url("staff_file", waiting, 0, "original"))
    assert hashlib.sha256(b"".join(original.streaming_content)).hexdigest() == item_file.sha256
    response = client.post(staff_url("staff_file_unblur", waiting, 0), follow=True)
    assert "blurring is undone" in text_of(response)
    item_file.refresh_from_db()
    assert not item_file.redacted


@pytest.mark.parametrize(
    ("areas", "message"),
    [
        ("", "This field is required"),
        ("10 20 abc 15", "Line 1: write four numbers"),
        ("10 20 30", "Line 1: write four numbers"),
        ("10 10 10 10\n1.2.3 4 5 6", "Line 2: write four numbers"),
        ("90 10 20 10", "goes beyond the picture"),
        ("10 10 0 10", "above 0"),
    ],
)
def test_bad_areas_say_why_and_blur_nothing(client_as, waiting, librarian_a, areas, message):
    response = client_as(librarian_a).post(staff_url("staff_file_blur", waiting, 0), {"areas": areas})
    assert response.status_code == 400 and message in text_of(response)
    assert not waiting.files.get().redacted


def test_a_pdf_has_no_blur_page(client_as, library_a, librarian_a):
    item = submitted_item(library_a, files=[pdf()])
    assert client_as(librarian_a).get(staff_url("staff_file_blur", item, 0)).status_code == 404


def test_hiding_a_file_and_captioning_it(client_as, library_a, city, librarian_a):
    item = accepted_item(library_a, city, files=[striped_photo(), striped_photo("b.jpg")])
    client = client_as(librarian_a)
    public_file = reverse("archive:file", args=["alpha", item.reference, 0, "web"])
    assert client.get(public_file).status_code == 200
    response = client.post(staff_url("staff_file_hide", item, 0), {"hidden": "1"}, follow=True)
    assert "File 1 is hidden from the public" in text_of(response)
    assert list(item.files.filter(hidden=False).values_list("position", flat=True)) == [1]
    assert client.get(public_file).status_code == 404
    public_page = text_of(client.get(reverse("archive:item", args=["alpha", item.reference])))
    assert (
        public_file not in public_page
        and reverse("archive:file", args=["alpha", item.reference, 1, "web"]) in public_page
    )
    response = client.post(staff_url("staff_file_hide", item, 0), {"hidden": "maybe"}, follow=True)
    assert "Choose to hide the file or to show it." in text_of(response) and item.files.get(position=0).hidden
    client.post(staff_url("staff_file_hide", item, 0), {"hidden": "0"})
    assert not item.files.get(position=0).hidden
    response = client.post(staff_url("staff_file_caption", item, 1), {"file1-caption": "Two volunteers"}, follow=True)
    assert "The caption of file 2 is saved." in text_of(response)
    assert item.files.get(position=1).caption == "Two volunteers"
    response = client.post(staff_url("staff_file_caption", item, 1), {"file1-caption": "x" * 301})
    assert response.status_code == 400 and "at most 300 characters" in text_of(response)
    assert item.files.get(position=1).caption == "Two volunteers"


def test_history_shows_what_staff_did(client_as, waiting, city, librarian_a):
    client = client_as(librarian_a)
    client.post(staff_url("staff_file_hide", waiting, 0), {"hidden": "1"})
    client.post(staff_url("staff_item_accept", waiting), {"collections": [city.pk]})
    page = text_of(client.get(staff_url("staff_item", waiting)))
    history = page[page.index("history-heading") :]
    assert "Archive file hidden from the public" in history
    assert "Archive item accepted" in history
    assert "archive.item_accepted" not in history


# --- settings -------------------------------------------------------------------------------------
def test_only_managers_change_the_archive_settings(client_as, library_a, librarian_a, manager_a):
    url = reverse("archive:staff_settings", args=["alpha"])
    assert client_as(librarian_a).get(url).status_code == 403
    client = client_as(manager_a)
    assert "A second reviewer must approve" in text_of(client.get(url))
    response = client.post(url, {"accepts_contributions": "on", "second_review": "on"}, follow=True)
    assert "The archive settings are saved." in text_of(response)
    saved = ArchiveSettings.objects.get(library=library_a)
    assert saved.accepts_contributions and saved.second_review
    client.post(url, {"second_review": "on"})
    saved.refresh_from_db()
    assert not saved.accepts_contributions and saved.second_review
