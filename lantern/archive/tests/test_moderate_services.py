"""Moderation's services: each transition and each refusal (wrong state, the same reviewer twice, no
collection, another library's collection, no reason), the description with its year and search text,
blurring that leaves the original untouched, hidden files, the audit log and the emails contributors get."""

import hashlib
import io
import random

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from lantern.archive.models import ArchiveSettings, Item, Message
from lantern.archive.services import moderation as services
from lantern.archive.services.common import public_items
from lantern.archive.services.files import sha256_of
from lantern.core.errors import Refused
from lantern.core.models import AuditEntry

from .helpers import accepted_item, pdf, photo, submitted_item

pytestmark = pytest.mark.django_db
Status = Item.Status


def actions(item) -> list[str]:
    return list(services.history_of(item).values_list("action", flat=True))


def second_review_on(library):
    ArchiveSettings.objects.create(library=library, second_review=True)


# --- asking ---------------------------------------------------------------------------------------
def test_asking_sends_the_question_and_waits_for_the_answer(waiting, librarian_a):
    message, told = services.ask_contributor(
        waiting, "照片里的人同意公开吗？", by=librarian_a, link="https://lantern.example/alpha/x"
    )
    waiting.refresh_from_db()
    assert told and waiting.status == Status.ASKED
    assert message.from_contributor is False and message.author == librarian_a
    [email] = mail.outbox
    assert email.to == ["xiaoming@example.org"] and waiting.reference in email.subject
    assert "照片里的人同意公开吗？" in email.body and "https://lantern.example/alpha/x" in email.body
    assert actions(waiting) == ["archive.question_asked"]


def test_asking_twice_or_after_a_decision_is_refused(waiting, librarian_a):
    services.ask_contributor(waiting, "First question", by=librarian_a)
    with pytest.raises(Refused, match="already waiting"):
        services.ask_contributor(waiting, "Second question", by=librarian_a)
    declined = submitted_item(waiting.library)
    services.decline_item(declined, "Not about the epidemic.", by=librarian_a)
    with pytest.raises(Refused, match="cannot become"):
        services.ask_contributor(declined, "A question", by=librarian_a)
    assert Message.objects.count() == 1


def test_an_empty_question_is_refused_and_nothing_changes(waiting, librarian_a):
    with pytest.raises(ValidationError):
        services.ask_contributor(waiting, "   ", by=librarian_a)
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED and not Message.objects.exists() and not mail.outbox


def test_a_contributor_without_email_is_reached_on_their_account_or_not_at_all(library_a, librarian_a, reader):
    phone_only = submitted_item(library_a, contact_email="", contact_phone="13800000000")
    _message, told = services.ask_contributor(phone_only, "Which street?", by=librarian_a)
    assert told is False and not mail.outbox
    with_account = submitted_item(library_a, contact_email="", contact_phone="13800000000")
    Item.objects.filter(pk=with_account.pk).update(contributor=reader)
    with_account.refresh_from_db()
    _message, told = services.ask_contributor(with_account, "Which street?", by=librarian_a)
    assert told is True and reader.notices.filter(subject__contains=with_account.reference).exists()


# --- accepting ------------------------------------------------------------------------------------
def test_accepting_publishes_into_the_chosen_collections_and_tells_the_contributor(waiting, city, librarian_a):
    item, told = services.accept_item(waiting, [city], by=librarian_a, link="https://x.example/status")
    assert told and item.status == Status.ACCEPTED and item.accepted_at and item.reviewed_by == librarian_a
    assert list(item.collections.all()) == [city]
    assert public_items(waiting.library).filter(pk=item.pk).exists()
    [email] = mail.outbox
    assert "accepted" in email.subject and "can now be seen on the library's website" in email.body
    assert actions(item) == ["archive.item_accepted"]


def test_a_preserve_only_item_is_kept_not_published_and_the_email_says_so(library_a, city, librarian_a):
    item = submitted_item(library_a, licence="preserve_only")
    services.accept_item(item, [city], by=librarian_a)
    item.refresh_from_db()
    assert item.status == Status.ACCEPTED and not public_items(library_a).filter(pk=item.pk).exists()
    assert "keeps it in its archive and does not publish it" in mail.outbox[0].body


def test_accepting_needs_a_collection_of_this_library(waiting, other_city, librarian_a):
    with pytest.raises(ValidationError, match="at least one collection"):
        services.accept_item(waiting, [], by=librarian_a)
    with pytest.raises(ValidationError, match="this library only"):
        services.accept_item(waiting, [other_city], by=librarian_a)
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED and not waiting.collections.exists() and not mail.outbox


def test_second_review_needs_a_different_member_of_staff(waiting, city, librarian_a, second_librarian_a):
    second_review_on(waiting.library)
    item, told = services.accept_item(waiting, [city], by=librarian_a)
    assert item.status == Status.FIRST_APPROVAL and item.first_approved_by == librarian_a and not told
    assert not public_items().filter(pk=item.pk).exists() and not mail.outbox
    with pytest.raises(Refused, match="different member of staff") as refused:
        services.accept_item(item, [city], by=librarian_a)
    assert refused.value.reason == "same_reviewer"
    item.refresh_from_db()
    assert item.status == Status.FIRST_APPROVAL
    item, told = services.accept_item(item, [city], by=second_librarian_a)
    assert item.status == Status.ACCEPTED and item.reviewed_by == second_librarian_a and told
    assert actions(item) == ["archive.item_first_approval", "archive.item_accepted"]


def test_an_item_waiting_for_an_answer_or_decided_cannot_be_accepted(waiting, city, librarian_a):
    services.ask_contributor(waiting, "Who took it?", by=librarian_a)
    with pytest.raises(Refused, match="once they answer"):
        services.accept_item(waiting, [city], by=librarian_a)
    accepted = accepted_item(waiting.library, city)
    with pytest.raises(Refused, match="cannot become"):
        services.accept_item(accepted, [city], by=librarian_a)


def test_asking_after_a_first_approval_asks_for_both_approvals_again(waiting, city, librarian_a):
    second_review_on(waiting.library)
    services.accept_item(waiting, [city], by=librarian_a)
    services.ask_contributor(waiting, "Is the date right?", by=librarian_a)
    waiting.refresh_from_db()
    assert waiting.status == Status.ASKED and waiting.first_approved_by is None


# --- declining, withdrawing, restoring ------------------------------------------------------------
def test_declining_needs_a_reason_which_the_contributor_gets(waiting, librarian_a):
    with pytest.raises(ValidationError, match="Give the reason"):
        services.decline_item(waiting, "  ", by=librarian_a)
    waiting.refresh_from_db()
    assert waiting.status == Status.SUBMITTED and not mail.outbox
    item, told = services.decline_item(waiting, "The photo shows a patient's face.", by=librarian_a)
    assert told and item.status == Status.DECLINED and item.decline_reason == "The photo shows a patient's face."
    [email] = mail.outbox
    assert waiting.reference in email.subject and "The photo shows a patient's face." in email.body
    with pytest.raises(Refused):
        services.decline_item(item, "Again", by=librarian_a)


def test_withdrawing_and_restoring_an_accepted_item(library_a, city, librarian_a):
    item = accepted_item(library_a, city)
    item, told = services.withdraw_item(item, "The contributor asked us to.", by=librarian_a)
    assert told and item.status == Status.WITHDRAWN and item.withdrawn_at
    assert not public_items(library_a).filter(pk=item.pk).exists()
    assert "The contributor asked us to." in mail.outbox[0].body
    item = services.restore_item(item, by=librarian_a)
    assert item.status == Status.ACCEPTED and item.withdrawn_at is None
    assert public_items(library_a).filter(pk=item.pk).exists()
    assert actions(item) == ["archive.item_withdrawn", "archive.item_restored"]


def test_only_accepted_items_are_withdrawn_and_only_withdrawn_ones_restored(waiting, librarian_a):
    with pytest.raises(Refused, match="cannot become"):
        services.withdraw_item(waiting, "Reason", by=librarian_a)
    with pytest.raises(Refused, match="Only a withdrawn item"):
        services.restore_item(waiting, by=librarian_a)
    with pytest.raises(ValidationError):
        services.withdraw_item(accepted_item(waiting.library), "", by=librarian_a)


def test_withdrawing_without_telling_the_contributor_sends_nothing(library_a, librarian_a):
    item, told = services.withdraw_item(accepted_item(library_a), "Duplicate", by=librarian_a, tell_contributor=False)
    assert item.status == Status.WITHDRAWN and not told and not mail.outbox


def test_two_declines_of_one_item_leave_one_decision(waiting, librarian_a, second_librarian_a):
    services.decline_item(waiting, "First", by=librarian_a)
    with pytest.raises(Refused):
        services.decline_item(waiting, "Second", by=second_librarian_a)
    waiting.refresh_from_db()
    assert waiting.decline_reason == "First" and waiting.reviewed_by == librarian_a


# --- describing -----------------------------------------------------------------------------------
def description(**changes) -> dict:
    values = {
        "title": "Volunteers at the gate",
        "creator": "Wang Xiaoming",
        "subject": "志愿者\n\n  社区防控 \n",
        "description": "Taking temperatures at the gate.",
        "date": "2020-02-24",
        "dc_type": "StillImage",
        "dc_format": "image/jpeg",
        "language": "zh",
        "coverage": "武漢市",
        "rights": "CC BY 4.0",
    }
    values.update(changes)
    return values


def test_describing_sets_dublin_core_year_and_search_text_but_not_what_was_sent(waiting, librarian_a):
    sent = dict(waiting.submitted)
    item = services.describe_item(waiting, description(), by=librarian_a)
    item.refresh_from_db()
    assert item.title == "Volunteers at the gate" and item.year == 2020 and item.subjects == ["志愿者", "社区防控"]
    # Traditional characters are folded to Simplified in the search text.
    assert "武汉市" in item.search_text and "volunteers at the gate" in item.search_text
    assert item.submitted == sent
    assert AuditEntry.objects.get(action="archive.item_described").summary.startswith("title")


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"title": " "}, "title"), ({"date": "24/02/2020"}, "date"), ({"dc_type": "Photograph"}, "dc_type")],
)
def test_a_bad_description_changes_nothing(waiting, librarian_a, changes, field):
    with pytest.raises(ValidationError) as error:
        services.describe_item(waiting, description(**changes), by=librarian_a)
    assert field in error.value.message_dict
    waiting.refresh_from_db()
    assert waiting.title == "小区门口的志愿者" and not AuditEntry.objects.filter(action__startswith="archive.").exists()


# --- files ----------------------------------------------------------------------------------------
def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def detail(data: bytes, box) -> float:
    """How much the pixels vary inside `box` (fractions of the picture): blurred areas vary little."""
    from PIL import Image, ImageStat

    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        left, top, right, bottom = box
        region = image.convert("L").crop(
            (int(left * width), int(top * height), int(right * width), int(bottom * height))
        )
        return ImageStat.Stat(region).stddev[0]


def test_blurring_changes_the_public_picture_and_never_the_original(waiting, librarian_a):
    item_file = waiting.files.get()
    original_sha, web_before = item_file.sha256, read(item_file.web)
    services.blur_file(item_file, [(10, 20, 30, 15), (60, 60, 40, 40)], by=librarian_a)
    item_file.refresh_from_db()
    assert item_file.redacted and read(item_file.web) != web_before
    web_after = read(item_file.web)
    inside, outside = (0.12, 0.22, 0.38, 0.33), (0.45, 0.05, 0.55, 0.15)
    assert detail(web_after, inside) < detail(web_before, inside) / 3
    assert detail(web_after, outside) == pytest.approx(detail(web_before, outside), rel=0.1)
    assert sha256_of(item_file) == original_sha == hashlib.sha256(read(item_file.original)).hexdigest()
    assert services.last_blurred_areas(item_file) == "10 20 30 15\n60 60 40 40"
    services.unblur_file(item_file, by=librarian_a)
    item_file.refresh_from_db()
    assert not item_file.redacted and sha256_of(item_file) == original_sha
    entries = AuditEntry.objects.filter(action__startswith="archive.").order_by("pk").values_list("action", flat=True)
    assert list(entries) == ["archive.file_redacted", "archive.file_unredacted"]


def test_a_full_size_phone_photo_can_be_blurred(library_a, librarian_a):
    """12 megapixels of detail: as a PNG it would be over the image limit, so blurring works at web size."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    noise = Image.frombytes("RGB", (400, 300), random.Random(6).randbytes(400 * 300 * 3))
    out = io.BytesIO()
    noise.resize((4000, 3000), Image.Resampling.BICUBIC).save(out, "JPEG", quality=92)
    item = submitted_item(library_a, files=[SimpleUploadedFile("big.jpg", out.getvalue())])
    item_file = item.files.get()
    services.blur_file(item_file, [(0, 0, 10, 10)], by=librarian_a)
    item_file.refresh_from_db()
    assert item_file.redacted and max(item_file.width, item_file.height) <= 1600
    assert sha256_of(item_file) == item_file.sha256


@pytest.mark.parametrize(
    ("areas", "message"),
    [
        ([], "at least one area"),
        ([(90, 10, 20, 10)], "beyond the picture"),
        ([(10, 10, 0, 10)], "above 0"),
        ([(1, 1, 1, 1)] * 21, "at most 20"),
    ],
)
def test_bad_areas_are_refused_and_the_picture_stays(waiting, librarian_a, areas, message):
    item_file = waiting.files.get()
    before = read(item_file.web)
    with pytest.raises(ValidationError, match=message):
        services.blur_file(item_file, areas, by=librarian_a)
    item_file.refresh_from_db()
    assert not item_file.redacted and read(item_file.web) == before


def test_only_pictures_are_blurred(library_a, librarian_a):
    item = submitted_item(library_a, files=[pdf()])
    with pytest.raises(Refused, match="Only pictures"):
        services.blur_file(item.files.get(), [(0, 0, 10, 10)], by=librarian_a)


def test_a_hidden_file_and_its_caption(library_a, city, librarian_a):
    item = accepted_item(library_a, city, files=[photo(), photo("b.jpg", colour=(0, 0, 200))])
    before = item.updated_at
    first = item.files.get(position=0)
    services.set_file_hidden(first, True, by=librarian_a)
    services.set_caption(first, "  Two   volunteers at the gate ", by=librarian_a)
    first.refresh_from_db()
    item.refresh_from_db()
    assert first.hidden and first.caption == "Two volunteers at the gate"
    assert list(item.files.filter(hidden=False).values_list("position", flat=True)) == [1]
    assert item.updated_at > before  # harvesters see the change
    with pytest.raises(ValidationError):
        services.set_caption(first, "x" * 301, by=librarian_a)
    services.set_file_hidden(first, False, by=librarian_a)
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="archive.").order_by("pk")] == [
        "archive.file_hidden",
        "archive.caption_changed",
        "archive.file_shown",
    ]


# --- settings and the queue -----------------------------------------------------------------------
def test_settings_default_then_saved_and_audited(library_a, manager_a):
    assert services.settings_of(library_a).second_review is False
    services.update_settings(library_a, accepts_contributions=False, second_review=True, by=manager_a)
    saved = ArchiveSettings.objects.get(library=library_a)
    assert saved.second_review and not saved.accepts_contributions
    assert AuditEntry.objects.get(action="archive.settings_changed").library == library_a


def test_status_counts_and_the_queue_are_per_library(library_a, library_b, librarian_a):
    submitted_item(library_a)
    accepted_item(library_a)
    submitted_item(library_b)
    counts = services.status_counts(library_a)
    assert counts[Status.SUBMITTED] == 1 and counts[Status.ACCEPTED] == 1 and counts[Status.DECLINED] == 0
    assert services.staff_items(library_a).count() == 2
    assert services.staff_items(library_a, Status.ACCEPTED).count() == 1


def test_every_audit_code_has_an_english_label():
    from lantern.archive.services.takedown import AUDIT_LABELS as TAKEDOWN_LABELS

    for code, label in {**services.AUDIT_LABELS, **TAKEDOWN_LABELS}.items():
        assert code.startswith("archive.") and str(label)
