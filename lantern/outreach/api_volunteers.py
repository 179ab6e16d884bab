"""API of volunteers: a library's upcoming shifts (anyone; an approved volunteer also sees whether they are
signed up), signing up and cancelling (approved volunteers), and "my hours" at a library.

A refusal answers with its reason ("full" when no place is left); a database too busy to take the write within
a short wait answers 429 with Retry-After, never a 500.
"""

import datetime
from decimal import Decimal

from django.db import OperationalError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, busy, refused, short_lock_waits
from lantern.core.errors import Refused
from lantern.core.permissions import get_library
from lantern.core.services import user_for_api_key

from .models import Shift, ShiftSignup, Volunteer
from .services import shifts as shift_services

router = Router(tags=["volunteers"])
LIST_LIMIT = 200


class ShiftOut(Schema):
    id: int
    library: str
    title: str
    title_zh: str
    title_en: str
    description: str
    place: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    places_left: int
    signed_up: bool | None = None


class HoursEntryOut(Schema):
    id: int
    worked_on: datetime.date
    hours: Decimal
    description: str
    status: str
    reason: str
    shift: int | None


class MyHoursOut(Schema):
    library: str
    status: str
    approved: Decimal
    pending: Decimal
    rejected: Decimal
    entries: list[HoursEntryOut]


def _shift(shift: Shift, signed_up: bool | None = None) -> dict:
    return {
        "id": shift.pk,
        "library": shift.library.slug,
        "title": shift.title,
        "title_zh": shift.title_zh_hans or "",
        "title_en": shift.title_en or "",
        "description": shift.description or "",
        "place": shift.place,
        "starts_at": shift.starts_at,
        "ends_at": shift.ends_at,
        "capacity": shift.capacity,
        "places_left": shift.places_left,
        "signed_up": signed_up,
    }


def _my_volunteer(library, user) -> Volunteer | None:
    if user is None:
        return None
    return Volunteer.objects.filter(library=library, user=user, status=Volunteer.Status.APPROVED).first()


def _caller(request):
    """Who asks, if anyone: by session or by API key (the list is public, so neither is required)."""
    if request.user.is_authenticated:
        return request.user
    scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
    return user_for_api_key(key.strip()) if scheme.lower() == "bearer" and key.strip() else None


def _upcoming_shift(slug: str, pk: int) -> Shift:
    shift = Shift.objects.select_related("library").filter(pk=pk, library=get_library(slug)).first()
    if shift is None:
        raise Http404
    return shift


@router.get(
    "/libraries/{slug}/shifts",
    response={200: list[ShiftOut], 404: Problem},
    summary="A library's upcoming volunteer shifts with places left (soonest first)",
    description="`signed_up` is given to an approved volunteer of the library (signed in, or with an API key), "
    "else null.",
)
def list_shifts(request, slug: str):
    library = get_library(slug)
    shifts = Shift.objects.filter(library=library, starts_at__gt=timezone.now()).select_related("library")
    shifts = list(shifts.order_by("starts_at", "pk")[:LIST_LIMIT])
    me = _my_volunteer(library, _caller(request))
    booked = set()
    if me:
        booked = set(
            ShiftSignup.objects.filter(volunteer=me, status=ShiftSignup.Status.BOOKED).values_list(
                "shift_id", flat=True
            )
        )
    return [_shift(shift, (shift.pk in booked) if me else None) for shift in shifts]


@router.post(
    "/libraries/{slug}/shifts/{pk}/signup",
    auth=signed_in,
    response={201: ShiftOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 429: Problem},
    summary="Sign up for a shift (approved volunteers of the library)",
    description="409 with reason `full` when no place is left, `started` or `already_signed_up`; 403 when not an "
    "approved volunteer here; 429 when the library is too busy.",
)
def sign_up(request, slug: str, pk: int):
    shift = _upcoming_shift(slug, pk)
    try:
        with short_lock_waits():
            shift_services.sign_up(shift, request.auth)
    except Refused as exc:
        return refused(exc)
    except OperationalError:
        return busy()
    return Answer(201, _shift(shift, True))


@router.delete(
    "/libraries/{slug}/shifts/{pk}/signup",
    auth=signed_in,
    response={200: ShiftOut, 401: Problem, 404: Problem, 409: Problem, 429: Problem},
    summary="Cancel my sign-up for a shift (until it starts; the place is free again)",
)
def cancel(request, slug: str, pk: int):
    shift = _upcoming_shift(slug, pk)
    signup = ShiftSignup.objects.filter(
        shift=shift, volunteer__user=request.auth, status=ShiftSignup.Status.BOOKED
    ).first()
    if signup is None:
        return Answer(404, {"detail": _("You are not signed up for this shift."), "reason": "not_signed_up"})
    try:
        with short_lock_waits():
            shift_services.cancel_signup(signup, by=request.auth)
    except Refused as exc:
        return refused(exc)
    except OperationalError:
        return busy()
    shift.refresh_from_db(fields=["taken"])
    return _shift(shift, False)


@router.get(
    "/libraries/{slug}/volunteer/hours",
    auth=signed_in,
    response={200: MyHoursOut, 404: Problem},
    summary="My volunteer hours at a library: totals by status and every entry, the latest first",
)
def my_hours(request, slug: str):
    library = get_library(slug)
    me = Volunteer.objects.filter(library=library, user=request.auth).first()
    if me is None:
        return Answer(404, {"detail": _("You are not a volunteer of this library."), "reason": "not_volunteer"})
    totals = shift_services.hours_totals(me)
    entries = me.hours.order_by("-worked_on", "-pk")[:LIST_LIMIT]
    return {
        "library": library.slug,
        "status": me.status,
        **totals,
        "entries": [
            {
                "id": e.pk,
                "worked_on": e.worked_on,
                "hours": e.hours,
                "description": e.description,
                "status": e.status,
                "reason": e.reason,
                "shift": e.shift_id,
            }
            for e in entries
        ],
    }
