"""Building blocks the carrier, webhook and slip tests share: orders at each step, and signed requests."""

import json
import time

from django.utils import timezone

from lantern.lending.models import Carrier
from lantern.lending.services import carriers, fulfilment, ordering

from .factories import make_carrier, make_copies, make_zone

TRACKING = "SF1234567890"


def place_delivery(reader, library, *, n=1, title="活着", location="Stacks"):
    copies = make_copies(library, n, title=title, location=location)
    draft = ordering.check_order(
        reader,
        library,
        record_ids=[copies[0].record_id],
        method="delivery",
        zone=make_zone(library),
        recipient="Alice Wang",
        phone="13800138000",
        address="武汉市江汉路 1 号",
        postcode="430000",
    )
    return ordering.place_order(draft)


def shipped_order(reader, library, carrier=None, *, tracking=TRACKING):
    """A delivery order handed to a courier (made when not given) with `tracking`."""
    carrier = carrier or make_carrier(library, kind=Carrier.Kind.COURIER, secret="s3cret-for-tests")
    order = place_delivery(reader, library)
    fulfilment.start_picking(order)
    fulfilment.pack(order)
    fulfilment.ship(order, carrier=carrier, tracking_number=tracking)
    return order


def event(*, event_id="evt-1", tracking=TRACKING, status="delivered", occurred_at=None, **extra):
    occurred_at = occurred_at or timezone.now().isoformat()
    return {"event_id": event_id, "tracking_number": tracking, "status": status, "occurred_at": occurred_at, **extra}


def signed_post(client, carrier, payload, *, secret=None, timestamp=None, body=None, headers=None):
    """POST `payload` (or raw `body`) to the carrier's webhook, signed with `secret` (its own by default)."""
    body = body if body is not None else json.dumps(payload).encode()
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = carriers.sign(carrier.webhook_secret if secret is None else secret, timestamp, body)
    sent = {"X-Lantern-Timestamp": timestamp, "X-Lantern-Signature": signature}
    if headers is not None:
        sent = headers
    return client.post(
        f"/api/v1/lending/couriers/{carrier.pk}/events", data=body, content_type="application/json", headers=sent
    )
