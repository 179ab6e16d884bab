"""The last places of a slot go to exactly as many readers as there are places, however many ask at once,
on SQLite and on PostgreSQL (run this file with DATABASE_URL pointing at PostgreSQL for the second).

Shown to fail with the guard removed: without `booked__lt=F("capacity")` in `book()`, the extra readers
get a database IntegrityError (the CHECK constraint) instead of the "full" answer.
"""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import OperationalError, connection

from lantern.emergency.models import Booking, Slot
from lantern.emergency.services import reservations as services

from .reservations_helpers import make_slot

pytestmark = pytest.mark.django_db(transaction=True)


def make_user(username, name):
    return get_user_model().objects.create(username=username, name=name)  # no password: hashing is slow


THREADS = 30


def book_as(reader, slot_pk, barrier, answers):
    slot = Slot.objects.select_related("zone", "library").get(pk=slot_pk)
    barrier.wait()
    try:
        for _attempt in range(50):
            try:
                services.book(reader, slot)
                answers.append("booked")
                return
            except services.Refused as exc:
                answers.append(exc.reason)
                return
            except OperationalError:  # SQLite's "locked": a client would retry after the API's 429
                time.sleep(0.02)
        answers.append("gave up")
    except Exception as exc:
        answers.append(type(exc).__name__)
    finally:
        connection.close()


def test_thirty_readers_race_for_the_last_three_places(library_a):
    slot = make_slot(library_a, capacity=10)
    for n in range(7):
        services.book(make_user(f"early{n}@example.org", f"Early {n}"), Slot.objects.get(pk=slot.pk))
    readers = [make_user(f"rush{n}@example.org", f"Rush {n}") for n in range(THREADS)]
    barrier, answers = threading.Barrier(THREADS), []
    threads = [threading.Thread(target=book_as, args=(r, slot.pk, barrier, answers)) for r in readers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    slot.refresh_from_db()
    live = Booking.objects.filter(slot=slot, status__in=Booking.LIVE).count()
    assert answers.count("booked") == 3, answers
    assert answers.count("full") == THREADS - 3, answers
    assert slot.booked == live == slot.capacity == 10
