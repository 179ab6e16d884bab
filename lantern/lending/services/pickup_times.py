"""Pickup times: slots at a pickup point made in bulk, their capacity changed, and removed.

A slot never holds fewer places than it has orders: capacity and deletion move only through conditional
UPDATEs on `booked`, with the database's CHECK constraint behind them. Orders are never cancelled here.
Every function validates first, writes in one transaction with an audit entry, or refuses (`Refused`, with
the field's name for a form).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lantern.core.models import Library
from lantern.core.services import record_audit
from lantern.core.times import parse_time_ranges

from ..models import Order, PickupPoint, PickupSlot
from .common import Refused
from .setup import Bound, fail_if, whole_number

MAX_SLOT_DAYS = 60
MAX_SLOT_CAPACITY = 500


# --- pickup slots --------------------------------------------------------------------------------
def parse_times(text: str) -> list[tuple[datetime.time, datetime.time]]:
    """Time ranges from "10:00-12:00, 15:00-17:00", in order; Refused on the field `times` otherwise."""
    try:
        return parse_time_ranges(text)
    except ValidationError as exc:
        raise Refused({"times": exc.messages}, "invalid") from None


def _check_capacity(capacity, field: str = "capacity") -> int:
    errors: dict[str, list] = {}
    bound = Bound(0, MAX_SLOT_CAPACITY, gettext_lazy("A slot takes between %(low)s and %(high)s orders."))
    number = whole_number(capacity, bound, field, errors)
    fail_if(errors)
    return number


def create_slots(
    point: PickupPoint,
    *,
    first_day: datetime.date,
    last_day: datetime.date,
    times,
    capacity: int,
    by=None,
    now: datetime.datetime | None = None,
) -> tuple[int, int]:
    """A slot at `point` for every day from `first_day` to `last_day` and every time range; return (created,
    already there). Slots that exist (same point and start) are left as they are, with their orders.

    `times` is text such as "10:00-12:00, 15:00-17:00" or a list of (start, end) times.
    """
    now = now or timezone.now()
    errors: dict[str, list] = {}
    today = timezone.localdate(now)
    if first_day < today:
        errors["first_day"] = [_("The first day has passed; start today or later.")]
    if last_day < first_day:
        errors["last_day"] = [_("The last day is before the first day.")]
    elif (last_day - first_day).days >= MAX_SLOT_DAYS:
        errors["last_day"] = [_("Create at most %(n)d days at once.") % {"n": MAX_SLOT_DAYS}]
    try:
        ranges = parse_times(times) if isinstance(times, str) else sorted(set(times))
    except Refused as exc:
        errors.update(exc.message_dict)
        ranges = []
    try:
        capacity = _check_capacity(capacity)
        if capacity == 0:
            errors["capacity"] = [_("A new slot takes at least one order.")]
    except Refused as exc:
        errors.update(exc.message_dict)
    if not point.active:
        errors["point"] = [_("This pickup point is switched off; switch it on first.")]
    fail_if(errors)
    tz = timezone.get_current_timezone()
    wanted = []
    for n in range((last_day - first_day).days + 1):
        day = first_day + datetime.timedelta(days=n)
        for start, end in ranges:
            starts_at = datetime.datetime.combine(day, start, tzinfo=tz)
            if starts_at <= now:
                raise Refused(
                    {
                        "times": [
                            _("%(day)s %(time)s has already begun; start tomorrow or choose later times.")
                            % {"day": day.isoformat(), "time": f"{start:%H:%M}"}
                        ]
                    },
                    "invalid",
                )
            wanted.append((starts_at, datetime.datetime.combine(day, end, tzinfo=tz)))
    with transaction.atomic():
        # A write first: it takes the point's row lock (PostgreSQL) or the write lock (SQLite), so two staff
        # creating the same slots at once cannot both see them missing.
        PickupPoint.objects.filter(pk=point.pk).update(active=F("active"))
        existing = set(
            PickupSlot.objects.filter(point=point, starts_at__in=[w[0] for w in wanted]).values_list(
                "starts_at", flat=True
            )
        )
        new = [
            PickupSlot(point=point, starts_at=starts_at, ends_at=ends_at, capacity=capacity)
            for starts_at, ends_at in wanted
            if starts_at not in existing
        ]
        PickupSlot.objects.bulk_create(new)
        if new:
            record_audit(
                by,
                "lending.slots_created",
                point,
                library=point.library,
                summary=f"{point.name}: {len(new)} slots {first_day}–{last_day}, {capacity} each",
            )
    return len(new), len(wanted) - len(new)


def _booked_refusal(booked: int) -> Refused:
    return Refused(
        {
            "capacity": [
                ngettext(
                    "%(n)d order is booked in this slot; it cannot hold fewer.",
                    "%(n)d orders are booked in this slot; it cannot hold fewer.",
                    booked,
                )
                % {"n": booked}
            ]
        },
        "booked",
        409,
    )


def change_slot_capacity(slot: PickupSlot, capacity, *, by=None) -> PickupSlot:
    """Set how many orders a slot takes; never fewer than are booked (no order is dropped silently).
    0 closes a slot nobody booked without deleting it."""
    capacity = _check_capacity(capacity)
    with transaction.atomic():
        # Conditional: an order booked meanwhile makes this match nothing instead of overbooking the slot.
        changed = PickupSlot.objects.filter(pk=slot.pk, booked__lte=capacity).update(capacity=capacity)
        if not changed:
            booked = PickupSlot.objects.filter(pk=slot.pk).values_list("booked", flat=True).first()
            if booked is None:
                raise Refused(_("This slot no longer exists; reload the page."), "gone", 404)
            raise _booked_refusal(booked)
        old = slot.capacity
        slot.refresh_from_db(fields=["capacity", "booked"])
        record_audit(
            by,
            "lending.slot_capacity_changed",
            slot,
            library=slot.point.library,
            summary=f"{slot}: {old} → {capacity}",
        )
    return slot


def delete_slot(slot: PickupSlot, *, by=None) -> None:
    """Remove a slot nobody booked. A slot that past orders refer to is kept (set its places to 0)."""
    label, library = str(slot), slot.point.library
    try:
        with transaction.atomic():
            # Closing it first (only while nobody booked it) stops anyone booking it while it is removed.
            closed = PickupSlot.objects.filter(pk=slot.pk, booked=0).update(capacity=0)
            if not closed:
                booked = PickupSlot.objects.filter(pk=slot.pk).values_list("booked", flat=True).first()
                if booked is None:
                    raise Refused(_("This slot no longer exists; reload the page."), "gone", 404)
                raise _booked_refusal(booked)
            if Order.objects.filter(pickup_slot_id=slot.pk).exists():
                raise Refused(
                    _("Past orders refer to this slot, so it is kept. Set its places to 0 to close it."),
                    "has_history",
                    409,
                )
            PickupSlot.objects.filter(pk=slot.pk).delete()
            record_audit(by, "lending.slot_deleted", library=library, summary=label)
    except IntegrityError:
        raise Refused(_("Someone just booked this slot; it was kept."), "booked", 409) from None


def upcoming_slots(library: Library, *, now=None, limit: int = 300):
    """Slots not yet over at the library's points, soonest first."""
    now = now or timezone.now()
    return (
        PickupSlot.objects.filter(point__library=library, ends_at__gt=now)
        .select_related("point")
        .order_by("point__name", "starts_at")[:limit]
    )
