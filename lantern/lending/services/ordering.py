"""Ordering: what a reader may order, the quote (fee and expected date) shown before confirming, placing the
order, and the reader's own changes and cancellation until the order is packed.

Each copy goes to exactly one order however many readers ask at once: a copy is taken only by a
conditional UPDATE from `available` to `requested`, and the partial unique constraint on
`OrderItem(copy) WHERE holds_copy` stands behind it. A pickup slot's `booked` counter moves the same way.
"""

import dataclasses
import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.catalogue.models import PHYSICAL_FORMATS, Copy, Record
from lantern.core.identifiers import normalize_phone
from lantern.core.models import Library

from ..models import DeliveryZone, FeeRule, LendingRules, Order, OrderItem, PickupSlot
from .common import Refused, check_card, log_event, rules_for, tell_reader

# Copies tried per record before reading the shelf again; random among them so that a rush of readers
# does not queue on the same first row.
CANDIDATES = 20


@dataclasses.dataclass
class Draft:
    """A validated order not yet placed: what the confirmation page shows and `place_order` writes."""

    library: Library
    reader: object
    records: list[Record]
    method: str
    rules: LendingRules
    zone: DeliveryZone | None = None
    slot: PickupSlot | None = None
    recipient: str = ""
    phone: str = ""
    address: str = ""
    postcode: str = ""
    note: str = ""
    now: datetime.datetime = dataclasses.field(default_factory=timezone.now)

    @classmethod
    def of(
        cls, library, reader, records, method, *, rules, zone, slot, recipient, phone, address, postcode, note="", now
    ):
        """A draft of what the reader typed: trimmed to the fields' lengths, and only the chosen method's part."""
        return cls(
            library=library,
            reader=reader,
            records=records,
            method=method,
            rules=rules,
            zone=zone if method == Order.Method.DELIVERY else None,
            slot=slot if method == Order.Method.PICKUP else None,
            recipient=recipient.strip()[:100],
            phone=phone.strip(),
            address=address.strip()[:300],
            postcode=postcode.strip()[:12],
            note=note.strip()[:300],
            now=now,
        )

    @property
    def method_label(self) -> str:
        return Order.Method(self.method).label

    @property
    def fee(self) -> Decimal:
        return delivery_fee(self.rules, self.method, self.zone)

    @property
    def expected_on(self) -> datetime.date:
        return expected_date(self.rules, self.method, self.slot, self.now)

    @property
    def hold_until(self) -> datetime.datetime | None:
        return hold_until(self.rules, self.method, self.slot, self.now)


def delivery_fee(rules: LendingRules, method: str, zone: DeliveryZone | None) -> Decimal:
    if method != Order.Method.DELIVERY or rules.fee_rule == FeeRule.FREE:
        return Decimal("0")
    if rules.fee_rule == FeeRule.FLAT:
        return rules.flat_fee
    return zone.fee if zone else Decimal("0")


def expected_date(rules: LendingRules, method: str, slot: PickupSlot | None, now: datetime.datetime) -> datetime.date:
    if method == Order.Method.PICKUP and slot:
        return timezone.localtime(slot.starts_at).date()
    return timezone.localdate(now) + datetime.timedelta(days=rules.delivery_days)


def hold_base(rules: LendingRules, ordered_at: datetime.datetime) -> datetime.datetime:
    """When ordered items stop being held unless a pickup slot keeps them longer."""
    return ordered_at + datetime.timedelta(days=rules.hold_days)


def hold_until(
    rules: LendingRules, method: str, slot: PickupSlot | None, ordered_at: datetime.datetime
) -> datetime.datetime | None:
    # The hold never ends before the slot the reader booked.
    if method != Order.Method.PICKUP:
        return None
    base = hold_base(rules, ordered_at)
    return max(base, slot.ends_at) if slot else base


def bookable_slots(library: Library, *, ordered_at: datetime.datetime | None = None, now=None):
    """Pickup slots a reader may book: with room, not begun, at an active point, and ending before the hold
    on the items would expire (a slot can only be booked while the items are still held)."""
    now = now or timezone.now()
    rules = rules_for(library)
    return (
        PickupSlot.objects.with_room()
        .filter(point__library=library, point__active=True, starts_at__gt=now)
        .filter(ends_at__lte=hold_base(rules, ordered_at or now))
        .select_related("point")
        .order_by("starts_at", "point__name")
    )


def active_zones(library: Library):
    return DeliveryZone.objects.filter(library=library, active=True).order_by("name")


def methods_offered(library: Library) -> list[str]:
    rules = rules_for(library)
    methods = []
    if rules.delivery_enabled and active_zones(library).exists():
        methods.append(Order.Method.DELIVERY)
    if rules.pickup_enabled:
        methods.append(Order.Method.PICKUP)
    return methods


def orderable_records(library: Library, record_ids) -> list[Record]:
    """The library's lendable records among `record_ids`, in the order given, annotated with copies on the shelf."""
    ids = [int(pk) for pk in record_ids]
    found = {
        record.pk: record for record in Record.objects.filter(library=library, pk__in=ids, format__in=PHYSICAL_FORMATS)
    }
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]


def available_count(record: Record) -> int:
    return Copy.objects.available().filter(record=record, library=record.library).count()


# --- check and quote -----------------------------------------------------------------------------
def _check_delivery(draft: Draft, errors: dict) -> None:
    if draft.zone is None or draft.zone.library_id != draft.library.pk or not draft.zone.active:
        errors["zone"] = [_("Choose the area you live in from the list.")]
    elif draft.postcode and not draft.zone.accepts_postcode(draft.postcode):
        errors["postcode"] = [
            _("This postcode is outside “%(zone)s”. Check it, or choose pickup instead.") % {"zone": draft.zone}
        ]
    if not draft.recipient.strip():
        errors["recipient"] = [_("Say who receives the parcel.")]
    if not draft.address.strip():
        errors["address"] = [_("Give the delivery address.")]
    try:
        draft.phone = normalize_phone(draft.phone)
    except ValidationError as exc:
        errors["phone"] = exc.messages


def _check_pickup(draft: Draft, errors: dict) -> None:
    slot = draft.slot
    if slot is None or slot.point.library_id != draft.library.pk:
        errors["slot"] = [_("Choose a pickup time.")]
    elif not slot.point.active or slot.starts_at <= draft.now:
        errors["slot"] = [_("This pickup time is no longer available. Choose another one.")]
    elif slot.ends_at > hold_base(draft.rules, draft.now):
        errors["slot"] = [
            _("Items are held for %(days)d days: choose a pickup time before then.") % {"days": draft.rules.hold_days}
        ]


def check_order(
    reader,
    library: Library,
    *,
    record_ids,
    method: str,
    zone: DeliveryZone | None = None,
    slot: PickupSlot | None = None,
    recipient: str = "",
    phone: str = "",
    address: str = "",
    postcode: str = "",
    note: str = "",
    now: datetime.datetime | None = None,
) -> Draft:
    """Validate an order before it is shown for confirmation; raise ValidationError by field, or Refused."""
    rules = rules_for(library)
    check_card(reader, library)
    _check_method(library, method)
    records = orderable_records(library, record_ids)
    if not records:
        raise Refused(_("Choose at least one printed item of this library."), "no_items")
    if len(records) > rules.max_items_per_order:
        raise Refused(
            _("One order may hold at most %(max)d items; you chose %(count)d.")
            % {"max": rules.max_items_per_order, "count": len(records)},
            "too_many_items",
        )
    draft = Draft.of(
        library,
        reader,
        records,
        method,
        rules=rules,
        zone=zone,
        slot=slot,
        recipient=recipient,
        phone=phone,
        address=address,
        postcode=postcode,
        note=note,
        now=now or timezone.now(),
    )
    errors: dict[str, list] = {}
    if method == Order.Method.DELIVERY:
        _check_delivery(draft, errors)
    else:
        _check_pickup(draft, errors)
    if errors:
        raise ValidationError(errors)
    _check_open_orders(reader, library, rules)
    return draft


def _check_method(library: Library, method: str) -> None:
    if method not in methods_offered(library):
        raise ValidationError({"method": [_("This library does not offer that way of getting books.")]})


def _check_open_orders(reader, library: Library, rules: LendingRules) -> None:
    count = Order.objects.filter(reader=reader, library=library, status__in=Order.OPEN).count()
    if count >= rules.max_open_orders:
        raise Refused(
            _("You already have %(count)d open orders here, the most allowed. Wait until one arrives.")
            % {"count": count},
            "too_many_orders",
            409,
        )


# --- place ---------------------------------------------------------------------------------------
def _take_slot(slot: PickupSlot) -> None:
    if not PickupSlot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(booked=F("booked") + 1):
        raise Refused(_("This pickup time has just filled up. Choose another one."), "slot_full", 409)


def _release_slot(slot_id: int | None) -> None:
    if slot_id:
        PickupSlot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


def _take_copy(record: Record) -> int:
    """Move one available copy of `record` to `requested` and return its id, or refuse."""
    while True:
        candidates = list(
            Copy.objects.available()
            .filter(record=record, library=record.library)
            .values_list("pk", flat=True)[:CANDIDATES]
        )
        if not candidates:
            raise Refused(
                _("“%(title)s” has just been ordered by someone else; no copy is left.") % {"title": record.title},
                "unavailable",
                409,
            )
        random.shuffle(candidates)
        for pk in candidates:
            if Copy.objects.filter(pk=pk, status=Copy.Status.AVAILABLE).update(status=Copy.Status.REQUESTED):
                return pk


def place_order(draft: Draft) -> Order:
    """Place a checked order: take a copy of every item and the pickup place, all or nothing."""
    reader, library, rules = draft.reader, draft.library, draft.rules
    with transaction.atomic():
        # Serialises one reader's orders on PostgreSQL so that the open-order limit holds under double clicks;
        # SQLite's write transactions are serial already.
        get_user_model().objects.select_for_update().filter(pk=reader.pk).first()
        _check_open_orders(reader, library, rules)
        if draft.slot:
            _take_slot(draft.slot)
        order = Order.objects.create(
            library=library,
            reader=reader,
            method=draft.method,
            fee=draft.fee,
            zone=draft.zone,
            pickup_slot=draft.slot,
            hold_until=draft.hold_until,
            expected_on=draft.expected_on,
            recipient=draft.recipient,
            phone=draft.phone,
            address=draft.address,
            postcode=draft.postcode,
            note=draft.note,
        )
        OrderItem.objects.bulk_create(
            [OrderItem(order=order, record=record, copy_id=_take_copy(record)) for record in draft.records]
        )
        log_event(order, by=reader, at=draft.now)
        tell_reader(
            order,
            gettext_lazy("received"),
            lambda: (
                _("We have your order of %(count)d items. Expected on %(date)s.")
                % {"count": len(draft.records), "date": order.expected_on.isoformat()}
            ),
        )
    return order


# --- the reader's own changes --------------------------------------------------------------------
def _check_changeable(order: Order) -> None:
    if not order.is_changeable:
        raise Refused(
            _("This order is “%(status)s”: it can no longer be changed. Contact the library.")
            % {"status": order.get_status_display()},
            "not_changeable",
            409,
        )


def change_order(
    order: Order,
    *,
    method: str,
    zone: DeliveryZone | None = None,
    slot: PickupSlot | None = None,
    recipient: str = "",
    phone: str = "",
    address: str = "",
    postcode: str = "",
    by=None,
    now: datetime.datetime | None = None,
) -> Order:
    """The reader changes the method, the address or the pickup time of an order not yet packed."""
    _check_changeable(order)
    now = now or timezone.now()
    rules = rules_for(order.library)
    _check_method(order.library, method)
    draft = Draft.of(
        order.library,
        order.reader,
        [],
        method,
        rules=rules,
        zone=zone,
        slot=slot,
        recipient=recipient,
        phone=phone,
        address=address,
        postcode=postcode,
        now=now,
    )
    errors: dict[str, list] = {}
    if method == Order.Method.DELIVERY:
        _check_delivery(draft, errors)
    elif draft.slot is None or draft.slot.pk != order.pickup_slot_id:
        # A new slot must end before the hold that began with the order would expire.
        draft.now = order.created_at
        _check_pickup(draft, errors)
        if draft.slot and draft.slot.starts_at <= now:
            errors["slot"] = [_("This pickup time is no longer available. Choose another one.")]
        draft.now = now
    if errors:
        raise ValidationError(errors)
    fields = {
        "method": method,
        "zone": draft.zone,
        "pickup_slot": draft.slot,
        "fee": draft.fee,
        "expected_on": expected_date(rules, method, draft.slot, now),
        "hold_until": hold_until(rules, method, draft.slot, order.created_at),
        "recipient": draft.recipient if method == Order.Method.DELIVERY else "",
        "phone": draft.phone if method == Order.Method.DELIVERY else "",
        "address": draft.address if method == Order.Method.DELIVERY else "",
        "postcode": draft.postcode if method == Order.Method.DELIVERY else "",
    }
    with transaction.atomic():
        if not Order.objects.filter(pk=order.pk, status__in=Order.CHANGEABLE).update(**fields, updated_at=now):
            raise Refused(_("This order has just been packed; it can no longer be changed."), "not_changeable", 409)
        if draft.slot and draft.slot.pk != order.pickup_slot_id:
            _take_slot(draft.slot)
        if order.pickup_slot_id and (draft.slot is None or draft.slot.pk != order.pickup_slot_id):
            _release_slot(order.pickup_slot_id)
        order.refresh_from_db()
        log_event(order, by=by, at=now, note=_("Changed by the reader"))
        tell_reader(
            order,
            gettext_lazy("changed"),
            lambda: (
                _("Your order now goes by %(method)s; expected on %(date)s.")
                % {"method": order.get_method_display(), "date": order.expected_on.isoformat()}
            ),
        )
    return order


def release_items(order: Order, *, to_status: str = Copy.Status.AVAILABLE) -> int:
    """Give the order's copies back (to the shelf, or to `to_status`) and free its pickup place."""
    copy_ids = list(order.items.filter(holds_copy=True).values_list("copy_id", flat=True))
    order.items.filter(holds_copy=True).update(holds_copy=False)
    Copy.objects.filter(pk__in=copy_ids, status__in=(Copy.Status.REQUESTED, Copy.Status.IN_TRANSIT)).update(
        status=to_status
    )
    _release_slot(order.pickup_slot_id)
    return len(copy_ids)


def cancel_order(order: Order, *, by=None, reason: str = "", staff: bool = False, now=None) -> Order:
    """Cancel an order: by the reader until it is packed, by staff until it is shipped or collected."""
    now = now or timezone.now()
    allowed = (*Order.CHANGEABLE, Order.Status.PACKED) if staff else Order.CHANGEABLE
    if order.status not in allowed:
        raise Refused(
            _("This order is “%(status)s”: it can no longer be cancelled.") % {"status": order.get_status_display()},
            "not_cancellable",
            409,
        )
    reason = reason.strip()[:300]
    with transaction.atomic():
        changed = Order.objects.filter(pk=order.pk, status__in=allowed).update(
            status=Order.Status.CANCELLED, closed_at=now, problem=reason, updated_at=now
        )
        if not changed:
            raise Refused(_("This order has just changed; reload the page."), "changed", 409)
        release_items(order)
        order.refresh_from_db()
        log_event(order, by=by, at=now, note=reason)
        tell_reader(
            order,
            gettext_lazy("cancelled"),
            (lambda: _("The library cancelled your order: %(reason)s") % {"reason": reason})
            if staff and reason
            else gettext_lazy("Your order is cancelled and the items are back on the shelf."),
        )
    return order
