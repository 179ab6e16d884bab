"""A courier's retry racing its first delivery of the same event: exactly one is applied, on SQLite and on
PostgreSQL (run with DATABASE_URL pointing at PostgreSQL for the second)."""

import json
import threading
import time
from collections import Counter

import pytest
from django.db import OperationalError, connection

from lantern.lending.models import Carrier, CourierEvent, Loan, Order, OrderEvent
from lantern.lending.services import carriers

from .carriers_helpers import event, shipped_order
from .factories import make_carrier

pytestmark = pytest.mark.django_db(transaction=True)

SENDERS = 8


def send(carrier_id, body, barrier, answers):
    try:
        carrier = Carrier.objects.get(pk=carrier_id)
        update = carriers.parse_update(body)
        barrier.wait()
        for _attempt in range(100):
            try:
                carriers.receive_update(carrier, update)
                answers.append("accepted")
                return
            except carriers.Refused as exc:
                answers.append(exc.reason)
                return
            except OperationalError:  # SQLite's "locked": the API would answer and the courier retry
                time.sleep(0.02)
        answers.append("gave up")
    except Exception as exc:
        answers.append(type(exc).__name__)
    finally:
        connection.close()


def test_the_same_event_sent_at_once_is_applied_once(reader, library_a):
    courier = make_carrier(library_a, kind=Carrier.Kind.COURIER, secret="s3cret-for-tests")
    order = shipped_order(reader, library_a, courier)
    history = OrderEvent.objects.filter(order=order).count()
    body = json.dumps(event(status="delivered")).encode()
    barrier, answers = threading.Barrier(SENDERS), []
    threads = [threading.Thread(target=send, args=(courier.pk, body, barrier, answers)) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = Counter(answers)
    assert counts["accepted"] == 1, counts
    assert counts["accepted"] + counts["duplicate"] + counts["changed"] + counts["impossible_step"] == SENDERS, counts
    assert CourierEvent.objects.count() == 1
    assert Order.objects.get(pk=order.pk).status == Order.Status.ON_LOAN
    assert Loan.objects.filter(order=order).count() == 1
    assert OrderEvent.objects.filter(order=order).count() == history + 2  # delivered, on loan
