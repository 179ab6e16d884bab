"""The sample reservations: a week of slots at the by-appointment demo library, loaded once."""

import pytest

from lantern.core import demo as core_demo
from lantern.emergency import demo_reservations
from lantern.emergency.models import Booking, Slot

pytestmark = pytest.mark.django_db


def test_demo_gives_chengdu_a_week_of_slots_with_bookings_and_loads_once():
    libraries = core_demo.load()["libraries"]
    first = demo_reservations.load(libraries)
    chengdu = libraries["chengdu"]
    chengdu.refresh_from_db()
    assert chengdu.service_mode == "appointment"
    assert Slot.objects.filter(library=chengdu).count() == 3 * 2 * 7
    assert Booking.objects.filter(slot__library=chengdu).count() == 2
    assert first == 1 + 3 + 42 + 2
    assert demo_reservations.load(libraries) == 0
    assert Slot.objects.filter(library=chengdu, booked=1).count() == 2
