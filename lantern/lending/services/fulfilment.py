"""Fulfilment: the staff's steps from a requested order to a delivered one, and what ends an order early.

requested → picking → packed → shipped (delivery) → delivered → on loan; a pickup order goes from packed to
delivered when the reader collects it. Cancelled (see ordering) and failed end an order before delivery.
Each step is one function that refuses an impossible transition with a message naming both states, and
moves the order by a conditional UPDATE so that two staff clicking at once cannot both move it.
"""

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.catalogue.models import Copy
from lantern.core.models import Library
from lantern.core.services import record_audit
from lantern.insights.models import ServiceRecord
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Carrier, Order, OrderItem, PickupPoint
from . import carriers, loans
from .common import Refused, log_event, tell_reader
from .ordering import release_items

S = Order.Status
# Where each status may go next. Cancelling is ordering.cancel_order; returns are services.returns.
NEXT = {
    S.REQUESTED: {S.PICKING, S.FAILED, S.CANCELLED},
    S.PICKING: {S.PACKED, S.FAILED, S.CANCELLED},
    S.PACKED: {S.SHIPPED, S.DELIVERED, S.FAILED, S.CANCELLED},
    S.SHIPPED: {S.DELIVERED, S.FAILED},
    S.DELIVERED: {S.ON_LOAN},
    S.ON_LOAN: {S.RETURNED},
}


def check_move(order: Order, to: str) -> None:
    if to not in NEXT.get(order.status, ()):
        raise Refused(
            _("Order %(number)s is “%(now)s”; it cannot become “%(to)s”.")
            % {"number": order.number, "now": order.get_status_display(), "to": S(to).label},
            "impossible_step",
            409,
        )


def _move(order: Order, to: str, *, by=None, now=None, note: str = "", **fields) -> Order:
    """Move `order` to `to` if nobody moved it meanwhile; keep the step in its history."""
    check_move(order, to)
    now = now or timezone.now()
    changed = Order.objects.filter(pk=order.pk, status=order.status).update(status=to, updated_at=now, **fields)
    if not changed:
        message = _("Order %(number)s has just changed; reload the page.") % {"number": order.number}
        raise Refused(message, "changed", 409)
    order.status = to
    for name, value in fields.items():
        setattr(order, name, value)
    log_event(order, by=by, at=now, note=note)
    return order


def start_picking(order: Order, *, by=None, now=None) -> Order:
    with transaction.atomic():
        return _move(order, S.PICKING, by=by, now=now)


def pack(order: Order, *, by=None, now=None) -> Order:
    with transaction.atomic():
        _move(order, S.PACKED, by=by, now=now)
        if order.method == Order.Method.PICKUP:
            slot = order.pickup_slot
            tell_reader(
                order,
                gettext_lazy("ready for pickup"),
                lambda: (
                    _("Collect it at %(point)s, %(when)s.")
                    % {"point": slot.point, "when": timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M")}
                ),
            )
    return order


def ship(order: Order, *, carrier: Carrier, tracking_number: str = "", by=None, now=None) -> Order:
    """Hand a packed delivery order to its carrier; its copies are in transit."""
    if order.method != Order.Method.DELIVERY:
        raise Refused(_("A pickup order is handed over at the pickup point, not shipped."), "impossible_step", 409)
    check_move(order, S.SHIPPED)
    tracking = carriers.hand_over(order, carrier, tracking_number)
    with transaction.atomic():
        _move(order, S.SHIPPED, by=by, now=now, carrier=carrier, tracking_number=tracking)
        Copy.objects.filter(order_items__order=order, order_items__holds_copy=True).update(
            status=Copy.Status.IN_TRANSIT
        )
        tell_reader(
            order,
            gettext_lazy("on its way"),
            lambda: (
                _("Carrier: %(carrier)s. Tracking number: %(tracking)s.")
                % {"carrier": carrier.name, "tracking": tracking or "—"}
            ),
        )
    return order


def deliver(order: Order, *, by=None, now=None, note: str = "") -> Order:
    """The reader has the items (delivered, or collected at the pickup point): their loans start."""
    now = now or timezone.now()
    if order.method == Order.Method.DELIVERY and order.status == S.PACKED:
        raise Refused(_("Ship a delivery order before marking it delivered."), "impossible_step", 409)
    with transaction.atomic():
        _move(order, S.DELIVERED, by=by, now=now, note=note)
        new_loans = loans.start_loans(order, now=now)
        _move(order, S.ON_LOAN, now=now)
        _record_service(order, now)
        due = min(loan.due_on for loan in new_loans)
        tell_reader(
            order,
            gettext_lazy("delivered"),
            lambda: _("Enjoy your reading. Please return the items by %(date)s.") % {"date": due.isoformat()},
        )
    return order


def fail(order: Order, reason: str, *, by=None, now=None) -> Order:
    """End an order that could not be delivered. Copies never shipped go back on the shelf; shipped ones stay
    in transit until staff receive the parcel back (`receive_back`)."""
    reason = (reason or "").strip()[:300]
    if not reason:
        raise Refused(_("Say why the order failed; the reader is told."), "reason_missing")
    now = now or timezone.now()
    shipped = order.status == S.SHIPPED
    with transaction.atomic():
        _move(order, S.FAILED, by=by, now=now, note=reason, problem=reason, closed_at=now)
        if not shipped:
            release_items(order)
        tell_reader(order, gettext_lazy("could not be delivered"), lambda: reason)
    return order


def receive_back(order: Order, *, by=None, now=None) -> int:
    """A failed delivery's parcel is back at the library: its copies return to the shelf."""
    if order.status != S.FAILED or not order.items.filter(holds_copy=True).exists():
        raise Refused(_("Nothing of this order is on its way back."), "nothing_to_receive", 409)
    with transaction.atomic():
        count = release_items(order)
        log_event(order, by=by, at=now, note=_("Parcel received back"))
    return count


def expire_holds(now: datetime.datetime | None = None) -> int:
    """Pickup orders not collected while their items were held fail, and the items go back on the shelf."""
    now = now or timezone.now()
    expired = Order.objects.filter(method=Order.Method.PICKUP, status__in=Order.OPEN, hold_until__lt=now).exclude(
        status=S.SHIPPED
    )
    count = 0
    for order in expired.select_related("reader", "library"):
        try:
            fail(order, str(_("Not collected while the items were held.")), now=now)
            count += 1
        except Refused:
            continue  # moved on meanwhile (collected or cancelled): nothing to expire
    return count


def extend_holds(library: Library, days: int, *, by=None) -> int:
    """Keep the items of every open pickup order `days` longer (the library closed: nobody can collect)."""
    if not 1 <= days <= 366:
        raise Refused(_("Give a number of days from 1 to 366."), "invalid_days")
    with transaction.atomic():
        count = Order.objects.filter(
            library=library, method=Order.Method.PICKUP, status__in=Order.OPEN, hold_until__isnull=False
        ).update(hold_until=F("hold_until") + datetime.timedelta(days=days))
        record_audit(by, "lending.holds_extended", library=library, summary=f"{count} orders, {days} days")
    return count


# --- what staff see ------------------------------------------------------------------------------
def queue(library: Library):
    """The library's open orders, oldest first, with what the queue page shows."""
    return (
        Order.objects.filter(library=library, status__in=Order.OPEN)
        .select_related("reader", "zone", "pickup_slot__point", "carrier")
        .prefetch_related("items__copy", "items__record")
        .order_by("created_at")
    )


def pick_list(library: Library, orders=None) -> list[tuple[str, list[OrderItem]]]:
    """Items to fetch from the shelves, grouped by location and sorted by shelf mark."""
    if orders is None:
        orders = Order.objects.filter(library=library, status__in=(S.REQUESTED, S.PICKING))
    items = (
        OrderItem.objects.filter(order__in=orders, holds_copy=True)
        .select_related("copy", "record", "order")
        .order_by("copy__location", "copy__shelf_mark", "copy__barcode")
    )
    groups: dict[str, list[OrderItem]] = defaultdict(list)
    for item in items:
        groups[item.copy.location].append(item)
    return list(groups.items())


# --- measurement ---------------------------------------------------------------------------------
def _record_service(order: Order, now: datetime.datetime) -> None:
    """Home delivery in a zone, or pickup at a point, is one service: one ServiceRecord per zone or point,
    dated by its first delivery, marked cross-industry once a courier or bookstore takes part."""
    source = order.zone if order.method == Order.Method.DELIVERY else order.pickup_slot.point
    if source is None:
        return
    existing = ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(source), object_id=str(source.pk)
    ).first()
    partner_involved = (order.carrier is not None and order.carrier.kind != Carrier.Kind.MANUAL) or (
        isinstance(source, PickupPoint) and source.kind == PickupPoint.Kind.BOOKSTORE
    )
    if existing and (existing.cross_industry or not partner_involved):
        return
    name_zh, name_en = source.name_zh_hans or source.name_en, source.name_en or source.name_zh_hans
    if order.method == Order.Method.DELIVERY:
        title_zh, title_en = f"送书上门：{name_zh}", f"Home delivery: {name_en}"
    else:
        title_zh, title_en = f"无接触取书：{name_zh}", f"Contactless pickup: {name_en}"
    record_service(
        library=order.library,
        date=existing.date if existing else timezone.localdate(now),
        title_zh=title_zh,
        title_en=title_en,
        categories=[Category.READING_OFFLINE],
        features=[Feature.CROSS_INDUSTRY] if partner_involved else [],
        source_object=source,
        link=reverse("catalogue:search", args=[order.library.slug]),
    )
