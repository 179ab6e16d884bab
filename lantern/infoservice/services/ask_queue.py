"""Ask a librarian, the staff's side: the queue of a library (its own questions, those passed to it, and its
network's joint queue), claiming, releasing, transferring, internal notes, answering, closing, canned answers,
publishing a good answer to the knowledge base, and the statistics.

Claiming is one conditional UPDATE (`status = new AND claimed_by IS NULL`): of two librarians claiming at
once, exactly one changes the row; the other is told who has it. Answering is guarded the same way, so an
answer is never written over someone else's claim.

Measurement: the codebook's unit is an announcement a library publishes. A private answer to one reader is
not one; a knowledge-base entry is (a public answer, "reference help ... online forms" under information).
So each published entry records one ServiceRecord (information), withdrawn when the entry is removed.
"""

import statistics
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.sanitise import clean_html, visible_text
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category

from ..models import CannedAnswer, KnowledgeEntry, Message, Question
from .ask import BODY_MAX, OPEN, tell_reader

NEW, CLAIMED, ANSWERED, CLOSED = (
    Question.Status.NEW,
    Question.Status.CLAIMED,
    Question.Status.ANSWERED,
    Question.Status.CLOSED,
)


def visible_to(library: Library) -> Q:
    """The questions a library's staff may see and act on."""
    seen = Q(library=library) | Q(assigned_library=library)
    if library.network_id:
        seen |= Q(network_id=library.network_id)
    return seen


def overdue_q(now=None) -> Q:
    return Q(first_response_at__isnull=True, respond_by__lt=now or timezone.now()) & ~Q(status=CLOSED)


def is_overdue(question: Question, now=None) -> bool:
    now = now or timezone.now()
    return question.first_response_at is None and question.status != CLOSED and question.respond_by < now


def _text(text: str, field: str, empty) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: [empty]})
    if len(text) > BODY_MAX:
        raise ValidationError({field: [_("Keep it under %(max)d characters.") % {"max": BODY_MAX}]})
    return text


def _holder_name(question: Question) -> str:
    holder = question.claimed_by
    return (holder.name or holder.username) if holder else _("another librarian")


def claim(question: Question, *, by, library: Library) -> Question:
    """Take the question to answer it. Refused if someone else has it (saying who) or it is not new."""
    with transaction.atomic():
        taken = Question.objects.filter(pk=question.pk, status=NEW, claimed_by__isnull=True).update(
            status=CLAIMED, claimed_by=by, claimed_at=timezone.now()
        )
        question.refresh_from_db()
        if not taken:
            if question.claimed_by_id == by.pk:
                raise Refused(_("You are already answering this question."), "already_yours", 409)
            if question.claimed_by_id:
                raise Refused(
                    _("%(name)s is already answering this question.") % {"name": _holder_name(question)}, "taken", 409
                )
            raise Refused(_("Only a new question can be claimed."), "wrong_status", 409)
        record_audit(by, "infoservice.question_claimed", question, library=library)
    return question


def release(question: Question, *, by, library: Library) -> Question:
    """Give the question back to the queue."""
    with transaction.atomic():
        if not Question.objects.filter(pk=question.pk, status=CLAIMED, claimed_by=by).update(
            status=NEW, claimed_by=None, claimed_at=None
        ):
            raise Refused(_("Only the librarian answering a question can give it back."), "not_yours", 409)
        record_audit(by, "infoservice.question_released", question, library=library)
    question.refresh_from_db()
    return question


def transfer(question: Question, *, to: Library, note: str, by, library: Library) -> Message:
    """Pass the question to another library of the network, with a note for its staff; it leaves the claimer."""
    note = _text(note, "note", _("Say why you pass the question on, for the other library's staff."))
    if question.status not in OPEN:
        raise Refused(_("Only an open question can be passed on."), "wrong_status", 409)
    if question.claimed_by_id not in (None, by.pk):
        raise Refused(_("%(name)s is answering this question.") % {"name": _holder_name(question)}, "taken", 409)
    home = question.library
    current = question.assigned_library_id or home.pk
    if not home.network_id or to.network_id != home.network_id or to.pk == current:
        raise ValidationError({"to": [_("Choose another library of the same network.")]})
    with transaction.atomic():
        holder = Q(claimed_by=by) if question.claimed_by_id else Q(claimed_by__isnull=True)
        if not Question.objects.filter(holder, pk=question.pk, status__in=OPEN).update(
            assigned_library=to, status=NEW, claimed_by=None, claimed_at=None
        ):
            raise Refused(_("Someone changed this question meanwhile. Look again."), "changed", 409)
        message = Message.objects.create(
            question=question, kind=Message.Kind.TRANSFER, author=by, library=library, body=clean_html(note)
        )
        record_audit(by, "infoservice.question_transferred", question, library=library, summary=to.slug)
    question.refresh_from_db()
    return message


def add_note(question: Question, text: str, *, by, library: Library) -> Message:
    """An internal note for the staff; the reader never sees it."""
    text = _text(text, "body", _("Write the note."))
    with transaction.atomic():
        message = Message.objects.create(
            question=question, kind=Message.Kind.NOTE, author=by, library=library, body=clean_html(text)
        )
        record_audit(by, "infoservice.question_note", question, library=library)
    return message


def answer(question: Question, text: str, *, by, library: Library, site: str = "") -> Message:
    """Send an answer to the reader (by email and on the page). An unclaimed question is claimed by the answer;
    one claimed by someone else is refused. The first answer sets the first-response time."""
    body = clean_html(_text(text, "body", _("Write the answer.")))
    if not visible_text(body).strip():
        raise ValidationError({"body": [_("Write the answer.")]})
    now = timezone.now()
    with transaction.atomic():
        mine = Q(claimed_by=by) | Q(claimed_by__isnull=True)
        if not Question.objects.filter(mine, pk=question.pk, status__in=OPEN).update(
            status=ANSWERED, claimed_by=by, answered_by_library=library
        ):
            question.refresh_from_db()
            if question.status not in OPEN:
                raise Refused(_("This question is not waiting for an answer."), "wrong_status", 409)
            raise Refused(_("%(name)s is answering this question.") % {"name": _holder_name(question)}, "taken", 409)
        Question.objects.filter(pk=question.pk, first_response_at__isnull=True).update(first_response_at=now)
        question.refresh_from_db()
        message = Message.objects.create(
            question=question, kind=Message.Kind.ANSWER, author=by, library=library, body=body
        )
        tell_reader(
            question,
            gettext_lazy("A librarian answered your question %(ref)s") % {"ref": question.reference},
            gettext_lazy("Read the answer on the question's page; you can reply or rate it there."),
            site=site,
        )
        record_audit(by, "infoservice.question_answered", question, library=library)
    return message


def close(question: Question, *, by, library: Library) -> Question:
    if question.status == CLOSED:
        raise Refused(_("This question is already closed."), "wrong_status", 409)
    with transaction.atomic():
        question.status, question.closed_at = CLOSED, timezone.now()
        question.save(update_fields=["status", "closed_at"])
        record_audit(by, "infoservice.question_closed", question, library=library)
    return question


# --- canned answers ------------------------------------------------------------------------------
def save_canned(library: Library, *, title: str, body: str, canned: CannedAnswer | None = None, by) -> CannedAnswer:
    errors: dict[str, list] = {}
    title = (title or "").strip()
    if not title or len(title) > 200:
        errors["title"] = [_("Give the canned answer a title (up to 200 characters).")]
    try:
        body = _text(body, "body", _("Write the answer."))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    canned = canned or CannedAnswer(library=library)
    created = canned.pk is None
    canned.title, canned.body = title, clean_html(body)
    with transaction.atomic():
        canned.save()
        record_audit(
            by, "infoservice.canned_saved" if not created else "infoservice.canned_added", canned, library=library
        )
    return canned


def delete_canned(canned: CannedAnswer, *, by) -> None:
    with transaction.atomic():
        record_audit(by, "infoservice.canned_removed", canned, library=canned.library, summary=canned.title)
        canned.delete()


# --- the knowledge base --------------------------------------------------------------------------
def publish(
    question: Question, *, question_text: str, answer_text: str, by, library: Library, demo: bool = False
) -> KnowledgeEntry:
    """Publish an answered question, as staff edited it (personal details taken out), for everyone."""
    if question.first_response_at is None:
        raise Refused(_("Only an answered question can be published."), "not_answered", 409)
    if KnowledgeEntry.objects.filter(source=question).exists():
        raise Refused(_("This question is already in the knowledge base."), "already_published", 409)
    errors: dict[str, list] = {}
    for field, text, empty in (
        ("question", question_text, _("Write the question as it will be published.")),
        ("answer", answer_text, _("Write the answer as it will be published.")),
    ):
        try:
            _text(text, field, empty)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry = KnowledgeEntry.objects.create(
            library=library,
            source=question,
            question=question_text.strip(),
            answer=clean_html(answer_text),
            published_by=by,
            is_demo=demo,
        )
        _record(entry)
        record_audit(by, "infoservice.answer_published", entry, library=library)
    return entry


def _record(entry: KnowledgeEntry) -> None:
    title = entry.question.splitlines()[0][:150]
    record_service(
        library=entry.library,
        date=timezone.localdate(entry.published_at),
        categories=[Category.INFORMATION],
        title_zh=title,
        title_en=title,
        source_object=entry,
        link=reverse("infoservice:knowledge_base", args=[entry.library.slug]) + f"#entry-{entry.pk}",
    )


def unpublish(entry: KnowledgeEntry, *, by) -> None:
    """Take an entry off the knowledge base (and its ServiceRecord with it)."""
    with transaction.atomic():
        withdraw_service(entry)
        record_audit(by, "infoservice.answer_unpublished", entry, library=entry.library, summary=entry.question[:100])
        entry.delete()


# --- statistics ----------------------------------------------------------------------------------
def _summary(questions, now) -> dict:
    waits = [(q.first_response_at - q.created_at).total_seconds() / 3600 for q in questions if q.first_response_at]
    ratings = [q.rating for q in questions if q.rating]
    return {
        "received": len(questions),
        "answered": len(waits),
        "median_hours": round(statistics.median(waits), 1) if waits else None,
        "overdue": sum(1 for q in questions if is_overdue(q, now)),
        "rating": round(sum(ratings) / len(ratings), 1) if ratings else None,
    }


def stats(library: Library) -> dict:
    """Questions asked at the library or answered by it, by month; and per librarian who answered for it."""
    now = timezone.now()
    questions = list(
        Question.objects.filter(Q(library=library) | Q(answered_by_library=library)).select_related("claimed_by")
    )
    months = defaultdict(list)
    for question in questions:
        months[timezone.localtime(question.created_at).strftime("%Y-%m")].append(question)
    people = defaultdict(list)
    for question in questions:
        if question.answered_by_library_id == library.pk and question.claimed_by:
            people[question.claimed_by].append(question)
    return {
        "total": _summary(questions, now),
        "months": [{"month": month, **_summary(rows, now)} for month, rows in sorted(months.items(), reverse=True)],
        "librarians": [
            {"name": person.name or person.username, **_summary(rows, now)}
            for person, rows in sorted(people.items(), key=lambda item: item[0].pk)
        ],
    }
