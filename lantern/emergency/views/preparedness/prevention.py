"""Pages of the prevention logs: cleaning, supplies, material quarantine."""

import datetime
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import can_manage

from ...forms_preparedness import (
    CleaningForm,
    QuarantineForm,
    StockForm,
    SupplyForm,
)
from ...services import preparedness as services
from .common import CLEANING_DAYS, DEFAULT_AREAS, _add_errors, _library, _supply


# --- prevention logs -----------------------------------------------------------------------------
def _cleaning_page(request, library, form, status=200):
    since = timezone.now() - datetime.timedelta(days=CLEANING_DAYS)
    entries = library.cleaning_log.filter(done_at__gte=since).select_related("done_by").order_by("-done_at", "area")
    days = [
        {"day": day, "entries": sorted(group, key=lambda e: (e.area, e.done_at))}
        for day, group in groupby(entries, key=lambda e: timezone.localtime(e.done_at).date())
    ]
    areas = services.recent_areas(library) or [str(area) for area in DEFAULT_AREAS]
    return render(
        request,
        "emergency/prevention_cleaning.html",
        {"library": library, "form": form, "days": days, "areas": areas, "window": CLEANING_DAYS},
        status=status,
    )


@login_required
def cleaning(request, slug):
    library = _library(request, slug)
    if request.method != "POST":
        return _cleaning_page(request, library, CleaningForm())
    form = CleaningForm(request.POST)
    if form.is_valid():
        try:
            entry = services.log_cleaning(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Logged: %(area)s at %(time)s.")
                % {"area": entry.area, "time": timezone.localtime(entry.done_at).strftime("%H:%M")},
            )
            return redirect("emergency:cleaning", slug)
    return _cleaning_page(request, library, form, status=400)


def _supplies_page(request, library, *, supply_form=None, stock_forms=None, status=200):
    stock_forms = stock_forms or {}
    supplies = list(library.supplies.all())
    for supply in supplies:
        supply.stock_form = stock_forms.get(supply.pk) or StockForm(prefix=f"supply-{supply.pk}")
    return render(
        request,
        "emergency/prevention_supplies.html",
        {
            "library": library,
            "supplies": supplies,
            "low": [s for s in supplies if s.is_low],
            "can_manage": can_manage(request.user, library),
            "supply_form": supply_form or SupplyForm(),
        },
        status=status,
    )


@login_required
def supplies(request, slug):
    if request.method != "POST":
        return _supplies_page(request, _library(request, slug))
    library = _library(request, slug, manage=True)
    form = SupplyForm(request.POST)
    if form.is_valid():
        try:
            supply = services.add_supply(library, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” is tracked now.") % {"name": supply.name})
            return redirect("emergency:supplies", slug)
    return _supplies_page(request, library, supply_form=form, status=400)


@login_required
@require_POST
def supply_stock(request, slug, supply_pk):
    supply = _supply(request, slug, supply_pk)
    library = supply.library
    form = StockForm(request.POST, prefix=f"supply-{supply.pk}")
    if form.is_valid():
        try:
            supply = services.change_stock(supply, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(name)s: %(stock)d %(unit)s in stock.")
                % {"name": supply.name, "stock": supply.stock, "unit": supply.unit},
            )
            if supply.is_low:
                messages.warning(request, _("%(name)s is low: the managers have been told.") % {"name": supply.name})
            return redirect(f"{reverse('emergency:supplies', args=[slug])}#supply-{supply.pk}")
    return _supplies_page(request, library, stock_forms={supply.pk: form}, status=400)


@login_required
def supply_edit(request, slug, supply_pk):
    """Name, unit and alert level of a supply; its stock moves only through `supply_stock`."""
    supply = _supply(request, slug, supply_pk, manage=True)
    data = request.POST if request.method == "POST" else None
    form = SupplyForm(data, initial={"name": supply.name, "unit": supply.unit, "low_at": supply.low_at})
    del form.fields["stock"]  # the stock has its own form, which keeps the stock log right
    if form.is_bound and form.is_valid():
        was_low = supply.is_low
        try:
            supply = services.update_supply(supply, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": supply.name})
            if supply.is_low and not was_low:
                messages.warning(request, _("%(name)s is low: the managers have been told.") % {"name": supply.name})
            return redirect(f"{reverse('emergency:supplies', args=[slug])}#supply-{supply.pk}")
    return render(
        request,
        "emergency/supply_form.html",
        {"library": supply.library, "supply": supply, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def quarantine(request, slug):
    library = _library(request, slug)
    table = services.quarantine_table(library)
    manager = can_manage(request.user, library)
    form = QuarantineForm(table=table)
    if request.method == "POST":
        library = _library(request, slug, manage=True)
        form = QuarantineForm(request.POST, table=table)
        if form.is_valid():
            try:
                services.set_quarantine_hours(library, form.cleaned_data, by=request.user)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The quarantine hours are saved; returns follow them from now on."))
                return redirect("emergency:quarantine", slug)
    return render(
        request,
        "emergency/prevention_quarantine.html",
        {"library": library, "table": table, "form": form, "can_manage": manager},
        status=400 if form.errors else 200,
    )
