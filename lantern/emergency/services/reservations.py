"""Everything that changes timed-entry reservations: zones, slots in bulk, booking, cancelling, check-in at
the door, releasing no-shows, and changing a slot's capacity without losing a booking silently.

Every function validates first, then writes in one transaction, and refuses with a `Refused` error whose
message is in the active language. A slot's `booked` counter always equals its live bookings; the last
place goes to exactly one reader because the counter only moves through a conditional UPDATE
(`booked < capacity`), with the database's CHECK constraint behind it.
"""

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library, ServiceMode
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category

from ..models import Booking, ReservationRules, Slot, Zone

# Readers may be let in this many minutes before their slot starts (queues form early at the door).
CHECK_IN_EARLY_MINUTES = 15
MAX_SLOTS_AT_ONCE = 1000
BOOKING_MODES = (ServiceMode.OPEN, ServiceMode.APPOINTMENT)


def rules_for(library: Library) -> ReservationRules:
    """The library's rules, or the defaults (unsaved) when it has not set any."""
    return ReservationRules.objects.filter(library=library).first() or ReservationRules(library=library)


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment)


def _time(moment: datetime.datetime) -> str:
    return date_format(_local(moment), "H:i")


def _when(slot: Slot) -> str:
    return f"{date_format(_local(slot.starts_at), 'Y-m-d')} {_time(slot.starts_at)}–{_time(slot.ends_at)}"


def _day_bounds(moment: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    start = _local(moment).replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=1)


def last_bookable_day(library: Library, now: datetime.datetime, rules: ReservationRules | None = None) -> datetime.date:
    rules = rules or rules_for(library)
    return _local(now).date() + datetime.timedelta(days=rules.days_ahead)


# --- rules, zones and slots (staff) ----------------------------------------------------------------------
def set_rules(
    library: Library, *, per_reader_per_day: int, days_ahead: int, no_show_minutes: int, by=None
) -> ReservationRules:
    """Set the library's booking rules; bookings already made stay as they are."""
    if not 1 <= per_reader_per_day <= 10:
        raise Refused(_("Allow between 1 and 10 visits per reader per day."), "invalid")
    if not 0 <= days_ahead <= 60:
        raise Refused(_("Readers can book between 0 and 60 days ahead."), "invalid")
    if not 1 <= no_show_minutes <= 240:
        raise Refused(_("Release no-shows between 1 and 240 minutes after the start."), "invalid")
    with transaction.atomic():
        rules, _created = ReservationRules.objects.update_or_create(
            library=library,
            defaults={
                "per_reader_per_day": per_reader_per_day,
                "days_ahead": days_ahead,
                "no_show_minutes": no_show_minutes,
            },
        )
        record_audit(
            by,
            "reservations.rules_changed",
            rules,
            library=library,
            summary=f"{per_reader_per_day}/day, {days_ahead} days ahead, no-show {no_show_minutes} min",
        )
    return rules


def create_zone(library: Library, *, name_zh: str, name_en: str = "", default_capacity: int = 20, by=None) -> Zone:
    name_zh, name_en = (name_zh or "").strip(), (name_en or "").strip()
    if not name_zh:
        raise Refused(_("Give the zone a Chinese name."), "invalid")
    if library.zones.filter(name_zh_hans=name_zh).exists():
        raise Refused(_("This library already has a zone called “%(name)s”.") % {"name": name_zh}, "invalid")
    if default_capacity < 1:
        raise Refused(_("A zone needs at least one place."), "invalid")
    with transaction.atomic():
        zone = Zone.objects.create(
            library=library, name_zh_hans=name_zh, name_en=name_en or None, default_capacity=default_capacity
        )
        record_audit(by, "reservations.zone_created", zone, library=library, summary=name_zh)
    return zone


def create_slots(
    library: Library,
    *,
    zones: list[Zone],
    days: list[datetime.date],
    times: list[tuple[datetime.time, datetime.time]],
    capacity: int | None = None,
    by=None,
    now: datetime.datetime | None = None,
) -> tuple[int, int]:
    """Create a slot for every day × time range × zone; return (created, already there).

    Slots that exist already (same zone and start) are left as they are, with their bookings.
    """
    now = now or timezone.now()
    if not zones or not days or not times:
        raise Refused(_("Choose at least one zone, one day and one time range."), "invalid")
    if any(zone.library_id != library.pk for zone in zones):
        raise Refused(_("Choose zones of this library."), "invalid")
    if capacity is not None and capacity < 1:
        raise Refused(_("A slot needs at least one place."), "invalid")
    for start, end in times:
        if end <= start:
            raise Refused(
                _("A time range must end after it starts (%(start)s–%(end)s).")
                % {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")},
                "invalid",
            )
    if len(zones) * len(days) * len(times) > MAX_SLOTS_AT_ONCE:
        raise Refused(_("That is more than %(n)d slots at once; create fewer.") % {"n": MAX_SLOTS_AT_ONCE}, "invalid")
    tz = timezone.get_current_timezone()
    wanted = []
    for day in sorted(set(days)):
        for start, end in times:
            starts_at = datetime.datetime.combine(day, start, tzinfo=tz)
            if starts_at < now:
                raise Refused(
                    _("%(day)s %(time)s is in the past.") % {"day": day.isoformat(), "time": start.strftime("%H:%M")},
                    "invalid",
                )
            wanted.extend((zone, starts_at, datetime.datetime.combine(day, end, tzinfo=tz)) for zone in zones)
    with transaction.atomic():
        existing = set(
            Slot.objects.filter(zone__in=zones, starts_at__in={w[1] for w in wanted}).values_list(
                "zone_id", "starts_at"
            )
        )
        new = [
            Slot(
                library=library,
                zone=zone,
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=capacity or zone.default_capacity,
            )
            for zone, starts_at, ends_at in wanted
            if (zone.pk, starts_at) not in existing
        ]
        Slot.objects.bulk_create(new)
        if new:  # asking again for slots that all exist changes nothing, so there is nothing to audit
            record_audit(by, "reservations.slots_created", library=library, summary=f"{len(new)} slots")
            for zone in {slot.zone for slot in new}:
                _record_timed_entry(library, zone)
    return len(new), len(wanted) - len(new)


def _record_timed_entry(library: Library, zone: Zone) -> None:
    """Reopening with reservations is a service of its own: one ServiceRecord per zone, dated by its first slot."""
    first = zone.slots.order_by("starts_at").first()
    record_service(
        library=library,
        date=timezone.localtime(first.starts_at).date(),
        title_zh=f"预约入馆：{zone.name_zh_hans or zone.name_en}",
        title_en=f"Timed-entry visits: {zone.name_en or zone.name_zh_hans}",
        categories=[Category.EMERGENCY],
        source_object=zone,
        link=reverse("emergency:visit", args=[library.slug]),
    )


# --- booking (readers) ----------------------------------------------------------------------------
def check_booking(reader, slot: Slot, *, now: datetime.datetime, rules: ReservationRules | None = None) -> None:
    """Refuse, without writing, a booking that cannot be made. The write path re-checks what can race."""
    library = slot.library
    rules = rules or rules_for(library)
    if library.service_mode not in BOOKING_MODES:
        raise Refused(_("%(library)s is not taking visits at the moment.") % {"library": library.name}, "closed")
    if not slot.zone.is_active:
        raise Refused(_("%(zone)s is not open for booking.") % {"zone": slot.zone.name}, "closed")
    if slot.ends_at <= now:
        raise Refused(_("This time slot is over."), "past")
    if _local(slot.starts_at).date() > last_bookable_day(library, now, rules):
        raise Refused(_("Visits can be booked at most %(days)d days ahead.") % {"days": rules.days_ahead}, "too_early")
    if slot.booked >= slot.capacity:
        raise Refused(_("This time slot is full. Choose another one."), "full", 409)


def _check_reader_limits(reader, slot: Slot, rules: ReservationRules) -> None:
    day_start, day_end = _day_bounds(slot.starts_at)
    # One query for both limits (a slot lies within its own day): it runs inside every booking of a rush.
    live = Booking.objects.filter(
        reader=reader,
        status__in=Booking.LIVE,
        slot__library_id=slot.library_id,
        slot__starts_at__gte=day_start,
        slot__starts_at__lt=day_end,
    ).aggregate(that_day=Count("pk"), this_slot=Count("pk", filter=Q(slot_id=slot.pk)))
    if live["this_slot"]:
        raise Refused(_("You have already booked this time slot."), "already_booked", 409)
    if live["that_day"] >= rules.per_reader_per_day:
        raise Refused(
            _("You have reached the limit of %(n)d visits a day at this library.") % {"n": rules.per_reader_per_day},
            "limit",
            409,
        )


def book(reader, slot: Slot, *, now: datetime.datetime | None = None) -> Booking:
    """Give `reader` one place in `slot`, or refuse. Never more bookings than places, however many ask at once."""
    now = now or timezone.now()
    rules = rules_for(slot.library)
    check_booking(reader, slot, now=now, rules=rules)
    try:
        with transaction.atomic():
            # Serialises one reader's bookings (PostgreSQL) so that the per-day limit holds under double clicks.
            get_user_model().objects.select_for_update().filter(pk=reader.pk).first()
            _check_reader_limits(reader, slot, rules)
            taken = Slot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(booked=F("booked") + 1)
            if not taken:
                raise Refused(_("This time slot is full. Choose another one."), "full", 409)
            booking = Booking.objects.create(slot=slot, reader=reader)
    except IntegrityError:
        # Only the unique live booking per reader and slot is an answer; anything else is a real fault.
        if Booking.objects.filter(slot=slot, reader=reader, status__in=Booking.LIVE).exists():
            raise Refused(_("You have already booked this time slot."), "already_booked", 409) from None
        raise
    slot.booked += 1
    return booking


def cancel(booking: Booking, *, now: datetime.datetime | None = None) -> Booking:
    """The reader gives their place back; the place is free for someone else at once."""
    now = now or timezone.now()
    if booking.status != Booking.Status.BOOKED:
        raise Refused(
            _("This booking cannot be cancelled: it is “%(status)s”.") % {"status": booking.get_status_display()},
            "not_live",
            409,
        )
    if booking.slot.ends_at <= now:
        raise Refused(_("This time slot is over."), "past", 409)
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CANCELLED, closed_at=now
        )
        if not changed:
            raise Refused(_("This booking has already changed; reload the page."), "not_live", 409)
        Slot.objects.filter(pk=booking.slot_id).update(booked=F("booked") - 1)
    booking.status, booking.closed_at = Booking.Status.CANCELLED, now
    return booking


# --- at the door (staff) --------------------------------------------------------------------------
def normalize_code(text: str) -> str:
    """A scanned or typed ticket: the bare code, or a URL whose last segment is the code."""
    text = (text or "").strip()
    if "/" in text:
        text = [part for part in text.split("/") if part][-1] if text.strip("/") else ""
    return text.removesuffix(".png")[:32]


def check_in(library: Library, code: str, *, by=None, now: datetime.datetime | None = None) -> Booking:
    """Let the ticket's holder in, once. Refuses unknown codes, other libraries' tickets, and the wrong time."""
    now = now or timezone.now()
    code = normalize_code(code)
    if not code:
        raise Refused(_("Scan or type the code on the ticket."), "invalid")
    booking = Booking.objects.select_related("slot__zone", "slot__library", "reader").filter(code=code).first()
    if booking is None:
        raise Refused(_("Unknown ticket code. Check it, or ask to see the reader's ticket page."), "unknown")
    slot = booking.slot
    if slot.library_id != library.pk:
        raise Refused(_("This ticket is for another library."), "other_library")
    _check_ticket_state(booking, now)
    if now < slot.starts_at - datetime.timedelta(minutes=CHECK_IN_EARLY_MINUTES):
        raise Refused(_("Too early: this ticket is for %(when)s.") % {"when": _when(slot)}, "too_early")
    if now >= slot.ends_at:
        raise Refused(_("Too late: this ticket was for %(when)s.") % {"when": _when(slot)}, "too_late")
    with transaction.atomic():
        changed = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CHECKED_IN, checked_in_at=now
        )
        if not changed:  # a second scanner was faster
            booking.refresh_from_db()
            _check_ticket_state(booking, now)
        record_audit(by, "reservations.checked_in", booking, library=library, summary=_when(slot))
    booking.status, booking.checked_in_at = Booking.Status.CHECKED_IN, now
    return booking


def _check_ticket_state(booking: Booking, now: datetime.datetime) -> None:
    if booking.status == Booking.Status.CHECKED_IN:
        raise Refused(
            _("Already used: this ticket was checked in at %(time)s on %(day)s.")
            % {"time": _time(booking.checked_in_at), "day": date_format(_local(booking.checked_in_at), "Y-m-d")},
            "already_checked_in",
            409,
        )
    if booking.status != Booking.Status.BOOKED:
        raise Refused(
            _("Not valid: this booking is “%(status)s”.") % {"status": booking.get_status_display()}, "not_live", 409
        )


# --- periodic work --------------------------------------------------------------------------------
def release_no_shows(now: datetime.datetime | None = None) -> int:
    """Free the place of every booking nobody checked in `no_show_minutes` after its slot started."""
    now = now or timezone.now()
    minutes = dict(ReservationRules.objects.values_list("library_id", "no_show_minutes"))
    default = ReservationRules._meta.get_field("no_show_minutes").default
    due = defaultdict(list)
    candidates = Booking.objects.filter(status=Booking.Status.BOOKED, slot__starts_at__lte=now).values_list(
        "pk", "slot_id", "slot__library_id", "slot__starts_at"
    )
    for pk, slot_id, library_id, starts_at in candidates:
        if starts_at + datetime.timedelta(minutes=minutes.get(library_id, default)) <= now:
            due[slot_id].append(pk)
    released = 0
    for slot_id, pks in due.items():
        with transaction.atomic():
            n = Booking.objects.filter(pk__in=pks, status=Booking.Status.BOOKED).update(
                status=Booking.Status.NO_SHOW, closed_at=now
            )
            Slot.objects.filter(pk=slot_id).update(booked=F("booked") - n)
        released += n
    return released


# --- changing capacity (staff) --------------------------------------------------------------------
def not_honoured_if(slot: Slot, new_capacity: int) -> int:
    """How many bookings would no longer be honoured if `slot` had `new_capacity` places."""
    live = slot.bookings.filter(status__in=Booking.LIVE).count()
    return max(live - new_capacity, 0)


NOT_HONOURED_SUBJECT = gettext_lazy("Your visit cannot go ahead as booked")


def change_capacity(slot: Slot, new_capacity: int, *, by=None) -> list[Booking]:
    """Set the slot's places. Bookings beyond the new capacity (the most recent first) become
    `not honoured`, their places are freed, and each reader is told in their language. Returns them."""
    if new_capacity is None or new_capacity < 0:
        raise Refused(_("The number of places cannot be negative."), "invalid")
    with transaction.atomic():
        slot = Slot.objects.select_for_update().select_related("zone", "library").get(pk=slot.pk)
        live = list(
            slot.bookings.filter(status__in=Booking.LIVE).select_related("reader").order_by("-booked_at", "-pk")
        )
        checked_in = sum(1 for b in live if b.status == Booking.Status.CHECKED_IN)
        if new_capacity < checked_in:
            raise Refused(
                _("%(n)d readers are already checked in; the slot needs at least that many places.")
                % {"n": checked_in},
                "invalid",
            )
        excess = max(len(live) - new_capacity, 0)
        dropped = [b for b in live if b.status == Booking.Status.BOOKED][:excess]
        now = timezone.now()
        if dropped:
            Booking.objects.filter(pk__in=[b.pk for b in dropped]).update(
                status=Booking.Status.NOT_HONOURED, closed_at=now
            )
        old = slot.capacity
        slot.capacity = new_capacity
        slot.booked = len(live) - len(dropped)
        slot.save(update_fields=["capacity", "booked"])
        for booking in dropped:
            booking.status = Booking.Status.NOT_HONOURED
            notify(
                booking.reader,
                NOT_HONOURED_SUBJECT,
                _NotHonouredBody(slot),
                link=reverse("emergency:visit", args=[slot.library.slug]),
                library=slot.library,
            )
        record_audit(
            by,
            "reservations.capacity_changed",
            slot,
            library=slot.library,
            summary=f"{slot}: {old} → {new_capacity}, {len(dropped)} not honoured",
        )
    return dropped


class _NotHonouredBody:
    """A notice body rendered in the recipient's language (notify() calls str() under their locale)."""

    def __init__(self, slot: Slot):
        self.slot = slot

    def __str__(self) -> str:
        return _(
            "The library had to reduce the places in %(zone)s on %(when)s, and your booking can no longer be "
            "honoured. We are sorry. Please book another time."
        ) % {"zone": self.slot.zone.name, "when": _when(self.slot)}
