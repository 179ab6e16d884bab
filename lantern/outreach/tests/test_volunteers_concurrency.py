"""No overbooking: when 30 approved volunteers try at once to take the last 5 places of a shift, exactly 5 get
them and the others are told "This shift is full". On SQLite and on PostgreSQL (run with DATABASE_URL pointing
at PostgreSQL for the second).

The naive-allocator test shows the check can fail: with the guard replaced by "take the count I saw", the same
race gives more sign-ups than places.
"""

import threading
from collections import Counter

import pytest

from lantern.outreach.models import Shift, ShiftSignup
from lantern.outreach.services import shifts as shift_services
from lantern.tests.race import run_at_once

from .volunteers_helpers import make_shift, make_volunteer

pytestmark = pytest.mark.django_db(transaction=True)

VOLUNTEERS = 30
PLACES_LEFT = 5
CAPACITY = 12


def told(exc) -> str:
    """For "full", the words the volunteer reads, so that the race also checks them; else the reason or the error."""
    return str(exc) if getattr(exc, "reason", "") == "full" else getattr(exc, "reason", repr(exc))


def shift_with_last_places(library):
    """A shift of 12 places of which 7 are already taken."""
    shift = make_shift(library, capacity=CAPACITY)
    for i in range(CAPACITY - PLACES_LEFT):
        shift_services.sign_up(shift, make_volunteer(library, name=f"Early{i}").user)
    shift.refresh_from_db()
    assert shift.places_left == PLACES_LEFT
    return shift


def rush(library, shift, before=None) -> list[str]:
    people = [make_volunteer(library, name=f"Rush{i}").user for i in range(VOLUNTEERS)]
    return run_at_once(
        [lambda u=u: shift_services.sign_up(shift, u) and "signed up" for u in people], before=before, describe=told
    )


def check_places(shift, answers) -> None:
    assert answers.count("signed up") == PLACES_LEFT, Counter(answers)
    assert answers.count("This shift is full.") == VOLUNTEERS - PLACES_LEFT, Counter(answers)
    assert ShiftSignup.objects.filter(shift=shift, status="booked").count() == CAPACITY
    assert Shift.objects.get(pk=shift.pk).taken == CAPACITY


def test_thirty_volunteers_race_for_the_last_five_places(library_a):
    shift = shift_with_last_places(library_a)
    check_places(shift, rush(library_a, shift))


def test_the_check_catches_a_naive_allocator(library_a, monkeypatch):
    shift = shift_with_last_places(library_a)
    seen = {}

    def look_at_the_places():
        seen[threading.get_ident()] = Shift.objects.get(pk=shift.pk).taken

    def naive_take_place(shift):  # "there was a place when I looked": no condition in the update
        taken = seen[threading.get_ident()]
        if taken >= CAPACITY:
            return False
        Shift.objects.filter(pk=shift.pk).update(taken=taken + 1)
        return True

    monkeypatch.setattr(shift_services, "_take_place", naive_take_place)
    answers = rush(library_a, shift, before=look_at_the_places)
    with pytest.raises(AssertionError):
        check_places(shift, answers)
    assert ShiftSignup.objects.filter(shift=shift, status="booked").count() > CAPACITY


def test_a_cancelled_signup_frees_its_place_once(library_a):
    shift = make_shift(library_a, capacity=1)
    first, second = make_volunteer(library_a, name="First"), make_volunteer(library_a, name="Second")
    signup = shift_services.sign_up(shift, first.user)
    answers = run_at_once(
        [lambda: shift_services.cancel_signup(signup) and "cancelled" for _ in range(5)], describe=told
    )
    assert answers.count("cancelled") == 1, Counter(answers)
    assert Shift.objects.get(pk=shift.pk).taken == 0
    shift_services.sign_up(shift, second.user)
    assert Shift.objects.get(pk=shift.pk).taken == 1
