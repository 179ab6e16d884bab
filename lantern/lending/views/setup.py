"""The staff's lending settings page: the rules (changed by managers, read by other staff), delivery zones,
pickup points and their upcoming slots. Every change is a POST to its own URL that redirects back to the
page; a refusal re-renders the page with the message beside the field (status 422 or 409)."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import can_manage, get_library_for_staff

from ..forms_setup import CapacityForm, PointForm, RulesForm, SlotsForm, ZoneForm
from ..models import DeliveryZone, PickupPoint, PickupSlot
from ..services import pickup_times
from ..services import setup as services
from ..services.common import Refused, rules_for


# --- fetching what a request names ---------------------------------------------------------------
def _staff_library(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return library


def get_zone_for_staff(request, slug: str, pk: int) -> DeliveryZone:
    library = _staff_library(request, slug)
    zone = DeliveryZone.objects.select_related("library").filter(library=library, pk=pk).first()
    if zone is None:
        raise Http404
    return zone


def get_point_for_staff(request, slug: str, pk: int) -> PickupPoint:
    library = _staff_library(request, slug)
    point = PickupPoint.objects.select_related("library").filter(library=library, pk=pk).first()
    if point is None:
        raise Http404
    return point


def get_slot_for_staff(request, slug: str, pk: int) -> PickupSlot:
    library = _staff_library(request, slug)
    slot = PickupSlot.objects.select_related("point__library").filter(point__library=library, pk=pk).first()
    if slot is None:
        raise Http404
    return slot


def _is_on(request) -> bool:
    return request.POST.get("active") == "1"


def _put_back(form, exc: Refused) -> None:
    """The service's field messages beside the form's fields; anything else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, str(exc))


# --- the page ------------------------------------------------------------------------------------
def _page(request, library, *, status=200, slot_error=None, **forms):
    manager = can_manage(request.user, library)
    rules = rules_for(library)
    slots = pickup_times.upcoming_slots(library, now=timezone.now())
    zones = list(DeliveryZone.objects.filter(library=library).order_by("-active", "name"))
    open_orders = {zone.pk: services.open_orders_in_zone(zone) for zone in zones}
    context = {
        "library": library,
        "is_manager": manager,
        "rules": rules,
        "rules_form": forms.get("rules_form") or RulesForm(initial=RulesForm.initial_for(rules)),
        "zone_rows": [(zone, open_orders[zone.pk]) for zone in zones],
        "zone_form": forms.get("zone_form") or ZoneForm(),
        "points": PickupPoint.objects.filter(library=library).select_related("partner").order_by("-active", "name"),
        "point_form": forms.get("point_form") or PointForm(library=library),
        "slots_by_point": [(point, list(group)) for point, group in groupby(slots, key=lambda s: s.point)],
        "slots_form": forms.get("slots_form")
        or SlotsForm(library=library, initial={"first_day": timezone.localdate(), "last_day": timezone.localdate()}),
        "slot_error": slot_error,
    }
    return render(request, "lending/setup.html", context, status=status)


@login_required
def setup(request, slug):
    library = _staff_library(request, slug)
    return _page(request, library)


@login_required
@require_POST
def setup_rules(request, slug):
    library = _staff_library(request, slug)
    if not can_manage(request.user, library):
        raise PermissionDenied
    form = RulesForm(request.POST)
    if form.is_valid():
        try:
            services.set_rules(library, by=request.user, **form.cleaned_data)
        except Refused as exc:
            _put_back(form, exc)
        else:
            messages.success(request, _("Lending rules saved."))
            return redirect("lending:setup", slug)
    return _page(request, library, rules_form=form, status=422)


# --- delivery zones ------------------------------------------------------------------------------
@login_required
@require_POST
def setup_zone_add(request, slug):
    library = _staff_library(request, slug)
    form = ZoneForm(request.POST)
    if form.is_valid():
        try:
            zone = services.add_zone(library, **form.cleaned_data, by=request.user)
        except Refused as exc:
            _put_back(form, exc)
        else:
            messages.success(request, _("Delivery zone “%(name)s” added.") % {"name": zone.name})
            return redirect("lending:setup", slug)
    return _page(request, library, zone_form=form, status=422)


@login_required
def setup_zone(request, slug, pk):
    """A zone's own page, to change its names, postcodes and fee."""
    zone = get_zone_for_staff(request, slug, pk)
    status = 200
    if request.method == "POST":
        form = ZoneForm(request.POST)
        if form.is_valid():
            try:
                services.update_zone(zone, **form.cleaned_data, by=request.user)
            except Refused as exc:
                _put_back(form, exc)
            else:
                messages.success(request, _("Delivery zone “%(name)s” saved.") % {"name": zone.name})
                return redirect("lending:setup", slug)
        status = 422
    else:
        form = ZoneForm(initial=ZoneForm.initial_for(zone))
    return render(
        request, "lending/setup_zone.html", {"library": zone.library, "zone": zone, "form": form}, status=status
    )


@login_required
@require_POST
def setup_zone_active(request, slug, pk):
    zone = get_zone_for_staff(request, slug, pk)
    services.set_zone_active(zone, _is_on(request), by=request.user)
    if zone.active:
        messages.success(request, _("“%(name)s” is offered to readers again.") % {"name": zone.name})
    else:
        messages.success(
            request,
            _("“%(name)s” is no longer offered to readers. Orders already placed there are still delivered.")
            % {"name": zone.name},
        )
    return redirect("lending:setup", slug)


# --- pickup points -------------------------------------------------------------------------------
@login_required
@require_POST
def setup_point_add(request, slug):
    library = _staff_library(request, slug)
    form = PointForm(request.POST, library=library)
    if form.is_valid():
        try:
            point = services.add_point(library, **form.cleaned_data, by=request.user)
        except Refused as exc:
            _put_back(form, exc)
        else:
            messages.success(request, _("Pickup point “%(name)s” added.") % {"name": point.name})
            return redirect("lending:setup", slug)
    return _page(request, library, point_form=form, status=422)


@login_required
@require_POST
def setup_point_active(request, slug, pk):
    point = get_point_for_staff(request, slug, pk)
    services.set_point_active(point, _is_on(request), by=request.user)
    if point.active:
        messages.success(request, _("“%(name)s” is offered to readers again.") % {"name": point.name})
    else:
        messages.success(
            request,
            _("“%(name)s” is no longer offered to readers. Orders already booked there keep their time.")
            % {"name": point.name},
        )
    return redirect("lending:setup", slug)


# --- pickup slots --------------------------------------------------------------------------------
@login_required
@require_POST
def setup_slots_add(request, slug):
    library = _staff_library(request, slug)
    form = SlotsForm(request.POST, library=library)
    if form.is_valid():
        data = form.cleaned_data
        try:
            created, skipped = pickup_times.create_slots(
                data["point"],
                first_day=data["first_day"],
                last_day=data["last_day"],
                times=data["times"],
                capacity=data["capacity"],
                by=request.user,
            )
        except Refused as exc:
            _put_back(form, exc)
        else:
            messages.success(
                request,
                _("%(created)d pickup times created; %(skipped)d existed already and were kept.")
                % {"created": created, "skipped": skipped},
            )
            return redirect("lending:setup", slug)
    return _page(request, library, slots_form=form, status=422)


@login_required
@require_POST
def setup_slot_capacity(request, slug, pk):
    slot = get_slot_for_staff(request, slug, pk)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            pickup_times.change_slot_capacity(slot, form.cleaned_data["capacity"], by=request.user)
        except Refused as exc:
            return _page(request, slot.point.library, slot_error=(slot.pk, str(exc)), status=exc.status)
        messages.success(request, _("%(slot)s now takes %(n)d orders.") % {"slot": slot, "n": slot.capacity})
        return redirect("lending:setup", slug)
    message = "; ".join(form.errors.get("capacity", [])) or _("Give a whole number of orders.")
    return _page(request, slot.point.library, slot_error=(slot.pk, message), status=422)


@login_required
@require_POST
def setup_slot_delete(request, slug, pk):
    slot = get_slot_for_staff(request, slug, pk)
    label = str(slot)
    try:
        pickup_times.delete_slot(slot, by=request.user)
    except Refused as exc:
        return _page(request, slot.point.library, slot_error=(slot.pk, str(exc)), status=exc.status)
    messages.success(request, _("%(slot)s removed.") % {"slot": label})
    return redirect("lending:setup", slug)
