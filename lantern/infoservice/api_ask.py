"""API of ask a librarian: ask a question (signed in, or with a name and an email), one of my questions and
the list of my questions (signed-in readers), and the public knowledge base.

A question asked without an account answers with its follow link (carrying the access key) once, as the
page would; the key is never given again. Internal notes never appear in any answer.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer
from ninja.utils import check_csrf

from lantern.core.api_auth import TokenAuth, signed_in
from lantern.core.api_responses import Problem, refused
from lantern.core.errors import Refused
from lantern.core.permissions import get_library
from lantern.core.rate_limit import client_address

from .models import KnowledgeEntry, Question
from .services import ask as services

router = Router(tags=["ask a librarian"])
LIST_LIMIT = 200


class AskIn(Schema):
    subject: str
    body: str
    name: str = ""
    email: str = ""
    joint: bool = True


class MessageOut(Schema):
    kind: str
    library: str | None
    body: str
    created_at: datetime.datetime


class QuestionOut(Schema):
    reference: str
    library: str
    subject: str
    body: str
    status: str
    status_label: str
    joint_queue: bool
    created_at: datetime.datetime
    respond_by: datetime.datetime
    first_response_at: datetime.datetime | None
    rating: int | None
    page: str
    messages: list[MessageOut]


class AskedOut(QuestionOut):
    follow_link: str


class EntryOut(Schema):
    id: int
    question: str
    answer: str
    published_at: datetime.datetime


def _question(request, question: Question) -> dict:
    return {
        "reference": question.reference,
        "library": question.library.slug,
        "subject": question.subject,
        "body": question.body,
        "status": question.status,
        "status_label": question.get_status_display(),
        "joint_queue": question.network_id is not None,
        "created_at": question.created_at,
        "respond_by": question.respond_by,
        "first_response_at": question.first_response_at,
        "rating": question.rating,
        "page": request.build_absolute_uri(question.get_absolute_url()),
        "messages": [
            {
                "kind": message.kind,
                "library": message.library.slug if message.library else None,
                "body": message.body,
                "created_at": message.created_at,
            }
            for message in services.reader_messages(question)
        ],
    }


class NotAllowed(Exception):
    pass


def _user(request):
    """The signed-in reader (bearer token, or the session with its CSRF token), or None: asking is open to
    anyone with an email. A bad token is refused rather than silently treated as no account."""
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        user = TokenAuth().authenticate(request, header.removeprefix("Bearer ").strip())
        if user is None:
            raise NotAllowed
        return user
    if request.user.is_authenticated:
        if check_csrf(request) is not None:  # a session without CSRF could be another site posting for them
            raise NotAllowed
        return request.user
    return None


@router.post(
    "/libraries/{slug}/questions",
    response={201: AskedOut, 401: Problem, 404: Problem, 422: Problem, 429: Problem},
    summary="Ask a librarian",
    description="Signed in, or with `name` and `email` (the follow link is emailed there too). `joint`: let any "
    "library of the network answer (default). Answers with the reference number and `follow_link`, the only way "
    "back to an email-only question; 422 with the field's message on bad input, 429 when too many questions "
    "came from one connection in an hour.",
)
def ask(request, slug: str, payload: AskIn):
    library = get_library(slug)
    try:
        reader = _user(request)
    except NotAllowed:
        return Answer(401, {"detail": _("Your sign-in could not be checked. Sign in again."), "reason": "unauthorised"})
    try:
        services.allow_question_from(client_address(request))
        question = services.ask(
            library,
            subject=payload.subject,
            body=payload.body,
            reader=reader,
            name=payload.name,
            email=payload.email,
            joint=payload.joint,
            site=f"{request.scheme}://{request.get_host()}",
        )
    except Refused as exc:
        return refused(exc)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        return Answer(422, {"detail": f"{field}: {messages[0]}", "reason": "invalid"})
    return Answer(
        201, {**_question(request, question), "follow_link": request.build_absolute_uri(services.follow_path(question))}
    )


@router.get(
    "/questions/mine",
    auth=signed_in,
    response=list[QuestionOut],
    summary="My questions, the latest first",
)
def my_questions(request):
    questions = Question.objects.filter(reader=request.auth).select_related("library").order_by("-created_at", "-pk")
    return [_question(request, question) for question in questions[:LIST_LIMIT]]


@router.get(
    "/questions/mine/{reference}",
    auth=signed_in,
    response={200: QuestionOut, 401: Problem, 404: Problem},
    summary="One of my questions, with the conversation (no internal notes)",
)
def my_question(request, reference: str):
    question = Question.objects.filter(reader=request.auth, reference=reference[:20]).select_related("library").first()
    if question is None:
        return Answer(404, {"detail": _("You have no question with this reference number."), "reason": "not_found"})
    return _question(request, question)


@router.get(
    "/libraries/{slug}/answers",
    response={200: list[EntryOut], 404: Problem},
    summary="A library's knowledge base: published answers, the latest first; `q` searches them",
)
def knowledge_base(request, slug: str, q: str = ""):
    entries = KnowledgeEntry.objects.filter(library=get_library(slug))
    if q.strip():
        entries = entries.filter(question__icontains=q.strip()[:100]) | entries.filter(
            answer__icontains=q.strip()[:100]
        )
    return [
        {"id": e.pk, "question": e.question, "answer": e.answer, "published_at": e.published_at}
        for e in entries[:LIST_LIMIT]
    ]
