"""No double booking: when many readers register at once for the last seats, exactly `capacity` get one and
the rest wait; when cancellations race, each freed seat goes to the first reader waiting, once. On SQLite and
on PostgreSQL (run with DATABASE_URL pointing at PostgreSQL for the second).

The naive-allocator test shows the check can fail: with the guard replaced by "take the seat count I saw",
the same race gives more confirmed readers than seats.
"""

import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model

from lantern.core.models import Notice
from lantern.programs.models import Event, Registration
from lantern.programs.services import events as services
from lantern.tests.race import run_at_once

from .events_helpers import make_event

pytestmark = pytest.mark.django_db(transaction=True)

# Below PostgreSQL's default of 100 connections, with room for the test's own.
READERS = 60
SEATS = 15


def make_readers(n, prefix="rush"):
    # In English: the check on "A seat is yours" notices reads the English subject, and readers default to Chinese.
    return [get_user_model().objects.create(username=f"{prefix}{i}@example.org", language="en") for i in range(n)]


def register_all(event, people, before=None) -> list[str]:
    return run_at_once([lambda r=r: services.register(event, r).status for r in people], before=before)


def check_seats(event, answers) -> None:
    assert answers.count("confirmed") == SEATS, Counter(answers)
    assert answers.count("waiting") == READERS - SEATS, Counter(answers)
    assert Registration.objects.filter(event=event, status="confirmed").count() == SEATS
    assert Event.objects.get(pk=event.pk).seats_taken == SEATS


def test_sixty_readers_race_for_fifteen_seats(library_a):
    event = make_event(library_a, capacity=SEATS)
    check_seats(event, register_all(event, make_readers(READERS)))


def test_the_check_catches_a_naive_allocator(library_a, monkeypatch):
    event = make_event(library_a, capacity=SEATS)
    seen = {}

    def look_at_the_seats():
        seen[threading.get_ident()] = Event.objects.get(pk=event.pk).seats_taken

    def naive_take_seat(event):  # "there was a seat when I looked": no condition in the update
        taken = seen[threading.get_ident()]
        if taken >= SEATS:
            return False
        Event.objects.filter(pk=event.pk).update(seats_taken=taken + 1)
        return True

    monkeypatch.setattr(services, "_take_seat", naive_take_seat)
    answers = register_all(event, make_readers(READERS), before=look_at_the_seats)
    with pytest.raises(AssertionError):
        check_seats(event, answers)
    assert Registration.objects.filter(event=event, status="confirmed").count() > SEATS


def test_racing_cancellations_pass_each_seat_once_in_order(library_a):
    event = make_event(library_a, capacity=10)
    people = make_readers(30, prefix="line")
    for person in people:  # one by one: 10 seats, then 20 waiting in this order
        services.register(event, person)
    confirmed = list(Registration.objects.filter(event=event, status="confirmed").order_by("pk"))
    waiting = list(Registration.objects.filter(event=event, status="waiting").order_by("pk"))
    leaving = confirmed[:6] + waiting[:3]  # seat holders and people in line cancel at the same moment
    answers = run_at_once([lambda r=r: services.cancel_registration(r) and "promoted" for r in leaving])
    assert "gave up" not in answers and all(a in ("promoted", None) for a in answers), Counter(answers)

    event.refresh_from_db()
    now_confirmed = Registration.objects.filter(event=event, status="confirmed")
    assert now_confirmed.count() == 10 == event.seats_taken
    still_waiting = [r.pk for r in waiting[3:]]
    moved_up = sorted(now_confirmed.filter(promoted_at__isnull=False).values_list("pk", flat=True))
    assert moved_up == still_waiting[: len(moved_up)]  # the first in line, in order
    assert len(moved_up) >= 6 - 3  # at least the seats freed by holders, minus those given to leavers
    for registration in Registration.objects.filter(event=event, promoted_at__isnull=False):
        assert Notice.objects.filter(recipient=registration.reader, subject__startswith="A seat is yours").count() == 1
