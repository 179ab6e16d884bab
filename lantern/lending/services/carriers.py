"""Carriers: who takes an order to the reader, behind one small interface, and what couriers report back.

A carrier's `kind` picks one small class from `KINDS`; each says whether a tracking number is needed at
hand-over and whether the carrier posts status updates. `hand_over` is what `fulfilment.ship` calls.

How to add a kind of carrier:
1. a value in `Carrier.Kind` (models.py, with a migration: ask the lead);
2. a subclass of `CarrierBehaviour` here, and its entry in `KINDS`;
3. if it posts updates, it speaks the protocol of `lantern/lending/COURIERS.md` (`receive_update` below);
4. tests in `tests/test_carriers_services.py`.

Courier updates (`receive_update`) are accepted once per `event_id`: the `CourierEvent` row is inserted
first inside the transaction, so a replay fails on the unique constraint and changes nothing, on SQLite
and PostgreSQL alike. A refused update (unknown tracking number, impossible transition) keeps no row, so
the courier may send it again once the cause is fixed.
"""

import dataclasses
import datetime
import hashlib
import hmac
import json
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from lantern.core.models import Library, Partner
from lantern.core.services import record_audit

from ..models import Carrier, CourierEvent, Order
from .common import Refused, log_event

TRACKING_NUMBER = re.compile(r"^[A-Za-z0-9-]{4,64}$")
# A signed update older or newer than this is refused: a captured request cannot be replayed later.
REPLAY_WINDOW_SECONDS = 300
SIGNATURE_PREFIX = "sha256="
NOTE_MAX = 300


# --- the one small interface ---------------------------------------------------------------------
class CarrierBehaviour:
    """What differs between kinds of carrier. Subclasses set the flags and may refine `tracking_for`."""

    needs_tracking_number = False
    posts_updates = False

    def tracking_for(self, order: Order, carrier: Carrier, tracking_number: str) -> str:
        """The tracking number to keep for `order`, checked; an optional one may be empty."""
        tracking_number = (tracking_number or "").strip()
        if not tracking_number:
            if self.needs_tracking_number:
                raise Refused(_("Enter the tracking number of the parcel."), "tracking_number_missing")
            return ""
        if not TRACKING_NUMBER.match(tracking_number):
            raise Refused(_("A tracking number has 4 to 64 letters, digits or hyphens."), "tracking_number_invalid")
        return tracking_number


class ManualCarrier(CarrierBehaviour):
    """Post or any delivery service: staff type the tracking number from the parcel's label."""

    needs_tracking_number = True


class BookstoreCarrier(CarrierBehaviour):
    """A partner bookstore delivers; it has no tracking number, its reference is kept when staff have one."""


class CourierCarrier(CarrierBehaviour):
    """A courier company: the tracking number links its signed status updates to the order."""

    needs_tracking_number = True
    posts_updates = True


KINDS: dict[str, type[CarrierBehaviour]] = {
    Carrier.Kind.MANUAL: ManualCarrier,
    Carrier.Kind.BOOKSTORE: BookstoreCarrier,
    Carrier.Kind.COURIER: CourierCarrier,
}


def behaviour(carrier: Carrier) -> CarrierBehaviour:
    return KINDS[carrier.kind]()


def hand_over(order: Order, carrier: Carrier, tracking_number: str = "") -> str:
    """Check that `carrier` may take `order` now; the tracking number to keep (maybe empty).

    Refuses a carrier of another library, an inactive one, and a missing or malformed tracking number
    where the carrier's kind needs one. Writes nothing: `fulfilment.ship` stores the result.
    """
    if carrier.library_id != order.library_id:
        raise Refused(_("This carrier works for another library."), "carrier_other_library", 404)
    if not carrier.active:
        raise Refused(_("This carrier is switched off. Choose another one."), "carrier_inactive", 409)
    return behaviour(carrier).tracking_for(order, carrier, tracking_number)


# --- managing carriers ---------------------------------------------------------------------------
def check_carrier(library: Library, kind: str, name: str, partner: Partner | None) -> str:
    """The cleaned name of a new carrier, or Refused with what to change."""
    name = (name or "").strip()
    if kind not in KINDS:
        raise Refused(_("Choose what kind of carrier this is."), "invalid")
    if not name or len(name) > 100:
        raise Refused(_("Give the carrier a name of at most 100 characters."), "invalid")
    if Carrier.objects.filter(library=library, name__iexact=name).exists():
        raise Refused(_("This library already has a carrier of that name."), "duplicate", 409)
    if partner is not None and not partner.libraries.filter(pk=library.pk).exists():
        raise Refused(_("This partner does not work with this library."), "invalid")
    if kind == Carrier.Kind.BOOKSTORE and (partner is None or partner.kind != Partner.Kind.BOOKSTORE):
        raise Refused(_("Choose the partner bookstore that delivers."), "invalid")
    return name


def create_carrier(library: Library, kind: str, name: str, partner: Partner | None = None, by=None) -> Carrier:
    """A new active carrier; a courier gets its own webhook secret."""
    name = check_carrier(library, kind, name, partner)
    secret = Carrier.new_secret() if KINDS[kind].posts_updates else ""
    with transaction.atomic():
        carrier = Carrier.objects.create(library=library, kind=kind, name=name, partner=partner, webhook_secret=secret)
        record_audit(by, "lending.carrier_created", carrier, library=library, summary=f"{kind}: {name}")
    return carrier


def rotate_secret(carrier: Carrier, by=None) -> Carrier:
    """A new webhook secret; updates signed with the old one are refused from now on."""
    if not behaviour(carrier).posts_updates:
        raise Refused(_("Only couriers post status updates, so only they have a secret."), "invalid")
    secret = Carrier.new_secret()
    with transaction.atomic():
        Carrier.objects.filter(pk=carrier.pk).update(webhook_secret=secret)
        # Never the secret itself in the audit log: it is readable by more people than the secret is.
        record_audit(by, "lending.carrier_secret_rotated", carrier, library=carrier.library, summary=carrier.name)
    carrier.webhook_secret = secret
    return carrier


def set_active(carrier: Carrier, active: bool, by=None) -> Carrier:
    """Switch a carrier on or off; an inactive one takes no parcels and its updates are not accepted."""
    active = bool(active)
    with transaction.atomic():
        changed = Carrier.objects.filter(pk=carrier.pk).exclude(active=active).update(active=active)
        if changed:
            action = "lending.carrier_activated" if active else "lending.carrier_deactivated"
            record_audit(by, action, carrier, library=carrier.library, summary=carrier.name)
    carrier.active = active
    return carrier


# --- courier updates -----------------------------------------------------------------------------
def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The `X-Lantern-Signature` value for `body` sent at `timestamp` (unix seconds, as sent)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def check_signature(carrier: Carrier, timestamp: str, signature: str, body: bytes, *, now=None) -> None:
    """Refused (401) unless `signature` is the carrier's HMAC of this body and the timestamp is recent."""
    unsigned = Refused(_("The update is not signed with this carrier's secret."), "bad_signature", 401)
    if not carrier.webhook_secret or not timestamp or not signature:
        raise unsigned
    # Compared in constant time, so that the response time says nothing about how much of it was right.
    if not hmac.compare_digest(sign(carrier.webhook_secret, timestamp, body).encode(), signature.strip().encode()):
        raise unsigned
    try:
        sent = int(timestamp)
    except ValueError:
        raise unsigned from None
    now = now or timezone.now()
    if abs(now.timestamp() - sent) > REPLAY_WINDOW_SECONDS:
        raise Refused(
            _("The timestamp is more than 5 minutes away from our clock. Sign the update again when sending it."),
            "stale",
            401,
        )


@dataclasses.dataclass
class CourierUpdate:
    event_id: str
    tracking_number: str
    status: str
    occurred_at: datetime.datetime
    note: str
    payload: dict


STATUSES = ("in_transit", "delivered", "failed")


def parse_update(body: bytes, *, now=None) -> CourierUpdate:
    """The update in `body`: Refused 400 for what is not a JSON object, 422 for a missing or wrong field."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise Refused(_("The body is not valid JSON."), "malformed", 400) from None
    if not isinstance(payload, dict):
        raise Refused(_("The body must be a JSON object."), "malformed", 400)

    def text(field: str, max_length: int, *, required: bool = True) -> str:
        value = payload.get(field, "")
        if not isinstance(value, str) or (required and not value.strip()):
            raise Refused(_("The field “%(field)s” must be a non-empty string.") % {"field": field}, "invalid")
        if len(value.strip()) > max_length:
            raise Refused(
                _("The field “%(field)s” is longer than %(n)d characters.") % {"field": field, "n": max_length},
                "invalid",
            )
        return value.strip()

    event_id = text("event_id", 100)
    tracking_number = text("tracking_number", 64)
    status = payload.get("status")
    if status not in STATUSES:
        raise Refused(_("The field “status” must be one of: %(values)s.") % {"values": ", ".join(STATUSES)}, "invalid")
    raw_time = payload.get("occurred_at")
    occurred_at = parse_datetime(raw_time) if isinstance(raw_time, str) else None
    if occurred_at is None or timezone.is_naive(occurred_at):
        raise Refused(
            _("The field “occurred_at” must be an ISO 8601 time with its offset, such as 2026-05-01T10:30:00+08:00."),
            "invalid",
        )
    now = now or timezone.now()
    if occurred_at > now + datetime.timedelta(seconds=REPLAY_WINDOW_SECONDS):
        raise Refused(_("The field “occurred_at” is in the future."), "invalid")
    note = text("note", NOTE_MAX, required=False) if "note" in payload else ""
    return CourierUpdate(event_id, tracking_number, status, occurred_at, note, payload)


def order_for_update(carrier: Carrier, tracking_number: str) -> Order:
    """The order this carrier took with that tracking number (the latest one, should a number come back)."""
    order = (
        Order.objects.filter(library_id=carrier.library_id, carrier=carrier, tracking_number=tracking_number)
        .select_related("library", "reader")
        .order_by("-created_at", "-pk")
        .first()
    )
    if order is None:
        raise Refused(_("No order of this library was handed to you with that tracking number."), "unknown_order", 404)
    return order


def receive_update(carrier: Carrier, update: CourierUpdate, *, now=None) -> CourierEvent:
    """Apply one courier update to its order, once.

    Guarantees: the same `event_id` from this carrier changes something at most once (409 after that);
    `delivered` and `failed` move the order through `fulfilment`, `in_transit` only adds a note to its
    history; anything refused (404, 409) leaves no trace, not even the event.
    """
    from . import fulfilment  # the lead's module, which imports this one for `hand_over`

    if not behaviour(carrier).posts_updates or not carrier.active:
        raise Refused(_("Not found."), "unknown_carrier", 404)
    order = order_for_update(carrier, update.tracking_number)
    now = now or timezone.now()
    # The loan and history go by when it happened, not when the (maybe retried) update arrived.
    when = min(update.occurred_at, now)
    with transaction.atomic():
        try:
            with transaction.atomic():
                event = CourierEvent.objects.create(
                    carrier=carrier, event_id=update.event_id, order=order, status=update.status, payload=update.payload
                )
        except IntegrityError:
            raise Refused(_("This event was received before; it changes nothing."), "duplicate", 409) from None
        name = {"carrier": carrier.name}
        try:
            if update.status == "delivered":
                fulfilment.deliver(order, now=when, note=update.note or _("Delivered by %(carrier)s.") % name)
            elif update.status == "failed":
                fulfilment.fail(order, update.note or _("%(carrier)s could not deliver it.") % name, now=when)
            elif order.status in (Order.Status.PACKED, Order.Status.SHIPPED):
                log_event(order, at=when, note=update.note or _("On its way with %(carrier)s.") % name)
            else:
                raise Refused(
                    _("This order is not on its way: it is “%(status)s”.") % {"status": order.get_status_display()},
                    "not_shipped",
                    409,
                )
        except Refused as exc:
            # An update that does not fit the order's state (delivered twice, failed after delivery) is a
            # conflict for the courier whatever the service's own status; the event row goes with it.
            raise Refused(str(exc), exc.reason, 409) from exc
    return event
