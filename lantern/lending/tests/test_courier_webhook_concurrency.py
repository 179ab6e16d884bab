"""A courier's retry racing its first delivery of the same event: exactly one is applied, on SQLite and on
PostgreSQL (run with DATABASE_URL pointing at PostgreSQL for the second)."""

import json
from collections import Counter

import pytest

from lantern.lending.models import Carrier, CourierEvent, Loan, Order, OrderEvent
from lantern.lending.services import carriers
from lantern.tests.race import run_at_once

from .carriers_helpers import event, shipped_order
from .factories import make_carrier

pytestmark = pytest.mark.django_db(transaction=True)

SENDERS = 8


def sending(carrier_id, body):
    """One delivery of the webhook: carrier and body are read before the start, so that only applying it races."""
    carrier, update = Carrier.objects.get(pk=carrier_id), carriers.parse_update(body)

    def send():
        carriers.receive_update(carrier, update)
        return "accepted"

    return send


def test_the_same_event_sent_at_once_is_applied_once(reader, library_a):
    courier = make_carrier(library_a, kind=Carrier.Kind.COURIER, secret="s3cret-for-tests")
    order = shipped_order(reader, library_a, courier)
    history = OrderEvent.objects.filter(order=order).count()
    body = json.dumps(event(status="delivered")).encode()
    answers = run_at_once([sending(courier.pk, body) for _ in range(SENDERS)], attempts=100)
    counts = Counter(answers)
    assert counts["accepted"] == 1, counts
    assert counts["accepted"] + counts["duplicate"] + counts["changed"] + counts["impossible_step"] == SENDERS, counts
    assert CourierEvent.objects.count() == 1
    assert Order.objects.get(pk=order.pk).status == Order.Status.ON_LOAN
    assert Loan.objects.filter(order=order).count() == 1
    assert OrderEvent.objects.filter(order=order).count() == history + 2  # delivered, on loan
