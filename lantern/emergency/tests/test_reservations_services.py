"""Timed-entry reservations as the services guarantee them: booking within the rules, cancelling, one
check-in per ticket, no-show release, and capacity changes that tell every reader who loses a place."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.models import ServiceMode
from lantern.core.services import set_service_mode
from lantern.emergency.models import Booking, ReservationRules, Slot
from lantern.emergency.services import reservations as services
from lantern.insights.models import ServiceRecord

from .reservations_helpers import make_slot, make_zone

pytestmark = pytest.mark.django_db


def live(slot):
    return slot.bookings.filter(status__in=Booking.LIVE).count()


def test_booking_takes_one_place_and_gives_a_ticket_code(reader, library_a):
    slot = make_slot(library_a, capacity=2)
    booking = services.book(reader, slot)
    slot.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
    assert len(booking.code) >= 12
    assert slot.booked == 1 == live(slot)
    assert slot.places_left == 1


def test_full_slot_refuses_the_next_reader(reader, other_reader, library_a):
    slot = make_slot(library_a, capacity=1)
    services.book(reader, slot)
    slot.refresh_from_db()
    with pytest.raises(services.Refused) as refused:
        services.book(other_reader, slot)
    assert refused.value.reason == "full" and refused.value.status == 409
    assert "full" in str(refused.value)


def test_stale_slot_object_still_cannot_overbook(reader, other_reader, library_a):
    slot = make_slot(library_a, capacity=1)
    stale = Slot.objects.get(pk=slot.pk)
    services.book(reader, slot)
    with pytest.raises(services.Refused) as refused:
        services.book(other_reader, stale)  # its `booked` still says 0: the conditional UPDATE decides
    assert refused.value.reason == "full"
    assert Slot.objects.get(pk=slot.pk).booked == 1 == live(slot)


def test_reader_cannot_book_the_same_slot_twice(reader, library_a):
    slot = make_slot(library_a)
    services.book(reader, slot)
    with pytest.raises(services.Refused) as refused:
        services.book(reader, slot)
    assert refused.value.reason == "already_booked"
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_per_reader_per_day_limit_counts_the_library_day(reader, library_a):
    ReservationRules.objects.create(library=library_a, per_reader_per_day=1)
    morning = make_slot(library_a, hours_from_now=1, length_hours=1)
    later = make_slot(library_a, zone=make_zone(library_a, "外借大厅", "Lending hall"), hours_from_now=1)
    services.book(reader, morning)
    with pytest.raises(services.Refused) as refused:
        services.book(reader, later)
    assert refused.value.reason == "limit"
    assert "1" in str(refused.value)


def test_slots_beyond_days_ahead_ended_or_in_closed_zones_are_refused(reader, library_a):
    ReservationRules.objects.create(library=library_a, days_ahead=2)
    far = make_slot(library_a, hours_from_now=24 * 5)
    with pytest.raises(services.Refused, match="2 days ahead"):
        services.book(reader, far)
    over = make_slot(library_a, hours_from_now=-3, length_hours=1)
    with pytest.raises(services.Refused, match="over"):
        services.book(reader, over)
    closed_zone = make_zone(library_a, "儿童区", "Children's corner", is_active=False)
    with pytest.raises(services.Refused, match="not open for booking"):
        services.book(reader, make_slot(library_a, zone=closed_zone))
    assert Booking.objects.count() == 0


def test_a_closed_library_takes_no_bookings(reader, library_a):
    slot = make_slot(library_a)
    set_service_mode(library_a, ServiceMode.CLOSED)
    slot.library.refresh_from_db()
    with pytest.raises(services.Refused) as refused:
        services.book(reader, Slot.objects.select_related("library").get(pk=slot.pk))
    assert refused.value.reason == "closed"


def test_cancelling_frees_the_place_for_someone_else(reader, other_reader, library_a):
    slot = make_slot(library_a, capacity=1)
    booking = services.book(reader, slot)
    services.cancel(booking)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    services.book(other_reader, Slot.objects.get(pk=slot.pk))
    assert Slot.objects.get(pk=slot.pk).booked == 1 == live(slot)
    with pytest.raises(services.Refused):
        services.cancel(booking)  # twice does not free a second place
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_check_in_is_valid_once_and_says_when_it_was_used(reader, librarian_a, library_a):
    slot = make_slot(library_a, hours_from_now=0)
    booking = services.book(reader, slot)
    services.check_in(library_a, booking.code, by=librarian_a)
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN
    with pytest.raises(services.Refused) as refused:
        services.check_in(library_a, booking.code, by=librarian_a)
    assert refused.value.reason == "already_checked_in"
    first = timezone.localtime(Booking.objects.get(pk=booking.pk).checked_in_at)
    assert first.strftime("%H:%M") in str(refused.value)


def test_check_in_refuses_unknown_other_library_and_wrong_time(reader, library_a, library_b):
    with pytest.raises(services.Refused, match="Unknown ticket"):
        services.check_in(library_a, "no-such-code")
    early = services.book(reader, make_slot(library_a, hours_from_now=5))
    with pytest.raises(services.Refused, match="other library"):
        services.check_in(library_b, early.code)
    with pytest.raises(services.Refused, match="Too early"):
        services.check_in(library_a, early.code)
    now = timezone.now()
    with pytest.raises(services.Refused, match="Too late"):
        services.check_in(library_a, early.code, now=now + datetime.timedelta(hours=8))
    assert Booking.objects.get(pk=early.pk).status == Booking.Status.BOOKED


def test_check_in_accepts_a_scanned_url_ending_with_the_code(reader, library_a):
    booking = services.book(reader, make_slot(library_a, hours_from_now=0))
    services.check_in(library_a, f"  https://example.org/alpha/visit/tickets/{booking.code}/ ")
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN


def test_no_shows_are_released_after_the_librarys_minutes(reader, other_reader, library_a):
    ReservationRules.objects.create(library=library_a, no_show_minutes=10)
    slot = make_slot(library_a, hours_from_now=0.5)
    absent = services.book(reader, slot)
    present = services.book(other_reader, slot)
    services.check_in(library_a, present.code, now=slot.starts_at)
    assert services.release_no_shows(slot.starts_at + datetime.timedelta(minutes=9)) == 0
    assert services.release_no_shows(slot.starts_at + datetime.timedelta(minutes=10)) == 1
    assert Booking.objects.get(pk=absent.pk).status == Booking.Status.NO_SHOW
    assert Booking.objects.get(pk=present.pk).status == Booking.Status.CHECKED_IN
    assert Slot.objects.get(pk=slot.pk).booked == 1 == live(slot)
    with pytest.raises(services.Refused, match="Released"):
        services.check_in(library_a, absent.code, now=slot.starts_at + datetime.timedelta(minutes=11))


def test_lower_capacity_drops_the_latest_bookings_and_tells_each_reader_in_their_language(library_a, librarian_a):
    slot = make_slot(library_a, capacity=4)
    readers = [make_user(f"r{n}@example.org", f"R{n}", language="en" if n == 3 else "zh-hans") for n in range(4)]
    bookings = [services.book(person, Slot.objects.get(pk=slot.pk)) for person in readers]
    assert services.not_honoured_if(slot, 2) == 2
    dropped = services.change_capacity(slot, 2, by=librarian_a)
    assert {b.pk for b in dropped} == {bookings[2].pk, bookings[3].pk}
    slot.refresh_from_db()
    assert slot.capacity == 2 and slot.booked == 2 == live(slot)
    assert Booking.objects.get(pk=bookings[0].pk).status == Booking.Status.BOOKED
    assert Booking.objects.get(pk=bookings[3].pk).status == Booking.Status.NOT_HONOURED
    english = readers[3].notices.get()
    assert english.subject == "Your visit cannot go ahead as booked"
    assert "Reading room" in english.body
    chinese = readers[2].notices.get()
    assert "Reading room" not in chinese.body and "阅览室" in chinese.body
    assert len(mail.outbox) == 2
    assert library_a.audit_entries.filter(action="reservations.capacity_changed").exists()


def test_capacity_cannot_go_below_the_readers_already_inside(reader, other_reader, library_a):
    slot = make_slot(library_a, hours_from_now=0, capacity=2)
    services.check_in(library_a, services.book(reader, slot).code)
    services.check_in(library_a, services.book(other_reader, Slot.objects.get(pk=slot.pk)).code)
    with pytest.raises(services.Refused, match="already checked in"):
        services.change_capacity(slot, 1)
    assert Slot.objects.get(pk=slot.pk).capacity == 2


def test_raising_capacity_opens_places(reader, other_reader, library_a):
    slot = make_slot(library_a, capacity=1)
    services.book(reader, slot)
    assert services.change_capacity(slot, 3) == []
    services.book(other_reader, Slot.objects.get(pk=slot.pk))
    assert Slot.objects.get(pk=slot.pk).booked == 2


def test_slots_in_bulk_for_days_times_and_zones_keep_existing_ones(library_a, librarian_a):
    hall, room = make_zone(library_a, "外借大厅", "Lending hall", capacity=30), make_zone(library_a)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    days = [tomorrow, tomorrow + datetime.timedelta(days=1)]
    times = [(datetime.time(9), datetime.time(11)), (datetime.time(14), datetime.time(16))]
    assert services.create_slots(library_a, zones=[hall, room], days=days, times=times, by=librarian_a) == (8, 0)
    assert Slot.objects.filter(zone=hall, capacity=30).count() == 4
    assert services.create_slots(library_a, zones=[hall], days=days, times=times, capacity=5) == (0, 4)
    with pytest.raises(services.Refused, match="past"):
        services.create_slots(library_a, zones=[hall], days=[tomorrow - datetime.timedelta(days=3)], times=times)
    assert Slot.objects.count() == 8


def test_slots_refuse_another_librarys_zone(library_a, library_b):
    other = make_zone(library_b)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(services.Refused, match="zones of this library"):
        services.create_slots(library_a, zones=[other], days=[tomorrow], times=[(datetime.time(9), datetime.time(10))])
    assert Slot.objects.count() == 0


def test_release_no_shows_command_states_its_rule_and_runs(capsys):
    from django.core.management import call_command, load_command_class

    command = load_command_class("lantern.emergency", "release_no_shows")
    assert "no-show minutes" in command.help
    call_command("release_no_shows")
    assert "0 bookings released" in capsys.readouterr().out


def test_opening_timed_entry_records_one_emergency_service_per_zone(library_a, librarian_a):
    hall = make_zone(library_a, "外借大厅", "Lending hall")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    times = [(datetime.time(9), datetime.time(11))]
    services.create_slots(library_a, zones=[hall], days=[tomorrow + datetime.timedelta(days=1)], times=times)
    services.create_slots(library_a, zones=[hall], days=[tomorrow], times=times)
    record = ServiceRecord.objects.get(library=library_a)
    assert record.categories == ["emergency"]
    assert record.title_en == "Timed-entry visits: Lending hall"
    assert record.date == tomorrow  # dated by the zone's first slot
