"""Pages of timed-entry reservations: a reader's visit page and tickets, the staff's slots and capacities,
and the check-in page at the door (a scanner types the code and Enter; works without JavaScript)."""

import datetime
from collections import Counter
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import get_library, get_library_for_staff

from .. import tickets
from ..forms_reservations import CapacityForm, CheckInForm, RulesForm, SlotsForm, ZoneForm
from ..models import Booking, Slot
from ..services import reservations as services


# --- fetching what a request names ---------------------------------------------------------------
def get_own_booking(request, slug: str, code: str) -> Booking:
    """The signed-in reader's own booking at this library; anyone else's is not found."""
    library = get_library(slug)
    booking = (
        Booking.objects.select_related("slot__zone", "slot__library")
        .filter(code=code, reader=request.user, slot__library=library)
        .first()
    )
    if booking is None:
        raise Http404
    request.library = library
    return booking


def get_slot_for_staff(request, slug: str, pk: int) -> Slot:
    library = get_library_for_staff(request.user, slug)
    slot = Slot.objects.select_related("zone", "library").filter(library=library, pk=pk).first()
    if slot is None:
        raise Http404
    request.library = library
    return slot


def bookable_slots(library, now):
    """Slots a reader may book now: upcoming, in an open zone, within the days-ahead window."""
    last_day = services.last_bookable_day(library, now)
    end = datetime.datetime.combine(
        last_day + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_current_timezone()
    )
    return (
        Slot.objects.upcoming(now)
        .filter(library=library, zone__is_active=True, starts_at__lt=end)
        .select_related("zone", "library")
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=timezone.get_current_timezone())


def _by_day(slots):
    return [(day, list(group)) for day, group in groupby(slots, key=lambda s: timezone.localtime(s.starts_at).date())]


# --- readers -------------------------------------------------------------------------------------
def visit(request, slug, *, error: str = "", status: int = 200):
    library = get_library(slug)
    request.library = library
    now = timezone.now()
    mine = []
    if request.user.is_authenticated:
        mine = (
            Booking.objects.filter(reader=request.user, slot__library=library, slot__ends_at__gt=now)
            .select_related("slot__zone")
            .order_by("slot__starts_at")
        )
    rules = services.rules_for(library)
    live = [b for b in mine if b.status in Booking.LIVE]
    per_day = Counter(timezone.localtime(b.slot.starts_at).date() for b in live)
    context = {
        "library": library,
        "days": _by_day(bookable_slots(library, now)),
        "mine": mine,
        # Offer "Book" only where it can work: not for a slot already held, nor on a day at the limit.
        "held_slots": {b.slot_id for b in live},
        "full_days": {day for day, n in per_day.items() if n >= rules.per_reader_per_day},
        "rules": rules,
        "taking_visits": library.service_mode in services.BOOKING_MODES,
        "error": error,
    }
    return render(request, "emergency/reservation_visit.html", context, status=status)


@login_required
@require_POST
def book_slot(request, slug, pk):
    library = get_library(slug)
    slot = Slot.objects.select_related("zone", "library").filter(library=library, pk=pk).first()
    if slot is None:
        raise Http404
    try:
        booking = services.book(request.user, slot)
    except services.Refused as exc:
        return visit(request, slug, error=str(exc), status=exc.status)
    messages.success(request, _("Booked. Show this ticket at the door."))
    return redirect("emergency:ticket", slug, booking.code)


@login_required
def ticket(request, slug, code):
    booking = get_own_booking(request, slug, code)
    title = _("Ticket code %(code)s") % {"code": booking.code}
    return render(
        request,
        "emergency/booking_ticket.html",
        {
            "library": booking.slot.library,
            "booking": booking,
            "qr_svg": mark_safe(tickets.svg(booking.code, title=title)),
            "is_live": booking.status in Booking.LIVE,
        },
    )


@login_required
def ticket_png(request, slug, code):
    booking = get_own_booking(request, slug, code)
    response = HttpResponse(tickets.png(booking.code), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="ticket-{booking.code}.png"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def cancel_booking(request, slug, code):
    """GET: ask to confirm (a tap too many on a phone must not give the place away). POST: cancel."""
    booking = get_own_booking(request, slug, code)
    if request.method != "POST":
        return render(request, "emergency/booking_cancel.html", {"library": request.library, "booking": booking})
    try:
        services.cancel(booking)
    except services.Refused as exc:
        return visit(request, slug, error=str(exc), status=exc.status)
    messages.success(request, _("Cancelled. Your place is free for someone else."))
    return redirect("emergency:visit", slug)


# --- staff ---------------------------------------------------------------------------------------
def _staff_page(request, library, *, zone_form=None, slots_form=None, rules_form=None, status=200):
    now = timezone.now()
    rules = services.rules_for(library)
    slots = Slot.objects.upcoming(now).filter(library=library).select_related("zone")[:300]
    return render(
        request,
        "emergency/reservation_staff.html",
        {
            "library": library,
            "zones": library.zones.all(),
            "days": _by_day(slots),
            "zone_form": zone_form or ZoneForm(),
            "rules_form": rules_form
            or RulesForm(
                initial={
                    "per_reader_per_day": rules.per_reader_per_day,
                    "days_ahead": rules.days_ahead,
                    "no_show_minutes": rules.no_show_minutes,
                }
            ),
            "slots_form": slots_form
            or SlotsForm(library=library, initial={"first_day": now.date(), "last_day": now.date()}),
        },
        status=status,
    )


@login_required
def staff_visits(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return _staff_page(request, library)


@login_required
@require_POST
def staff_set_rules(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = RulesForm(request.POST)
    if form.is_valid():
        try:
            services.set_rules(library, **form.cleaned_data, by=request.user)
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Booking rules saved."))
            return redirect("emergency:staff_visits", slug)
    return _staff_page(request, library, rules_form=form, status=422)


@login_required
@require_POST
def staff_create_zone(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = ZoneForm(request.POST)
    if form.is_valid():
        try:
            zone = services.create_zone(
                library,
                name_zh=form.cleaned_data["name_zh"],
                name_en=form.cleaned_data["name_en"],
                default_capacity=form.cleaned_data["default_capacity"],
                by=request.user,
            )
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Zone “%(name)s” added.") % {"name": zone.name})
            return redirect("emergency:staff_visits", slug)
    return _staff_page(request, library, zone_form=form, status=422)


@login_required
@require_POST
def staff_create_slots(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = SlotsForm(request.POST, library=library)
    if form.is_valid():
        try:
            created, existing = services.create_slots(
                library,
                zones=list(form.cleaned_data["zones"]),
                days=form.days,
                times=form.cleaned_data["times"],
                capacity=form.cleaned_data["capacity"],
                by=request.user,
            )
        except services.Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("%(created)d time slots created; %(existing)d existed already and were kept.")
                % {"created": created, "existing": existing},
            )
            return redirect("emergency:staff_visits", slug)
    return _staff_page(request, library, slots_form=form, status=422)


@login_required
def staff_slot(request, slug, pk):
    slot = get_slot_for_staff(request, slug, pk)
    return _slot_page(request, slot, CapacityForm(initial={"capacity": slot.capacity}))


def _slot_page(request, slot, form, *, status=200, confirm=None):
    bookings = slot.bookings.select_related("reader").order_by("booked_at", "pk")
    return render(
        request,
        "emergency/reservation_slot.html",
        {"library": slot.library, "slot": slot, "bookings": bookings, "form": form, "confirm": confirm},
        status=status,
    )


@login_required
@require_POST
def staff_change_capacity(request, slug, pk):
    """Changing capacity asks once for confirmation when bookings would not be honoured."""
    slot = get_slot_for_staff(request, slug, pk)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        return _slot_page(request, slot, form, status=422)
    capacity = form.cleaned_data["capacity"]
    dropping = services.not_honoured_if(slot, capacity)
    if dropping and request.POST.get("confirm") != str(dropping):
        return _slot_page(request, slot, form, confirm={"capacity": capacity, "dropping": dropping})
    try:
        dropped = services.change_capacity(slot, capacity, by=request.user)
    except services.Refused as exc:
        form.add_error("capacity", str(exc))
        return _slot_page(request, slot, form, status=exc.status)
    if dropped:
        messages.warning(
            request,
            _("Places set to %(n)d. %(dropped)d bookings are not honoured; each reader has been told.")
            % {"n": capacity, "dropped": len(dropped)},
        )
    else:
        messages.success(request, _("Places set to %(n)d.") % {"n": capacity})
    return redirect("emergency:staff_slot", slug, slot.pk)


@login_required
def check_in_page(request, slug):
    """GET shows the field; POST checks one ticket in and shows the result big, with the field ready again."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    result, status = None, 200
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                booking = services.check_in(library, form.cleaned_data["code"], by=request.user)
            except services.Refused as exc:
                result, status = {"ok": False, "message": str(exc)}, exc.status
            else:
                result = {"ok": True, "booking": booking}
        else:
            status = 422
        form = CheckInForm()  # empty and focused again for the next scan
    else:
        form = CheckInForm()
    today = timezone.localdate()
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=timezone.get_current_timezone())
    todays = Slot.objects.filter(
        library=library, starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1)
    )
    return render(
        request,
        "emergency/checkin.html",
        {"library": library, "form": form, "result": result, "todays": todays.select_related("zone")},
        status=status,
    )
