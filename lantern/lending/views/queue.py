"""The staff's fulfilment pages: the library's queue of open orders with each row's next step, the
on-screen pick list, parcels coming back, one order's page (the packing slip's QR code opens it), and the
one POST endpoint that runs a step through `services.fulfilment` / `services.ordering`.

A refused or invalid step changes nothing and comes back as an error message on the page it was asked
from; the services' conditional updates decide when two librarians click at once.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from ..forms_queue import ReasonForm, ShipForm
from ..models import Carrier, Order
from ..services import fulfilment, ordering

S = Order.Status
# The queue's sections, in the order an order moves through them.
SECTIONS = (S.REQUESTED, S.PICKING, S.PACKED, S.SHIPPED)
# Rows shown per section; a closure-day rush can queue thousands, and the counts still say how many.
SECTION_ROWS = 200
# What staff may cancel: until the order has left the building.
STAFF_CANCELLABLE = (*Order.CHANGEABLE, S.PACKED)
# Not an order status: a failed order's parcel is back and its copies return to the shelf.
RECEIVED_BACK = "received_back"


# --- fetching what a request names ---------------------------------------------------------------
def get_order_for_staff(request, slug: str, number: str) -> Order:
    """An order of a library the user works for; another library's order is not found."""
    library = get_library_for_staff(request.user, slug)
    order = (
        Order.objects.select_related("library", "reader", "zone", "pickup_slot__point", "carrier")
        .filter(library=library, number=number)
        .first()
    )
    if order is None:
        raise Http404
    request.library = library
    return order


def next_steps(order: Order, *, holds_copies: bool = False) -> dict[str, bool]:
    """Which step buttons the order offers now (the services still have the last word)."""
    status, pickup = order.status, order.method == Order.Method.PICKUP
    return {
        "picking": status == S.REQUESTED,
        "packed": status == S.PICKING,
        "ship": status == S.PACKED and not pickup,
        "collected": status == S.PACKED and pickup,
        "delivered": status == S.SHIPPED,
        "fail": S.FAILED in fulfilment.NEXT.get(status, ()),
        "cancel": status in STAFF_CANCELLABLE,
        "receive_back": status == S.FAILED and holds_copies,
    }


def _carriers(library):
    return list(Carrier.objects.filter(library=library, active=True).order_by("name"))


# --- pages ---------------------------------------------------------------------------------------
@login_required
def staff_orders(request, slug: str):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    open_orders = fulfilment.queue(library)
    counts = {
        row["status"]: row["n"]
        for row in Order.objects.filter(library=library, status__in=SECTIONS)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    sections = []
    for status in SECTIONS:
        orders = list(open_orders.filter(status=status)[:SECTION_ROWS])
        for order in orders:
            order.steps = next_steps(order)
        sections.append({"status": status, "label": S(status).label, "count": counts.get(status, 0), "orders": orders})
    returning = (
        Order.objects.filter(library=library, status=S.FAILED, items__holds_copy=True)
        .select_related("reader", "carrier")
        .annotate(held=Count("items"))
        .order_by("closed_at")
    )
    return render(
        request,
        "lending/staff_queue.html",
        {
            "library": library,
            "sections": sections,
            "returning": returning,
            "pick_groups": fulfilment.pick_list(library),
            "carriers": _carriers(library),
            "here": request.get_full_path(),
        },
    )


@login_required
def staff_order(request, slug: str, number: str):
    order = get_order_for_staff(request, slug, number)
    items = order.items.select_related("copy", "record").order_by("copy__location", "copy__shelf_mark", "pk")
    holds = any(item.holds_copy for item in items)
    return render(
        request,
        "lending/staff_order.html",
        {
            "library": order.library,
            "order": order,
            "items": items,
            "steps": next_steps(order, holds_copies=holds),
            "events": order.events.select_related("by").order_by("at", "pk"),
            "courier_events": order.courier_events.select_related("carrier").order_by("-received_at", "-pk"),
            "carriers": _carriers(order.library),
            "here": request.get_full_path(),
        },
    )


# --- running a step ------------------------------------------------------------------------------
def _back(request, order: Order):
    """To `next` when it is a page of this site, else to the order's page."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return redirect("lending:staff_order", order.library.slug, order.number)


def _form_error(form) -> str:
    return " ".join(str(message) for errors in form.errors.values() for message in errors)


def _run(request, order: Order, step: str) -> str:
    """Run `step` on `order`; the confirmation to show. Raises Refused (or ValidationError)."""
    by = request.user
    match step:
        case S.PICKING:
            fulfilment.start_picking(order, by=by)
        case S.PACKED:
            fulfilment.pack(order, by=by)
        case S.SHIPPED:
            form = ShipForm(request.POST, library=order.library)
            if not form.is_valid():
                raise Refused(_form_error(form), "invalid")
            fulfilment.ship(
                order, carrier=form.cleaned_data["carrier"], tracking_number=form.cleaned_data["tracking_number"], by=by
            )
        case S.DELIVERED:
            fulfilment.deliver(order, by=by)
        case S.FAILED:
            form = ReasonForm(request.POST, missing=_("Say why the order failed; the reader is told."))
            if not form.is_valid():
                raise Refused(_form_error(form), "reason_missing")
            fulfilment.fail(order, form.cleaned_data["reason"], by=by)
        case S.CANCELLED:
            form = ReasonForm(request.POST, missing=_("Say why the order is cancelled; the reader is told."))
            if not form.is_valid():
                raise Refused(_form_error(form), "reason_missing")
            ordering.cancel_order(order, by=by, reason=form.cleaned_data["reason"], staff=True)
        case "received_back":
            count = fulfilment.receive_back(order, by=by)
            return ngettext(
                "Order %(number)s: %(count)d item is back on the shelf.",
                "Order %(number)s: %(count)d items are back on the shelf.",
                count,
            ) % {"number": order.number, "count": count}
        case _:
            raise Refused(_("Unknown step “%(step)s”.") % {"step": step[:40]}, "unknown_step")
    order.refresh_from_db(fields=["status"])
    return _("Order %(number)s is now “%(status)s”.") % {"number": order.number, "status": order.get_status_display()}


@login_required
@require_POST
def staff_order_step(request, slug: str, number: str):
    order = get_order_for_staff(request, slug, number)
    step = request.POST.get("step", "")
    try:
        done = _run(request, order, step)
    except ValidationError as exc:  # Refused is one too
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return _back(request, order)
