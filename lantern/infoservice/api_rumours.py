"""API of rumour checks: a library's published checks (search, topic), one check with its verdict and
evidence (anyone), and sending in a message one doubts (anyone; a bearer token makes it the reader's own).

A doubt sent without a token is anonymous even from a signed-in browser: a session would need the CSRF
check, and binding a message to an account without it would let another site send in the reader's name.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_auth import TokenAuth
from lantern.core.api_responses import Problem, refused
from lantern.core.errors import Refused
from lantern.core.permissions import get_library
from lantern.core.rate_limit import client_address

from .models import Publishable, RumourCheck
from .services import rumours as services

router = Router(tags=["rumour checks"])
LIST_LIMIT = 200


class EvidenceOut(Schema):
    title: str
    url: str
    publisher: str
    published_on: datetime.date | None
    note: str


class CheckOut(Schema):
    id: int
    library: str
    claim: str
    claim_zh: str
    claim_en: str
    verdict: str
    verdict_label: str
    summary: str
    circulated_in: str
    first_seen_on: datetime.date | None
    published_at: datetime.datetime | None
    topics: list[str]
    page: str
    card: str


class CheckDetailOut(CheckOut):
    explanation: str
    evidence: list[EvidenceOut]


class DoubtIn(Schema):
    text: str = ""
    link: str = ""
    email: str = ""


class DoubtOut(Schema):
    reference: str
    status: str
    page: str
    matches: list[CheckOut]


def _check(request, check: RumourCheck) -> dict:
    return {
        "id": check.pk,
        "library": check.library.slug,
        "claim": check.claim,
        "claim_zh": check.claim_zh_hans or "",
        "claim_en": check.claim_en or "",
        "verdict": check.verdict,
        "verdict_label": check.get_verdict_display(),
        "summary": check.summary,
        "circulated_in": check.circulated_in,
        "first_seen_on": check.first_seen_on,
        "published_at": check.published_at,
        "topics": [topic.slug for topic in check.topics.all()],
        "page": request.build_absolute_uri(check.get_absolute_url()),
        "card": request.build_absolute_uri(reverse("infoservice:check_card", args=[check.library.slug, check.pk])),
    }


def _published(library):
    return (
        RumourCheck.objects.filter(library=library, status=Publishable.PUBLISHED)
        .select_related("library")
        .prefetch_related("topics")
    )


@router.get(
    "/libraries/{slug}/rumour-checks",
    response={200: list[CheckOut], 404: Problem, 422: Problem},
    summary="A library's published rumour checks, the latest first",
    description="`q`: words that must all appear in the claim, verdict or explanation (Chinese or English); "
    "`topic`: a topic's slug.",
)
def list_checks(request, slug: str, q: str = "", topic: str = ""):
    library = get_library(slug)
    if len(q) > 200:
        return Answer(422, {"detail": _("Keep the search under 200 characters."), "reason": "bad_query"})
    checks = _published(library)
    if topic:
        if not library.info_topics.filter(slug=topic).exists():
            return Answer(422, {"detail": _("This library has no such topic."), "reason": "bad_topic"})
        checks = checks.filter(topics__slug=topic)
    if q.strip():
        checks = services.search(checks, q.strip())
    return [_check(request, check) for check in checks.distinct().order_by("-published_at", "-pk")[:LIST_LIMIT]]


@router.get(
    "/libraries/{slug}/rumour-checks/{pk}",
    response={200: CheckDetailOut, 404: Problem},
    summary="One published rumour check, with its explanation (sanitised HTML) and evidence",
)
def one_check(request, slug: str, pk: int):
    check = _published(get_library(slug)).filter(pk=pk).first()
    if check is None:
        raise Http404
    data = _check(request, check)
    data["explanation"] = check.explanation
    data["evidence"] = [
        {"title": e.title, "url": e.url, "publisher": e.publisher, "published_on": e.published_on, "note": e.note or ""}
        for e in check.evidence.all()
    ]
    return data


def _anyone(request):
    return "anonymous"


@router.post(
    "/libraries/{slug}/doubts",
    auth=[TokenAuth(), _anyone],
    response={201: DoubtOut, 404: Problem, 422: Problem, 429: Problem},
    summary="Send in a message you doubt (text and/or link); returns its reference and the checks that match",
    description="`text` or `link` (at least one); `email` to be told the answer (ignored with a bearer token: "
    "the reader is told on their account). Keep `page`: it is the only way to follow an anonymous message. "
    "At most 10 messages an hour from one address (429).",
)
def send_doubt(request, slug: str, payload: DoubtIn):
    library = get_library(slug)
    reader = request.auth if request.auth != "anonymous" else None
    errors = {}
    link, email = payload.link.strip(), payload.email.strip()
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            errors["link"] = _("Give the link as a full web address (https://...).")
    if len(link) > 500:
        errors["link"] = _("Keep the link under 500 characters.")
    if email and not reader:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = _("Give a valid email address, or none.")
    if errors:
        return Answer(422, {"detail": " ".join(errors.values()), "reason": "bad_input"})
    try:
        doubt = services.send_doubt(
            library,
            text=payload.text,
            link=link,
            reader=reader,
            email=email,
            address=client_address(request),
        )
    except Refused as exc:
        return refused(exc)
    except ValidationError as exc:
        return Answer(422, {"detail": " ".join(exc.messages), "reason": "bad_input"})
    matches = services.find_matches(library, doubt.text, doubt.link)
    return Answer(
        201,
        {
            "reference": doubt.reference,
            "status": doubt.status,
            "page": request.build_absolute_uri(services.doubt_path(doubt)),
            "matches": [_check(request, check) for check in matches],
        },
    )
