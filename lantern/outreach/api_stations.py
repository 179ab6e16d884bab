"""API of reading stations: a library's stations with their counts and open requests, and one station (staff of
the library, by session or bearer token); and the site contact's side, reached with the station's secret token
(what the station holds, asking for books or a rotation, reporting usage). Staff answers never include the
token; an unknown or replaced token is a plain 404."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, refused
from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from .models import Station, StationRequest
from .services import stations as services

router = Router(tags=["stations"])
LIST_LIMIT = 200


class RequestOut(Schema):
    id: int
    kind: str
    quantity: int | None
    message: str
    status: str
    created_at: datetime.datetime
    answer: str


class StationOut(Schema):
    id: int
    library: str
    name: str
    name_zh: str
    name_en: str
    site: str
    status: str
    address: str
    host: str | None
    opens_on: datetime.date
    closes_on: datetime.date | None
    at_station: int
    sent: int
    returned: int
    lost: int
    readers: int
    books_used: int
    last_report_end: datetime.date | None
    open_requests: list[RequestOut]


def _station(station: Station) -> dict:
    counted = services.counts(station)
    last = station.reports.order_by("-period_end", "-pk").first()
    open_requests = station.requests.filter(status=StationRequest.Status.OPEN).order_by("created_at", "pk")
    return {
        "id": station.pk,
        "library": station.library.slug,
        "name": station.name,
        "name_zh": station.name_zh_hans or "",
        "name_en": station.name_en or "",
        "site": station.site,
        "status": station.status,
        "address": station.address,
        "host": station.host.name if station.host else None,
        "opens_on": station.opens_on,
        "closes_on": station.closes_on,
        **{key: counted[key] for key in ("at_station", "sent", "returned", "lost", "readers", "books_used")},
        "last_report_end": last.period_end if last else None,
        "open_requests": [
            {
                "id": r.pk,
                "kind": r.kind,
                "quantity": r.quantity,
                "message": r.message,
                "status": r.status,
                "created_at": r.created_at,
                "answer": r.answer,
            }
            for r in open_requests
        ],
    }


@router.get(
    "/libraries/{slug}/stations",
    auth=signed_in,
    response={200: list[StationOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="A library's reading stations with their counts and open requests (staff)",
    description="`status`: `planned`, `open` or `closed` (default: all). Counts always add up: "
    "`sent` = `at_station` + `returned` + `lost`.",
)
def list_stations(request, slug: str, status: str = ""):
    library = get_library_for_staff(request.auth, slug)
    if status and status not in Station.Status.values:
        return Answer(422, {"detail": _("Filter by status: planned, open or closed."), "reason": "bad_filter"})
    stations = Station.objects.filter(library=library).select_related("library", "host").order_by("-opens_on", "pk")
    if status:
        stations = stations.filter(status=status)
    return [_station(station) for station in stations[:LIST_LIMIT]]


@router.get(
    "/libraries/{slug}/stations/{pk}",
    auth=signed_in,
    response={200: StationOut, 401: Problem, 403: Problem, 404: Problem},
    summary="One reading station (staff)",
)
def one_station(request, slug: str, pk: int):
    library = get_library_for_staff(request.auth, slug)
    station = Station.objects.filter(library=library, pk=pk).select_related("library", "host").first()
    if station is None:
        raise Http404
    return _station(station)


# --- the site contact, with the station's token --------------------------------------------------
class SiteOut(Schema):
    name: str
    address: str
    status: str
    library: str
    library_phone: str
    at_station: int
    sent: int
    returned: int
    lost: int
    titles: list[str]
    requests: list[RequestOut]


class SiteRequestIn(Schema):
    kind: str
    quantity: int | None = None
    message: str = ""


class SiteReportIn(Schema):
    period_start: datetime.date
    period_end: datetime.date
    readers: int
    books_used: int
    note: str = ""


def _by_token(token: str) -> Station:
    station = Station.objects.select_related("library").filter(token=token).first() if len(token) <= 64 else None
    if station is None:
        raise Http404
    return station


def _invalid(exc: ValidationError):
    field, messages = next(iter(exc.message_dict.items()))
    return Answer(422, {"detail": f"{field}: {messages[0]}", "reason": "invalid"})


@router.get(
    "/stations/{token}",
    response={200: SiteOut, 404: Problem},
    summary="The site's view of its station: what it holds and its requests with the library's answers",
)
def site_station(request, token: str):
    station = _by_token(token)
    counted = services.counts(station)
    held = station.deposits.filter(status="at_station").select_related("copy__record").order_by("copy__record__title")
    return {
        "name": station.name,
        "address": station.address,
        "status": station.status,
        "library": station.library.name,
        "library_phone": station.library.phone,
        **{key: counted[key] for key in ("at_station", "sent", "returned", "lost")},
        "titles": [deposit.copy.record.title for deposit in held[:LIST_LIMIT]],
        "requests": [
            {
                "id": r.pk,
                "kind": r.kind,
                "quantity": r.quantity,
                "message": r.message,
                "status": r.status,
                "created_at": r.created_at,
                "answer": r.answer,
            }
            for r in station.requests.order_by("-created_at", "-pk")[:50]
        ],
    }


@router.post(
    "/stations/{token}/requests",
    response={201: RequestOut, 404: Problem, 409: Problem, 422: Problem, 429: Problem},
    summary="The site asks for more books (`kind` more_books with `quantity`) or a rotation (`kind` rotation)",
    description="409 when the station is not open or a rotation is already asked for; 429 after too many posts "
    "through one link in an hour.",
)
def site_request(request, token: str, payload: SiteRequestIn):
    station = _by_token(token)
    try:
        if payload.kind == "more_books":
            asked = services.ask_for_books(station, payload.quantity, payload.message)
        elif payload.kind == "rotation":
            asked = services.ask_for_rotation(station, payload.message)
        else:
            return Answer(422, {"detail": _("Ask for more_books or a rotation."), "reason": "invalid"})
    except Refused as exc:
        return refused(exc)
    except ValidationError as exc:
        return _invalid(exc)
    return Answer(
        201,
        {
            "id": asked.pk,
            "kind": asked.kind,
            "quantity": asked.quantity,
            "message": asked.message,
            "status": asked.status,
            "created_at": asked.created_at,
            "answer": asked.answer,
        },
    )


@router.post(
    "/stations/{token}/reports",
    response={201: dict, 404: Problem, 409: Problem, 422: Problem, 429: Problem},
    summary="The site reports readers and books used for a period (dates in order, not in the future)",
)
def site_report(request, token: str, payload: SiteReportIn):
    station = _by_token(token)
    try:
        saved = services.report_usage(station, payload.dict())
    except Refused as exc:
        return refused(exc)
    except ValidationError as exc:
        return _invalid(exc)
    return Answer(201, {"id": saved.pk, "readers": saved.readers, "books_used": saved.books_used})
