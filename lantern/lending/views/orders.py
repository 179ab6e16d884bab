"""A reader's ordering pages: choose how to get the items, confirm the quote, follow the order, change or
cancel it while it is not yet packed. Someone else's order is "not found"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.permissions import get_library

from ..forms_orders import OrderForm
from ..models import Order
from ..services import ordering
from ..services.common import rules_for


def _own_order(request, slug: str, number: str) -> Order:
    library = get_library(slug)
    order = (
        Order.objects.select_related("library", "zone", "pickup_slot__point", "carrier")
        .filter(library=library, number=number, reader=request.user)
        .first()
    )
    if order is None:
        raise Http404
    request.library = library
    return order


def _record_ids(request) -> list[int]:
    source = request.POST if request.method == "POST" else request.GET
    return [int(value) for value in source.getlist("records") if value.isdigit()][:50]


@login_required
def order_new(request, slug: str):
    """GET: the form. POST: check it and show the quote to confirm; POST with `confirm`: place the order."""
    library = get_library(slug)
    request.library = library
    records = ordering.orderable_records(library, _record_ids(request))
    items = [(record, ordering.available_count(record)) for record in records]
    methods = ordering.methods_offered(library)
    context = {"library": library, "items": items, "rules": rules_for(library), "methods": methods}
    if not methods:
        return render(request, "lending/order_unavailable.html", context, status=200)
    form = OrderForm(request.POST or None, library=library)
    if request.method == "POST" and "edit" not in request.POST and form.is_valid():
        try:
            draft = ordering.check_order(
                request.user, library, record_ids=[r.pk for r in records], **form.service_values()
            )
            if "confirm" in request.POST:
                order = ordering.place_order(draft)
                messages.success(
                    request, _("Order %(number)s is placed. We will tell you at every step.") % {"number": order.number}
                )
                return redirect("lending:order", library.slug, order.number)
            return render(request, "lending/order_confirm.html", {**context, "form": form, "draft": draft})
        except ValidationError as error:  # Refused included: shown above the form, nothing was written
            form.apply_errors(error)
    return render(request, "lending/order_form.html", {**context, "form": form}, status=422 if form.errors else 200)


@login_required
def my_orders(request, slug: str):
    library = get_library(slug)
    request.library = library
    orders = (
        Order.objects.filter(library=library, reader=request.user)
        .select_related("pickup_slot__point", "zone")
        .prefetch_related("items__record")
    )
    return render(request, "lending/order_list.html", {"library": library, "orders": orders[:100]})


@login_required
def order_page(request, slug: str, number: str):
    order = _own_order(request, slug, number)
    return render(
        request,
        "lending/order_page.html",
        {
            "library": order.library,
            "order": order,
            "items": order.items.select_related("record", "copy"),
            "events": order.events.all(),
            "loans": order.loans.select_related("copy__record"),
        },
    )


@login_required
def order_change(request, slug: str, number: str):
    order = _own_order(request, slug, number)
    if not order.is_changeable:
        messages.error(
            request,
            _("This order is “%(status)s”: it can no longer be changed.") % {"status": order.get_status_display()},
        )
        return redirect("lending:order", slug, number)
    initial = {
        "method": order.method,
        "zone": order.zone_id,
        "slot": order.pickup_slot_id,
        "recipient": order.recipient,
        "phone": order.phone,
        "address": order.address,
        "postcode": order.postcode,
    }
    form = OrderForm(request.POST or None, library=order.library, order=order, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ordering.change_order(order, by=request.user, **form.service_values())
            messages.success(request, _("Your order is changed."))
            return redirect("lending:order", slug, number)
        except ValidationError as error:
            form.apply_errors(error)
    context = {
        "library": order.library,
        "order": order,
        "form": form,
        "methods": ordering.methods_offered(order.library),
    }
    return render(request, "lending/order_change.html", context, status=422 if form.errors else 200)


@login_required
def order_cancel(request, slug: str, number: str):
    """GET: ask to confirm. POST: cancel."""
    order = _own_order(request, slug, number)
    if request.method == "POST":
        try:
            ordering.cancel_order(order, by=request.user)
            messages.success(
                request, _("Order %(number)s is cancelled; the items are back on the shelf.") % {"number": order.number}
            )
        except Refused as refusal:
            messages.error(request, str(refusal))
        return redirect("lending:order", slug, number)
    return render(request, "lending/order_cancel.html", {"library": order.library, "order": order})
