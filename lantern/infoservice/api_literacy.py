"""API of information-literacy guides: a library's published guides (filtered by group), one guide with its
quiz (never saying which answers are right), and taking the quiz (anyone, no sign-in: the attempt is recorded
without who took it, and the answer says what was right and why)."""

import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_responses import Problem, refused
from lantern.core.audience import Audience
from lantern.core.errors import Refused
from lantern.core.permissions import get_library

from .models import Guide, Publishable
from .services import literacy as services
from .views.literacy import published_guides

router = Router(tags=["information-literacy guides"])
LIST_LIMIT = 200


class GuideOut(Schema):
    id: int
    library: str
    title: str
    title_zh: str
    title_en: str
    summary: str
    audience: str
    published_at: datetime.datetime | None
    page: str


class ChoiceOut(Schema):
    id: int
    text: str


class QuestionOut(Schema):
    id: int
    text: str
    choices: list[ChoiceOut]


class GuideDetailOut(GuideOut):
    body: str
    questions: list[QuestionOut]


class AnswerIn(Schema):
    question: int
    choice: int


class AttemptIn(Schema):
    answers: list[AnswerIn]


class QuestionResultOut(Schema):
    question: int
    chosen: int
    right_choice: int | None
    right: bool
    explanation: str


class AttemptOut(Schema):
    score: int
    total: int
    questions: list[QuestionResultOut]


def _guide(request, guide: Guide) -> dict:
    return {
        "id": guide.pk,
        "library": guide.library.slug,
        "title": guide.title,
        "title_zh": guide.title_zh_hans or "",
        "title_en": guide.title_en or "",
        "summary": guide.summary or "",
        "audience": guide.audience,
        "published_at": guide.published_at,
        "page": request.build_absolute_uri(guide.get_absolute_url()),
    }


def _public_guide(slug: str, pk: int) -> Guide:
    guide = (
        Guide.objects.select_related("library")
        .filter(pk=pk, library=get_library(slug), status=Publishable.PUBLISHED)
        .first()
    )
    if guide is None:
        raise Http404
    return guide


@router.get(
    "/libraries/{slug}/guides",
    response={200: list[GuideOut], 404: Problem, 422: Problem},
    summary="A library's published information-literacy guides, the newest first",
    description="`audience` (e.g. `elderly`, `students`, `parents`): the guides written for that group and those "
    "written for everyone.",
)
def list_guides(request, slug: str, audience: str = ""):
    library = get_library(slug)
    if audience and audience not in Audience.values:
        return Answer(
            422,
            {
                "detail": _("Choose a group from: %(groups)s.") % {"groups": ", ".join(Audience.values)},
                "reason": "bad_filter",
            },
        )
    return [_guide(request, guide) for guide in published_guides(library, audience)[:LIST_LIMIT]]


@router.get(
    "/libraries/{slug}/guides/{pk}",
    response={200: GuideDetailOut, 404: Problem},
    summary="One guide, with its quiz questions and answers (which answers are right is not given)",
)
def one_guide(request, slug: str, pk: int):
    guide = _public_guide(slug, pk)
    questions = [
        {
            "id": question.pk,
            "text": question.text,
            "choices": [{"id": choice.pk, "text": choice.text} for choice in question.choices.all()],
        }
        for question in services.quiz_of(guide)
    ]
    return {**_guide(request, guide), "body": guide.body, "questions": questions}


@router.post(
    "/libraries/{slug}/guides/{pk}/attempts",
    response={201: AttemptOut, 404: Problem, 409: Problem, 422: Problem},
    summary="Take the guide's quiz: one answer per question; the result says what was right and why",
    description="Recorded without who took it. 422 with reason `unanswered` when a question has no answer, "
    "`bad_answer` when an answer is not one of its question's, `duplicate` when a question is answered twice; "
    "nothing is recorded then.",
)
def take_quiz(request, slug: str, pk: int, attempt: AttemptIn):
    guide = _public_guide(slug, pk)
    chosen = {}
    for answer in attempt.answers:
        if answer.question in chosen:
            return Answer(422, {"detail": _("Give one answer per question."), "reason": "duplicate"})
        chosen[answer.question] = answer.choice
    known = set(guide.questions.values_list("pk", flat=True))
    if not set(chosen) <= known:
        return Answer(
            422, {"detail": _("An answer is for a question this guide does not have."), "reason": "bad_answer"}
        )
    try:
        result = services.score_quiz(guide, chosen)
    except Refused as exc:
        return refused(exc)
    return Answer(
        201,
        {
            "score": result["score"],
            "total": result["total"],
            "questions": [
                {
                    "question": row["question"].pk,
                    "chosen": row["chosen"].pk,
                    "right_choice": row["right_choice"].pk if row["right_choice"] else None,
                    "right": row["right"],
                    "explanation": row["question"].explanation or "",
                }
                for row in result["rows"]
            ],
        },
    )
