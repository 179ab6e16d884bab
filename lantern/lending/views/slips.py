"""Printed papers for the staff: an order's packing slip and the pick list of open orders (PDF)."""

import time

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from lantern.core.permissions import get_library_for_staff

from .. import slips
from ..models import Order

PICKABLE = (Order.Status.REQUESTED, Order.Status.PICKING)


def _pdf(pdf: bytes, filename: str, started: float) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A slip holds the reader's name and address.
    response["Cache-Control"] = "private, no-store"
    response["Server-Timing"] = f"render;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


@login_required
def order_slip(request, slug, number):
    library = get_library_for_staff(request.user, slug)
    order = (
        Order.objects.select_related("library", "reader", "zone", "pickup_slot__point", "carrier")
        .filter(library=library, number=number)
        .first()
    )
    if order is None:
        raise Http404
    started = time.perf_counter()
    return _pdf(slips.slip_pdf(order, request.build_absolute_uri), f"slip-{order.number}.pdf", started)


@login_required
def pick_list_pdf(request, slug):
    """Orders in `?status=` (requested, picking; both when absent), or only those named by `?number=`."""
    library = get_library_for_staff(request.user, slug)
    statuses = [s for value in request.GET.getlist("status") for s in value.split(",") if s] or list(PICKABLE)
    if any(status not in PICKABLE for status in statuses):
        return HttpResponseBadRequest(
            _("A pick list is for orders that are requested or being picked."), content_type="text/plain; charset=utf-8"
        )
    orders = Order.objects.filter(library=library, status__in=statuses)
    numbers = [n for value in request.GET.getlist("number") for n in value.split(",") if n]
    if numbers:
        orders = orders.filter(number__in=numbers)
    started = time.perf_counter()
    return _pdf(slips.pick_list_pdf(library, orders), f"pick-list-{library.slug}.pdf", started)
