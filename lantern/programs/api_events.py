"""API of events: a library's published events and one event (anyone), registering and cancelling (signed-in
readers), and a reader's own registrations.

A refusal (full is not one: the reader goes on the waiting list) answers with its reason; a database too busy
to take the write within a short wait answers 429 with Retry-After, never a 500.
"""

import datetime

from django.db import OperationalError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, busy, refused, short_lock_waits
from lantern.core.errors import Refused
from lantern.core.permissions import get_library

from .models import Event, Registration, Status
from .services import events as services

router = Router(tags=["events"])
LIST_LIMIT = 200


class EventOut(Schema):
    id: int
    library: str
    title: str
    title_zh: str
    title_en: str
    description: str
    mode: str
    status: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    capacity: int | None
    seats_left: int | None
    audience: str
    recording_url: str
    has_captions: bool
    cancel_reason: str
    page: str
    ics: str
    online_link: str | None = None


class RegistrationOut(Schema):
    id: int
    status: str
    status_label: str
    position: int | None
    created_at: datetime.datetime
    promoted_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None
    event: EventOut


def _event(request, event: Event, *, with_link: bool = False) -> dict:
    slug = event.library.slug
    return {
        "id": event.pk,
        "library": slug,
        "title": event.title,
        "title_zh": event.title_zh_hans or "",
        "title_en": event.title_en or "",
        "description": event.description or "",
        "mode": event.mode,
        "status": event.status,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "place": event.place,
        "capacity": event.capacity,
        "seats_left": event.seats_left,
        "audience": event.audience,
        "recording_url": event.recording_url,
        "has_captions": bool(event.captions),
        "cancel_reason": event.cancel_reason,
        "page": request.build_absolute_uri(event.get_absolute_url()),
        "ics": request.build_absolute_uri(reverse("programs:event_ics", args=[slug, event.pk])),
        # The link to join is for readers holding a seat, as on the event page.
        "online_link": event.online_link if with_link and event.mode != Event.Mode.ONSITE else None,
    }


def _registration(request, registration: Registration) -> dict:
    event = registration.event
    position = None
    if registration.status == Registration.Status.WAITING:
        position = event.registrations.filter(status=Registration.Status.WAITING, pk__lte=registration.pk).count()
    confirmed = registration.status == Registration.Status.CONFIRMED and event.status == Status.PUBLISHED
    return {
        "id": registration.pk,
        "status": registration.status,
        "status_label": registration.get_status_display(),
        "position": position,
        "created_at": registration.created_at,
        "promoted_at": registration.promoted_at,
        "cancelled_at": registration.cancelled_at,
        "event": _event(request, event, with_link=confirmed),
    }


def _public_event(slug: str, pk: int) -> Event:
    event = Event.objects.public().select_related("library").filter(pk=pk, library=get_library(slug)).first()
    if event is None:
        raise Http404
    return event


@router.get(
    "/libraries/{slug}/events",
    response={200: list[EventOut], 404: Problem, 422: Problem},
    summary="A library's published events: upcoming first (soonest first), then past ones",
    description="`when`: `upcoming` (default), `past` or `all`; `mode`: `online` or `onsite` (hybrid events are in "
    "both).",
)
def list_events(request, slug: str, when: str = "upcoming", mode: str = ""):
    library = get_library(slug)
    if when not in ("upcoming", "past", "all") or mode not in ("", "online", "onsite"):
        return Answer(
            422,
            {
                "detail": _("Filter by when (upcoming, past or all) and mode (online or onsite)."),
                "reason": "bad_filter",
            },
        )
    events = Event.objects.public().filter(library=library).select_related("library")
    if mode:
        events = events.filter(mode__in=[mode, Event.Mode.HYBRID])
    now = timezone.now()
    if when == "upcoming":
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    elif when == "past":
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return [_event(request, event) for event in events[:LIST_LIMIT]]


@router.get("/libraries/{slug}/events/{pk}", response={200: EventOut, 404: Problem}, summary="One event")
def one_event(request, slug: str, pk: int):
    return _event(request, _public_event(slug, pk))


@router.post(
    "/libraries/{slug}/events/{pk}/registration",
    auth=signed_in,
    response={201: RegistrationOut, 401: Problem, 404: Problem, 409: Problem, 429: Problem},
    summary="Register for an event (a seat, or the waiting list when it is full)",
    description="`status` says which: `confirmed` or `waiting` (with `position`). 409 when already registered, "
    "cancelled or started; 429 when the library is too busy.",
)
def register(request, slug: str, pk: int):
    event = _public_event(slug, pk)
    try:
        with short_lock_waits():
            registration = services.register(event, request.auth)
    except Refused as exc:
        return refused(exc)
    except OperationalError:  # "database is locked", lock timeouts, serialization failures
        return busy()
    return Answer(201, _registration(request, registration))


@router.delete(
    "/libraries/{slug}/events/{pk}/registration",
    auth=signed_in,
    response={200: RegistrationOut, 401: Problem, 404: Problem, 409: Problem, 429: Problem},
    summary="Cancel my registration (the seat goes to the first reader waiting)",
)
def cancel(request, slug: str, pk: int):
    event = _public_event(slug, pk)
    registration = event.registrations.filter(reader=request.auth, status__in=services.LIVE).first()
    if registration is None:
        return Answer(404, {"detail": _("You are not registered for this event."), "reason": "not_registered"})
    try:
        with short_lock_waits():
            services.cancel_registration(registration, by=request.auth)
    except Refused as exc:
        return refused(exc)
    except OperationalError:
        return busy()
    return _registration(request, registration)


@router.get(
    "/events/registrations",
    auth=signed_in,
    response=list[RegistrationOut],
    summary="My registrations, the latest event first",
)
def my_registrations(request):
    registrations = (
        Registration.objects.filter(reader=request.auth)
        .select_related("event__library")
        .order_by("-event__starts_at", "-pk")[:LIST_LIMIT]
    )
    return [_registration(request, registration) for registration in registrations]
