"""API of timed-entry reservations: a library's open slots, booking and cancelling (readers), my bookings.

Built for the reopening rush: a full slot answers 409 from one read, before any write; writes pass a small
in-process limiter, and a busy database answers 429 with Retry-After instead of a slow page or a 500.
"""

import datetime
import time

from django.conf import settings
from django.db import OperationalError
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import AuthenticationError

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, busy, refused, short_lock_waits
from lantern.core.permissions import get_library
from lantern.core.write_gate import write_gate

from .models import Booking, Slot
from .services import reservations as services
from .views.reservations import bookable_slots

router = Router(tags=["reservations"])

# Bookings pass a write gate (see lantern/core/write_gate.py): one at a time per process, at most
# LANTERN_BOOKING_DUTY of its time, one writer across processes on SQLite; a booking that would wait gets 429.
WRITER = write_gate(settings.LANTERN_BOOKING_DUTY)
# A booking that cannot get its row lock soon answers 429: every answer but a booking must come within 100 ms.
BOOKING_LOCK_WAIT_MS = 40
# A slot seen full answers 409 from memory for this long: a place freed by a cancellation shows up a moment later.
FULL_MEMORY_SECONDS = 0.5
_seen_full: dict[int, float] = {}


class SlotOut(Schema):
    id: int
    zone: str
    zone_id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    places_left: int


class BookingOut(Schema):
    code: str
    status: str
    status_label: str
    library: str
    slot: SlotOut
    booked_at: datetime.datetime
    checked_in_at: datetime.datetime | None
    ticket: str
    qr_png: str


def _slot(slot: Slot) -> dict:
    return {
        "id": slot.pk,
        "zone": slot.zone.name,
        "zone_id": slot.zone_id,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "capacity": slot.capacity,
        "places_left": slot.places_left,
    }


def _booking(request, booking: Booking) -> dict:
    args = [booking.slot.library.slug, booking.code]
    return {
        "code": booking.code,
        "status": booking.status,
        "status_label": booking.get_status_display(),
        "library": booking.slot.library.slug,
        "slot": _slot(booking.slot),
        "booked_at": booking.booked_at,
        "checked_in_at": booking.checked_in_at,
        "ticket": request.build_absolute_uri(reverse("emergency:ticket", args=args)),
        "qr_png": request.build_absolute_uri(reverse("emergency:ticket_png", args=args)),
    }


def _full() -> JsonResponse:
    return refused(services.Refused(_("This time slot is full. Choose another one."), "full", 409))


def _busy() -> JsonResponse:
    return busy(_("Many readers are booking right now. Please try again in a moment."))


@router.get("/libraries/{slug}/slots", response=list[SlotOut], summary="Upcoming time slots with places left")
def list_slots(request, slug: str):
    library = get_library(slug)
    return [_slot(slot) for slot in bookable_slots(library, timezone.now()).with_room()]


def _signed_in_reader(request):
    """The same authenticators as `signed_in`, run by hand so that a full slot can answer before them."""
    for authenticate in signed_in:
        user = authenticate(request)
        if user:
            request.auth = user
            return user
    raise AuthenticationError


@router.post(
    "/libraries/{slug}/slots/{slot_id}/bookings",
    response={201: BookingOut, 401: Problem, 409: Problem, 422: Problem, 429: Problem},
    summary="Book a place in a time slot",
    description="Bearer token or the site's session. A full slot answers 409 before the sign-in is checked: "
    "whether a slot is full is public (see the slot list), and in a rush this keeps the answer fast.",
    openapi_extra={"security": [{"TokenAuth": []}, {"SignedInSession": []}]},
)
def create_booking(request, slug: str, slot_id: int):
    # The common answer in a rush is "full": from memory, or from one narrow read, never from a write, and
    # before the token lookup (which writes the token's last use).
    if _seen_full.get(slot_id, 0) > time.monotonic():
        return _full()
    counts = Slot.objects.filter(pk=slot_id, library__slug=slug).values_list("booked", "capacity").first()
    if counts is None:
        get_library(slug)  # 404 for an unknown library, else for the slot
        return JsonResponse({"detail": _("Not found.")}, status=404)
    if counts[0] >= counts[1]:
        _seen_full[slot_id] = time.monotonic() + FULL_MEMORY_SECONDS
        return _full()
    started = WRITER.enter()
    if started is None:
        return _busy()
    try:
        with short_lock_waits(BOOKING_LOCK_WAIT_MS):
            reader = _signed_in_reader(request)  # inside the limiter: a token lookup writes its last use
            slot = Slot.objects.select_related("zone", "library").get(pk=slot_id)
            booking = services.book(reader, slot)
    except services.Refused as exc:
        if exc.reason == "full":
            _seen_full[slot_id] = time.monotonic() + FULL_MEMORY_SECONDS
        return refused(exc)
    except OperationalError:  # "database is locked", lock or statement timeouts, serialization failures
        return _busy()
    finally:
        WRITER.leave(started)
    return Status(201, _booking(request, booking))


def _own_booking(request, code: str) -> Booking | None:
    return Booking.objects.select_related("slot__zone", "slot__library").filter(code=code, reader=request.auth).first()


@router.delete(
    "/bookings/{code}", auth=signed_in, response={200: BookingOut, 404: Problem, 409: Problem}, summary="Cancel"
)
def cancel_booking(request, code: str):
    booking = _own_booking(request, code)
    if booking is None:
        return Status(404, {"detail": _("Not found.")})
    try:
        services.cancel(booking)
    except services.Refused as exc:
        return refused(exc)
    return Status(200, _booking(request, booking))


@router.get("/bookings", auth=signed_in, response=list[BookingOut], summary="My bookings, the next first")
def my_bookings(request):
    bookings = (
        Booking.objects.filter(reader=request.auth, slot__ends_at__gt=timezone.now())
        .select_related("slot__zone", "slot__library")
        .order_by("slot__starts_at")
    )
    return [_booking(request, booking) for booking in bookings]
