"""Ask a librarian, the services: asking (every refusal), the reference, claiming, releasing, transferring,
notes, answering (email, notice, first-response time), replying, rating, closing, canned answers, publishing
(with its ServiceRecord), masking and the statistics."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Library, Notice
from lantern.infoservice.models import CannedAnswer, KnowledgeEntry, Message, Question
from lantern.infoservice.services import ask as services
from lantern.infoservice.services import ask_queue as queue
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def asked(library, reader=None, **values) -> Question:
    """A question, from `reader` or else from an email-only asker."""
    defaults = {"subject": "Opening hours", "body": "When do you open again?", "joint": True}
    if reader is None:
        defaults |= {"name": "Dora Wu", "email": "dora@example.org"}
    return services.ask(library, reader=reader, **(defaults | values))


def answered(question, librarian, library, text="Next Monday.") -> Question:
    queue.answer(question, text, by=librarian, library=library)
    question.refresh_from_db()
    return question


# --- asking ----------------------------------------------------------------------------------------------
def test_an_email_only_question_gets_a_reference_and_an_email_with_its_keyed_link(library_a):
    question = asked(library_a, site="https://lantern.example.org")
    assert len(question.reference) == 10 and set(question.reference) <= set(services.ALPHABET)
    assert question.network == library_a.network and question.status == "new"
    assert question.respond_by > timezone.now()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["dora@example.org"]
    assert question.reference in mail.outbox[0].subject
    assert (
        f"https://lantern.example.org/alpha/ask/{question.reference}/?key={question.access_key}" in mail.outbox[0].body
    )


def test_a_signed_in_reader_is_told_on_their_account_and_may_stay_out_of_the_joint_queue(library_a, reader):
    question = asked(library_a, reader, joint=False)
    assert question.reader == reader and question.email == "" and question.network is None
    assert Notice.objects.filter(recipient=reader, link=f"/alpha/ask/{question.reference}/").exists()


def test_references_are_unguessable_and_different():
    references = {services.new_reference() for _i in range(500)}
    assert len(references) == 500
    assert not set("".join(references)) & set("01OIL")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"subject": " "}, "subject"),
        ({"body": ""}, "body"),
        ({"body": "x" * 5001}, "body"),
        ({"subject": "x" * 201}, "subject"),
        ({"name": ""}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"email": ""}, "email"),
    ],
)
def test_asking_refuses_bad_input_and_writes_nothing(library_a, values, field):
    with pytest.raises(ValidationError) as caught:
        asked(library_a, **values)
    assert field in caught.value.message_dict
    assert not Question.objects.exists() and not mail.outbox


def test_the_rate_limit_stops_the_sixth_question_an_hour(library_a):
    cache_address = "203.0.113.9"
    from django.core.cache import cache

    cache.delete(f"infoservice:ask:{cache_address}")
    for _i in range(services.QUESTIONS_PER_HOUR):
        services.allow_question_from(cache_address)
    with pytest.raises(Refused) as caught:
        services.allow_question_from(cache_address)
    assert caught.value.status == 429 and "Too many questions" in str(caught.value)


# --- the staff -------------------------------------------------------------------------------------------
def test_claim_then_someone_else_is_told_who_has_it(library_a, librarian_a, librarian_b, library_b):
    question = asked(library_a)
    queue.claim(question, by=librarian_a, library=library_a)
    assert question.status == "claimed" and question.claimed_by == librarian_a
    with pytest.raises(Refused) as caught:
        queue.claim(question, by=librarian_b, library=library_b)
    assert caught.value.reason == "taken" and "Bob is already answering" in str(caught.value)
    with pytest.raises(Refused) as caught:
        queue.claim(question, by=librarian_a, library=library_a)
    assert caught.value.reason == "already_yours"
    assert AuditEntry.objects.filter(action="infoservice.question_claimed").count() == 1


def test_release_only_by_the_claimer(library_a, librarian_a, librarian_b, library_b):
    question = asked(library_a)
    queue.claim(question, by=librarian_a, library=library_a)
    with pytest.raises(Refused):
        queue.release(question, by=librarian_b, library=library_b)
    queue.release(question, by=librarian_a, library=library_a)
    assert question.status == "new" and question.claimed_by is None


def test_transfer_passes_it_to_another_library_with_a_note_and_leaves_the_claimer(library_a, library_b, librarian_a):
    question = asked(library_a, joint=False)
    assert not Question.objects.filter(queue.visible_to(library_b)).exists()
    queue.claim(question, by=librarian_a, library=library_a)
    queue.transfer(question, to=library_b, note="They hold the local archive.", by=librarian_a, library=library_a)
    assert question.assigned_library == library_b and question.claimed_by is None and question.status == "new"
    assert Question.objects.filter(queue.visible_to(library_b)).get() == question
    assert question.messages.get().kind == Message.Kind.TRANSFER


def test_transfer_refusals(library_a, library_b, librarian_a, librarian_b):
    outsider = Library.objects.create(slug="gamma", name_zh_hans="丙", name_en="Gamma")
    question = asked(library_a)
    with pytest.raises(ValidationError) as caught:
        queue.transfer(question, to=outsider, note="x", by=librarian_a, library=library_a)
    assert "to" in caught.value.message_dict
    with pytest.raises(ValidationError):
        queue.transfer(question, to=library_a, note="x", by=librarian_a, library=library_a)
    with pytest.raises(ValidationError) as caught:
        queue.transfer(question, to=library_b, note=" ", by=librarian_a, library=library_a)
    assert "note" in caught.value.message_dict
    queue.claim(question, by=librarian_b, library=library_b)
    with pytest.raises(Refused) as caught:
        queue.transfer(question, to=library_b, note="x", by=librarian_a, library=library_a)
    assert caught.value.reason == "taken"
    assert not question.messages.exists()


def test_answer_emails_the_asker_sets_the_first_response_and_is_sanitised(library_a, library_b, librarian_b):
    question = asked(library_a)
    mail.outbox.clear()
    answered(question, librarian_b, library_b, "<script>alert(1)</script><p>Monday <strong>9:00</strong></p>")
    assert question.status == "answered" and question.first_response_at is not None
    assert question.answered_by_library == library_b and question.claimed_by == librarian_b
    body = question.messages.get(kind="answer").body
    assert "<script" not in body and "<strong>9:00</strong>" in body
    assert len(mail.outbox) == 1 and question.access_key in mail.outbox[0].body


def test_a_signed_in_reader_gets_a_notice_of_the_answer(library_a, librarian_a, reader):
    reader.language = "en"
    reader.save()
    question = asked(library_a, reader)
    answered(question, librarian_a, library_a)
    notice = Notice.objects.filter(recipient=reader, subject__startswith="A librarian answered").get()
    assert notice.link == f"/alpha/ask/{question.reference}/"
    assert any(question.reference in m.subject for m in mail.outbox if m.to == [reader.email])


def test_answer_refusals(library_a, library_b, librarian_a, librarian_b):
    question = asked(library_a)
    with pytest.raises(ValidationError):
        queue.answer(question, "  ", by=librarian_a, library=library_a)
    with pytest.raises(ValidationError):
        queue.answer(question, "<script>x</script>", by=librarian_a, library=library_a)
    queue.claim(question, by=librarian_a, library=library_a)
    with pytest.raises(Refused) as caught:
        queue.answer(question, "Mine now", by=librarian_b, library=library_b)
    assert caught.value.reason == "taken"
    answered(question, librarian_a, library_a)
    first = question.first_response_at
    with pytest.raises(Refused) as caught:
        queue.answer(question, "Again", by=librarian_a, library=library_a)
    assert caught.value.reason == "wrong_status"
    services.reply(question, "One more thing?")
    answered(question, librarian_a, library_a, "Here it is.")
    assert question.first_response_at == first  # the first response stays the first


def test_reply_reopens_and_rating_needs_an_answer(library_a, librarian_a):
    question = asked(library_a)
    with pytest.raises(Refused) as caught:
        services.rate(question, 5)
    assert caught.value.reason == "not_answered"
    answered(question, librarian_a, library_a)
    queue.close(question, by=librarian_a, library=library_a)
    services.reply(question, "<img src=x onerror=alert(1)>Thanks, but which door?")
    question.refresh_from_db()
    assert question.status == "claimed" and question.closed_at is None
    assert "onerror" not in question.messages.filter(kind="reader").get().body
    for bad in (0, 6, "x", None):
        with pytest.raises(ValidationError):
            services.rate(question, bad)
    with pytest.raises(ValidationError):
        services.rate(question, 4, "x" * 501)
    with pytest.raises(ValidationError):
        services.reply(question, "")
    services.rate(question, 4, "Helpful")
    assert Question.objects.get(pk=question.pk).rating == 4


def test_close_twice_is_refused(library_a, librarian_a):
    question = asked(library_a)
    queue.close(question, by=librarian_a, library=library_a)
    with pytest.raises(Refused):
        queue.close(question, by=librarian_a, library=library_a)


def test_internal_notes_are_audited_and_not_for_the_reader(library_a, librarian_a):
    question = asked(library_a)
    queue.add_note(question, "Ask the archive.", by=librarian_a, library=library_a)
    with pytest.raises(ValidationError):
        queue.add_note(question, "", by=librarian_a, library=library_a)
    assert list(services.reader_messages(question)) == []
    assert AuditEntry.objects.filter(action="infoservice.question_note").exists()


def test_canned_answers_add_change_remove(library_a, librarian_a):
    canned = queue.save_canned(library_a, title="Hours", body="<b>9</b>-17<script>x</script>", by=librarian_a)
    assert "<script" not in canned.body
    queue.save_canned(library_a, title="Opening hours", body="9-17", canned=canned, by=librarian_a)
    assert CannedAnswer.objects.get().title == "Opening hours"
    with pytest.raises(ValidationError) as caught:
        queue.save_canned(library_a, title="", body="", by=librarian_a)
    assert set(caught.value.message_dict) == {"title", "body"}
    queue.delete_canned(canned, by=librarian_a)
    assert not CannedAnswer.objects.exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"infoservice.canned_added", "infoservice.canned_saved", "infoservice.canned_removed"} <= actions


def test_publishing_records_a_service_and_removing_withdraws_it(library_a, library_b, librarian_b):
    question = asked(library_a)
    with pytest.raises(Refused):
        queue.publish(question, question_text="Q", answer_text="A", by=librarian_b, library=library_b)
    answered(question, librarian_b, library_b)
    with pytest.raises(ValidationError) as caught:
        queue.publish(question, question_text="", answer_text=" ", by=librarian_b, library=library_b)
    assert set(caught.value.message_dict) == {"question", "answer"}
    entry = queue.publish(
        question, question_text="When do you open?", answer_text="<p>Monday</p>", by=librarian_b, library=library_b
    )
    record = ServiceRecord.objects.get()
    assert record.library == library_b and "information" in record.categories
    with pytest.raises(Refused) as caught:
        queue.publish(question, question_text="Q", answer_text="A", by=librarian_b, library=library_b)
    assert caught.value.reason == "already_published"
    queue.unpublish(entry, by=librarian_b)
    assert not ServiceRecord.objects.exists() and not KnowledgeEntry.objects.exists()


# --- masking ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        ("Write to dora.wu+lib@mail.example.com please", "dora.wu+lib@mail.example.com"),
        ("我的手机是13800138000，谢谢", "13800138000"),
        ("Call +86 138 0013 8000 today", "138 0013 8000"),
        ("办公室电话 027-8765 4321", "8765 4321"),
        ("My name is Emma Brown and I study", "Emma Brown"),
        ("我叫李小明，想问个问题", "李小明"),
        ("Dora Wu asks: and Dora again", "Dora"),
    ],
)
def test_mask_hides_emails_phones_and_names(text, hidden):
    masked = services.mask(text, names=["Dora Wu"])
    assert hidden not in masked
    assert "[" in masked


def test_mask_keeps_ordinary_text_and_short_numbers():
    text = "The library opens at 9:00 on 3 May 2020; room 204."
    assert services.mask(text) == text


def test_the_publish_draft_is_masked(library_a, librarian_a, reader):
    question = asked(library_a, reader, body="I am Alice, my email is alice@example.org")
    answered(question, librarian_a, library_a, "Dear Alice, call 027-1234 5678.")
    question_text, answer_text = services.masked_draft(question)
    assert "alice@example.org" not in question_text and "Alice" not in question_text
    assert "Alice" not in answer_text and "1234 5678" not in answer_text


# --- statistics -------------------------------------------------------------------------------------------
# Mid-month, so that questions asked hours apart fall in one month in every time zone: on the 1st, just after
# midnight in Shanghai, the question asked three hours earlier was counted in the month before.
@time_machine.travel(datetime.datetime(2026, 3, 15, 12, 0, tzinfo=datetime.UTC))
def test_statistics_by_month_and_librarian(library_a, library_b, librarian_a, librarian_b):
    fast, slow, waiting, late = (asked(library_a, subject=f"Q{i}") for i in range(4))
    Question.objects.filter(pk=late.pk).update(respond_by=timezone.now() - datetime.timedelta(hours=1))
    for question, hours in ((fast, 1), (slow, 3)):
        Question.objects.filter(pk=question.pk).update(created_at=timezone.now() - datetime.timedelta(hours=hours))
        question.refresh_from_db()
    answered(fast, librarian_a, library_a)
    answered(slow, librarian_b, library_b)
    services.rate(fast, 5)
    services.rate(slow, 2)
    stats_a = queue.stats(library_a)
    assert stats_a["total"]["received"] == 4 and stats_a["total"]["answered"] == 2
    assert stats_a["total"]["overdue"] == 1 and stats_a["total"]["rating"] == 3.5
    assert stats_a["total"]["median_hours"] == pytest.approx(2.0, abs=0.1)
    assert stats_a["months"][0]["received"] == 4
    assert [row["name"] for row in stats_a["librarians"]] == ["Bob"]
    stats_b = queue.stats(library_b)
    assert stats_b["total"]["received"] == 1 and stats_b["librarians"][0]["name"] == "Charlie"
    assert waiting.first_response_at is None
