"""The last places of a slot go to exactly as many readers as there are places, however many ask at once,
on SQLite and on PostgreSQL (run this file with DATABASE_URL pointing at PostgreSQL for the second).

Shown to fail with the guard removed: without `booked__lt=F("capacity")` in `book()`, the extra readers
get a database IntegrityError (the CHECK constraint) instead of the "full" answer.
"""

import pytest
from django.contrib.auth import get_user_model

from lantern.emergency.models import Booking, Slot
from lantern.emergency.services import reservations as services
from lantern.tests.race import run_at_once

from .reservations_helpers import make_slot

pytestmark = pytest.mark.django_db(transaction=True)


def make_user(username, name):
    return get_user_model().objects.create(username=username, name=name)  # no password: hashing is slow


THREADS = 30


def booking_by(reader, slot_pk):
    """One reader's request: its slot is loaded before the start, so that only the booking races."""
    slot = Slot.objects.select_related("zone", "library").get(pk=slot_pk)  # its own: book() adds the place to it

    def book():
        services.book(reader, slot)
        return "booked"

    return book


def test_thirty_readers_race_for_the_last_three_places(library_a):
    slot = make_slot(library_a, capacity=10)
    for n in range(7):
        services.book(make_user(f"early{n}@example.org", f"Early {n}"), Slot.objects.get(pk=slot.pk))
    readers = [make_user(f"rush{n}@example.org", f"Rush {n}") for n in range(THREADS)]
    answers = run_at_once([booking_by(r, slot.pk) for r in readers], attempts=50)

    slot.refresh_from_db()
    live = Booking.objects.filter(slot=slot, status__in=Booking.LIVE).count()
    assert answers.count("booked") == 3, answers
    assert answers.count("full") == THREADS - 3, answers
    assert slot.booked == live == slot.capacity == 10
