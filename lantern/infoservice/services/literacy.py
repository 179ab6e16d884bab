"""Everything that changes information-literacy guides: the guide, its self-check quiz, publishing (through
`approval`), and readers' quiz attempts.

Each question has two to five answers and exactly one right answer, so readers choose with radio buttons
and a score is plain to read. Staff functions validate first (ValidationError keyed by form field, in the
active language), then write in one transaction with an audit entry. A published guide counts as an
information service (with targeted groups when it is aimed at a group); withdrawing it removes the record.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lantern.core.audience import Audience
from lantern.core.errors import Refused
from lantern.core.ordering import swap_with_neighbour
from lantern.core.sanitise import clean_html
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Guide, Publishable, QuizAttempt, QuizChoice, QuizQuestion
from . import approval

TITLE_MAX = 200
SUMMARY_MAX = 300
BODY_MAX = 50_000
QUESTION_MAX = 300
EXPLANATION_MAX = 500
ANSWER_MAX = 200
MIN_ANSWERS, MAX_ANSWERS = 2, 5


def _clean(value) -> str:
    return (value or "").strip()


def _too_long(errors: dict, data: dict, fields, limit: int) -> None:
    for field in fields:
        if len(data[field]) > limit:
            errors[field] = [_("At most %(n)s characters.") % {"n": limit}]


# --- the guide -----------------------------------------------------------------------------------
def check_guide(
    *, title_zh_hans="", title_en="", summary_zh_hans="", summary_en="", body_zh_hans="", body_en="", audience=""
) -> dict:
    """Validate a guide's fields; return them cleaned (bodies as safe HTML with headings), or raise
    ValidationError by field."""
    data = {
        "title_zh_hans": _clean(title_zh_hans),
        "title_en": _clean(title_en),
        "summary_zh_hans": _clean(summary_zh_hans),
        "summary_en": _clean(summary_en),
        "audience": _clean(audience),
    }
    errors: dict[str, list] = {}
    if not data["title_zh_hans"] and not data["title_en"]:
        errors["title_zh_hans"] = [_("Give the guide a title in Chinese, in English or in both.")]
    _too_long(errors, data, ("title_zh_hans", "title_en"), TITLE_MAX)
    _too_long(errors, data, ("summary_zh_hans", "summary_en"), SUMMARY_MAX)
    for field, raw in (("body_zh_hans", body_zh_hans), ("body_en", body_en)):
        if len(raw or "") > BODY_MAX:
            errors[field] = [_("At most %(n)s characters.") % {"n": BODY_MAX}]
            data[field] = ""
        else:
            data[field] = clean_html(raw or "", headings=True)
    if "body_zh_hans" not in errors and "body_en" not in errors and not data["body_zh_hans"] and not data["body_en"]:
        errors["body_zh_hans"] = [_("Write the guide in Chinese, in English or in both.")]
    if data["audience"] and data["audience"] not in Audience.values:
        errors["audience"] = [_("Choose an audience from the list.")]
    if errors:
        raise ValidationError(errors)
    return data


def _apply(guide: Guide, data: dict) -> None:
    for field, value in data.items():
        setattr(guide, field, value)


def create_guide(library, *, by, **fields) -> Guide:
    """A new draft guide of `library` (staff only: the view checks)."""
    data = check_guide(**fields)
    guide = Guide(library=library, created_by=by if getattr(by, "is_authenticated", False) else None)
    _apply(guide, data)
    with transaction.atomic():
        guide.save()
        record_audit(by, "infoservice.guide_created", guide, library=library, summary=guide.title)
    return guide


def update_guide(guide: Guide, *, by, **fields) -> Guide:
    """Change the guide; a published guide's service record follows its title and audience."""
    data = check_guide(**fields)
    _apply(guide, data)
    with transaction.atomic():
        guide.save()
        if guide.status == Publishable.PUBLISHED:
            _record_publication(guide)
        record_audit(by, "infoservice.guide_updated", guide, library=guide.library, summary=guide.title)
    return guide


# --- quiz questions ------------------------------------------------------------------------------
def check_question(*, text_zh_hans="", text_en="", explanation_zh_hans="", explanation_en="", answers=(), correct=None):
    """Validate a question. `answers` is a list of (Chinese, English) pairs, blank pairs ignored; `correct` is
    the index (from 0) of the right pair in `answers`. Returns the cleaned fields and the kept answers
    as (zh, en, is_right)."""
    data = {
        "text_zh_hans": _clean(text_zh_hans),
        "text_en": _clean(text_en),
        "explanation_zh_hans": _clean(explanation_zh_hans),
        "explanation_en": _clean(explanation_en),
    }
    errors: dict[str, list] = {}
    if not data["text_zh_hans"] and not data["text_en"]:
        errors["text_zh_hans"] = [_("Write the question in Chinese, in English or in both.")]
    _too_long(errors, data, ("text_zh_hans", "text_en"), QUESTION_MAX)
    _too_long(errors, data, ("explanation_zh_hans", "explanation_en"), EXPLANATION_MAX)
    kept = []
    for index, (zh, en) in enumerate(answers):
        zh, en = _clean(zh), _clean(en)
        if len(zh) > ANSWER_MAX or len(en) > ANSWER_MAX:
            errors["answers"] = [_("An answer has at most %(n)s characters.") % {"n": ANSWER_MAX}]
        if zh or en:
            kept.append((zh, en, index == correct))
    if not MIN_ANSWERS <= len(kept) <= MAX_ANSWERS:
        errors.setdefault("answers", [_("Give from 2 to 5 answers.")])
    elif correct is None or not any(right for _zh, _en, right in kept):
        errors["correct"] = [_("Choose which of the answers you gave is the right one.")]
    if errors:
        raise ValidationError(errors)
    data["answers"] = kept
    return data


def _save_question(question: QuizQuestion, data: dict) -> None:
    for field in ("text_zh_hans", "text_en", "explanation_zh_hans", "explanation_en"):
        setattr(question, field, data[field])
    question.save()
    # Answers are replaced as a whole: old attempts keep only right-or-not, never a chosen answer's id.
    question.choices.all().delete()
    QuizChoice.objects.bulk_create(
        QuizChoice(question=question, text_zh_hans=zh, text_en=en, correct=right) for zh, en, right in data["answers"]
    )


def add_question(guide: Guide, *, by, **fields) -> QuizQuestion:
    """A new question at the end of the guide's quiz."""
    data = check_question(**fields)
    with transaction.atomic():
        last = guide.questions.aggregate(last=Max("position"))["last"]
        question = QuizQuestion(guide=guide, position=(last or 0) + 1)
        _save_question(question, data)
        record_audit(by, "infoservice.guide_question_added", guide, library=guide.library, summary=question.text)
    return question


def update_question(question: QuizQuestion, *, by, **fields) -> QuizQuestion:
    data = check_question(**fields)
    guide = question.guide
    with transaction.atomic():
        _save_question(question, data)
        record_audit(by, "infoservice.guide_question_updated", guide, library=guide.library, summary=question.text)
    return question


def remove_question(question: QuizQuestion, *, by) -> None:
    """Remove a question; a published or waiting guide keeps at least one."""
    guide = question.guide
    live = guide.status in (Publishable.PUBLISHED, Publishable.PENDING)
    if live and not _answerable(guide.questions.exclude(pk=question.pk)):
        raise Refused(
            _("A published guide needs at least one quiz question. Withdraw the guide first."), "last_question", 409
        )
    with transaction.atomic():
        record_audit(by, "infoservice.guide_question_removed", guide, library=guide.library, summary=question.text)
        question.delete()


def move_question(question: QuizQuestion, *, by, up: bool) -> None:
    """Swap the question with the one before (up) or after it; nothing happens at either end."""
    guide = question.guide
    with transaction.atomic():
        siblings = guide.questions.select_for_update().order_by("position", "pk")
        if not swap_with_neighbour(siblings, question, "up" if up else "down"):
            return
        record_audit(by, "infoservice.guide_question_moved", guide, library=guide.library, summary=question.text)


# --- publishing ----------------------------------------------------------------------------------
def _answerable(questions) -> bool:
    return questions.filter(choices__correct=True).exists()


def _record_publication(guide: Guide):
    return record_service(
        library=guide.library,
        date=timezone.localdate(guide.published_at),
        categories=[Category.INFORMATION],
        features=[Feature.TARGETED_GROUPS] if guide.audience else [],
        title_zh=guide.title_zh_hans or "",
        title_en=guide.title_en or "",
        source_object=guide,
        link=guide.get_absolute_url(),
    )


def _locked(guide: Guide) -> Guide:
    # Two staff pressing buttons at once: re-read the guide under a lock so that each sees the other's step.
    fresh = Guide.objects.select_for_update().select_related("library").get(pk=guide.pk)
    guide.status = fresh.status
    return fresh


def submit_guide(guide: Guide, *, by) -> bool:
    """Publish the guide, or send it for a colleague's approval when the library asks for one. Refused
    without a quiz question that has a right answer. Returns True when it is now published."""
    with transaction.atomic():
        fresh = _locked(guide)
        if not _answerable(fresh.questions.all()):
            raise Refused(_("Add at least one quiz question with a right answer before publishing."), "no_quiz", 422)
        published = approval.submit(fresh, by=by)
        if published:
            _record_publication(fresh)
        action = "infoservice.guide_published" if published else "infoservice.guide_submitted"
        record_audit(by, action, fresh, library=fresh.library, summary=fresh.title)
    _copy_state(fresh, guide)
    return published


def approve_guide(guide: Guide, *, by) -> None:
    """A second staff member approves a waiting guide: it is published and counted."""
    with transaction.atomic():
        fresh = _locked(guide)
        if not _answerable(fresh.questions.all()):
            raise Refused(_("Add at least one quiz question with a right answer before publishing."), "no_quiz", 422)
        approval.approve(fresh, by=by)
        _record_publication(fresh)
        record_audit(by, "infoservice.guide_approved", fresh, library=fresh.library, summary=fresh.title)
    _copy_state(fresh, guide)


def send_back_guide(guide: Guide, *, by) -> None:
    """A reviewer returns a waiting guide to a draft."""
    with transaction.atomic():
        fresh = _locked(guide)
        approval.send_back(fresh, by=by)
        record_audit(by, "infoservice.guide_sent_back", fresh, library=fresh.library, summary=fresh.title)
    _copy_state(fresh, guide)


def withdraw_guide(guide: Guide, *, by) -> None:
    """Take a published guide off the readers' pages (it is kept, with its quiz statistics)."""
    with transaction.atomic():
        fresh = _locked(guide)
        approval.withdraw(fresh, by=by)
        withdraw_service(fresh)
        record_audit(by, "infoservice.guide_withdrawn", fresh, library=fresh.library, summary=fresh.title)
    _copy_state(fresh, guide)


def _copy_state(source: Guide, target: Guide) -> None:
    for field in ("status", "approved_by_id", "published_at"):
        setattr(target, field, getattr(source, field))


# --- readers' attempts ---------------------------------------------------------------------------
def quiz_of(guide: Guide) -> list[QuizQuestion]:
    """The guide's questions in order, each with its answers (prefetched)."""
    return list(guide.questions.prefetch_related("choices").order_by("position", "pk"))


def score_quiz(guide: Guide, chosen: dict) -> dict:
    """Score a reader's answers ({question id: answer id}) and record the attempt, without who took it.

    Refused, with nothing recorded, when the guide is not published, an answer is not one of that question's,
    or a question is unanswered (`missing` lists their numbers, from 1). Returns the score, the total and,
    per question, the answer chosen, the right one and whether they match."""
    if guide.status != Publishable.PUBLISHED:
        raise Refused(_("This guide is not published, so its quiz cannot be taken."), "not_published", 409)
    questions = quiz_of(guide)
    if not questions:
        raise Refused(_("This guide has no quiz."), "no_quiz", 409)
    rows, missing = [], []
    for number, question in enumerate(questions, start=1):
        choices = {choice.pk: choice for choice in question.choices.all()}
        picked = chosen.get(question.pk)
        if picked is None:
            missing.append(number)
            continue
        if picked not in choices:
            raise Refused(_("An answer does not belong to its question. Reload the page and try again."), "bad_answer")
        right_choice = next((c for c in choices.values() if c.correct), None)
        rows.append(
            {
                "question": question,
                "chosen": choices[picked],
                "right_choice": right_choice,
                "right": choices[picked].correct,
            }
        )
    if missing:
        exc = Refused(
            ngettext(
                "Answer every question to see your score. Not answered yet: question %(numbers)s.",
                "Answer every question to see your score. Not answered yet: questions %(numbers)s.",
                len(missing),
            )
            % {"numbers": ", ".join(str(n) for n in missing)},
            "unanswered",
        )
        exc.missing = missing
        raise exc
    score = sum(1 for row in rows if row["right"])
    QuizAttempt.objects.create(
        guide=guide,
        score=score,
        total=len(rows),
        results={str(row["question"].pk): row["right"] for row in rows},
    )
    return {"score": score, "total": len(rows), "rows": rows}


def quiz_statistics(guide: Guide) -> dict:
    """How readers did: attempts, the average share of right answers (percent), and per current question
    the share of attempts that answered it right (None before anyone has)."""
    attempts = list(QuizAttempt.objects.filter(guide=guide).values_list("score", "total", "results"))
    shares = [score / total for score, total, _results in attempts if total]
    per_question = []
    for question in guide.questions.order_by("position", "pk"):
        answered = [results[str(question.pk)] for _s, _t, results in attempts if str(question.pk) in results]
        percent = round(100 * sum(answered) / len(answered)) if answered else None
        per_question.append({"question": question, "answered": len(answered), "percent_right": percent})
    return {
        "attempts": len(attempts),
        "average_percent": round(100 * sum(shares) / len(shares)) if shares else None,
        "questions": per_question,
    }
