"""API of orders: what a library offers (zones, pickup times), placing, following, changing and cancelling an
order (readers), and the staff's queue and fulfilment steps.

Built for a closure-day surge: a refused order (no copy left, limits) answers from its own transaction,
and a database too busy to take the write within a short wait answers 429 with Retry-After, never a 500.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, busy, refused, short_lock_waits
from lantern.core.errors import Refused
from lantern.core.permissions import can_staff, get_library

from .models import Carrier, DeliveryZone, Order, PickupSlot
from .services import fulfilment, ordering
from .services.common import rules_for

router = Router(tags=["lending"])


class ZoneOut(Schema):
    id: int
    name: str
    fee: Decimal


class PickupSlotOut(Schema):
    id: int
    point: str
    point_kind: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    places_left: int


class OptionsOut(Schema):
    methods: list[str]
    fee_rule: str
    flat_fee: Decimal
    currency: str
    max_items_per_order: int
    max_open_orders: int
    zones: list[ZoneOut]
    pickup_slots: list[PickupSlotOut]


class ItemOut(Schema):
    record_id: int
    title: str
    barcode: str
    location: str
    shelf_mark: str


class OrderOut(Schema):
    number: str
    library: str
    method: str
    status: str
    status_label: str
    fee: Decimal
    expected_on: datetime.date | None
    hold_until: datetime.datetime | None
    pickup_slot: PickupSlotOut | None
    tracking_number: str
    items: list[ItemOut]
    created_at: datetime.datetime
    page: str


class OrderIn(Schema):
    records: list[int]
    method: str
    zone: int | None = None
    slot: int | None = None
    recipient: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    note: str = ""


class StepIn(Schema):
    step: str
    carrier: int | None = None
    tracking_number: str = ""
    reason: str = ""


def _slot(slot: PickupSlot) -> dict:
    return {
        "id": slot.pk,
        "point": str(slot.point),
        "point_kind": slot.point.kind,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "places_left": slot.places_left,
    }


def _order(request, order: Order) -> dict:
    return {
        "number": order.number,
        "library": order.library.slug,
        "method": order.method,
        "status": order.status,
        "status_label": order.get_status_display(),
        "fee": order.fee,
        "expected_on": order.expected_on,
        "hold_until": order.hold_until,
        "pickup_slot": _slot(order.pickup_slot) if order.pickup_slot_id else None,
        "tracking_number": order.tracking_number,
        "items": [
            {
                "record_id": item.record_id,
                "title": item.record.title,
                "barcode": item.copy.barcode,
                "location": item.copy.location,
                "shelf_mark": item.copy.shelf_mark,
            }
            for item in order.items.select_related("record", "copy")
        ],
        "created_at": order.created_at,
        "page": request.build_absolute_uri(reverse("lending:order", args=[order.library.slug, order.number])),
    }


def _orders():
    return Order.objects.select_related("library", "reader", "pickup_slot__point", "zone", "carrier")


@router.get("/libraries/{slug}/lending", response=OptionsOut, summary="How a library lends: methods, zones, times")
def options(request, slug: str):
    library = get_library(slug)
    rules = rules_for(library)
    return {
        "methods": ordering.methods_offered(library),
        "fee_rule": rules.fee_rule,
        "flat_fee": rules.flat_fee,
        "currency": rules.currency,
        "max_items_per_order": rules.max_items_per_order,
        "max_open_orders": rules.max_open_orders,
        "zones": [{"id": z.pk, "name": z.name, "fee": z.fee} for z in ordering.active_zones(library)],
        "pickup_slots": [_slot(slot) for slot in ordering.bookable_slots(library)[:200]],
    }


@router.post(
    "/libraries/{slug}/orders",
    auth=signed_in,
    response={201: OrderOut, 401: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem},
    summary="Order items for home delivery or pickup",
    description="Each record gets one available copy; all or nothing. 409 when a copy or a pickup place has just "
    "gone or a limit is reached, 422 for a form error (`errors` by field), 429 when the library is too busy.",
)
def place(request, slug: str, payload: OrderIn):
    library = get_library(slug)
    zone = DeliveryZone.objects.filter(pk=payload.zone, library=library).first() if payload.zone else None
    slot = (
        PickupSlot.objects.select_related("point").filter(pk=payload.slot, point__library=library).first()
        if payload.slot
        else None
    )
    try:
        draft = ordering.check_order(
            request.auth,
            library,
            record_ids=payload.records,
            method=payload.method,
            zone=zone,
            slot=slot,
            recipient=payload.recipient,
            phone=payload.phone,
            address=payload.address,
            postcode=payload.postcode,
            note=payload.note,
        )
        with short_lock_waits():
            order = ordering.place_order(draft)
    except Refused as exc:
        return refused(exc)
    except OperationalError:  # "database is locked", lock timeouts, serialization failures
        return busy()
    return Status(201, _order(request, order))


@router.get("/orders", auth=signed_in, response=list[OrderOut], summary="My orders, the newest first")
def my_orders(request):
    return [_order(request, order) for order in _orders().filter(reader=request.auth)[:100]]


def _own(request, number: str) -> Order:
    return get_object_or_404(_orders(), number=number, reader=request.auth)


@router.get("/orders/{number}", auth=signed_in, response={200: OrderOut, 404: Problem}, summary="One of my orders")
def my_order(request, number: str):
    return _order(request, _own(request, number))


@router.post(
    "/orders/{number}/cancel",
    auth=signed_in,
    response={200: OrderOut, 404: Problem, 409: Problem},
    summary="Cancel my order (until it is packed)",
)
def cancel(request, number: str):
    order = _own(request, number)
    try:
        ordering.cancel_order(order, by=request.auth)
    except Refused as exc:
        return refused(exc)
    return _order(request, order)


# --- staff -----------------------------------------------------------------------------------------
def _staff_order(request, number: str) -> Order:
    order = _orders().filter(number=number).first()
    if order is None:
        raise Http404
    if not can_staff(request.auth, order.library):
        raise PermissionDenied
    return order


@router.get("/libraries/{slug}/order-queue", auth=signed_in, response=list[OrderOut], summary="Open orders (staff)")
def staff_queue(request, slug: str):
    library = get_library(slug)
    if not can_staff(request.auth, library):
        raise PermissionDenied
    return [_order(request, order) for order in fulfilment.queue(library)[:500]]


@router.post(
    "/orders/{number}/steps",
    auth=signed_in,
    response={200: OrderOut, 403: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="Move an order on (staff): picking, packed, shipped, delivered, failed or cancelled",
)
def staff_step(request, number: str, payload: StepIn):
    order = _staff_order(request, number)
    by = request.auth
    try:
        match payload.step:
            case Order.Status.PICKING:
                fulfilment.start_picking(order, by=by)
            case Order.Status.PACKED:
                fulfilment.pack(order, by=by)
            case Order.Status.SHIPPED:
                carrier = Carrier.objects.filter(pk=payload.carrier, library=order.library).first()
                if carrier is None:
                    raise ValidationError({"carrier": [_("Choose one of this library's carriers.")]})
                fulfilment.ship(order, carrier=carrier, tracking_number=payload.tracking_number, by=by)
            case Order.Status.DELIVERED:
                fulfilment.deliver(order, by=by)
            case Order.Status.FAILED:
                fulfilment.fail(order, payload.reason, by=by)
            case Order.Status.CANCELLED:
                ordering.cancel_order(order, by=by, reason=payload.reason, staff=True)
            case _:
                raise Refused(_("Unknown step “%(step)s”.") % {"step": payload.step}, "unknown_step")
    except Refused as exc:
        return refused(exc)
    return _order(request, order)
