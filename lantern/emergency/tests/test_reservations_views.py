"""The reservation pages as readers and librarians use them: booking with one button, the ticket whose QR
code a real decoder reads and the door accepts once, the staff's slots, capacities and check-in page."""

import datetime
import io

import pytest
import zxingcpp
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from lantern.emergency.models import Booking, Slot
from lantern.emergency.services import reservations as services

from .reservations_helpers import make_slot, make_zone

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_visit_page_lists_slots_with_places_and_books_with_one_button(client_as, reader, library_a):
    slot = make_slot(library_a, capacity=2)
    client = client_as(reader)
    page = client.get("/alpha/visit/", **EN)
    assert page.status_code == 200
    assert "Reading room" in page.content.decode() and "2 places left" in page.content.decode()
    response = client.post(f"/alpha/visit/slots/{slot.pk}/book/", **EN)
    booking = Booking.objects.get(reader=reader)
    assert response.status_code == 302 and response.url == f"/alpha/visit/tickets/{booking.code}/"
    page = client.get("/alpha/visit/", **EN).content.decode()
    assert "My bookings" in page and "Cancel booking" in page and "1 place left" in page


def test_booking_a_full_slot_says_so_and_writes_nothing(client_as, reader, other_reader, library_a):
    slot = make_slot(library_a, capacity=1)
    services.book(other_reader, slot)
    response = client_as(reader).post(f"/alpha/visit/slots/{slot.pk}/book/", **EN)
    assert response.status_code == 409
    assert "This time slot is full" in response.content.decode()
    assert not Booking.objects.filter(reader=reader).exists()


def test_anonymous_visitors_see_slots_and_are_asked_to_sign_in(client, library_a):
    make_slot(library_a)
    page = client.get("/alpha/visit/", **EN).content.decode()
    assert "Sign in to book a visit" in page
    assert client.post("/alpha/visit/slots/1/book/").status_code == 302  # to the sign-in page


def test_reader_cancels_from_the_visit_page(client_as, reader, library_a):
    booking = services.book(reader, make_slot(library_a))
    response = client_as(reader).post(f"/alpha/visit/tickets/{booking.code}/cancel/", **EN)
    assert response.status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    assert Slot.objects.get(pk=booking.slot_id).booked == 0


def test_readers_see_only_their_own_tickets(client_as, reader, other_reader, library_a):
    booking = services.book(reader, make_slot(library_a))
    client = client_as(other_reader)
    assert client.get(f"/alpha/visit/tickets/{booking.code}/").status_code == 404
    assert client.get(f"/alpha/visit/tickets/{booking.code}.png").status_code == 404
    assert client.post(f"/alpha/visit/tickets/{booking.code}/cancel/").status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.BOOKED


def test_ticket_shows_the_slot_and_an_inline_qr_code(client_as, reader, library_a):
    booking = services.book(reader, make_slot(library_a))
    page = client_as(reader).get(f"/alpha/visit/tickets/{booking.code}/", **EN).content.decode()
    assert "<svg" in page and booking.code in page and "Reading room" in page
    assert timezone.localtime(booking.slot.starts_at).strftime("%H:%M") in page


def test_qr_code_decoded_by_a_real_decoder_checks_the_reader_in_once(client_as, reader, librarian_a, library_a):
    booking = services.book(reader, make_slot(library_a, hours_from_now=0))
    png = client_as(reader).get(f"/alpha/visit/tickets/{booking.code}.png")
    assert png["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert len(decoded) == 1
    scanned = decoded[0].text

    client = client_as(librarian_a)
    first = client.post("/alpha/staff/visits/check-in/", {"code": scanned}, **EN)
    assert first.status_code == 200
    assert "OK — come in" in first.content.decode()
    second = client.post("/alpha/staff/visits/check-in/", {"code": scanned}, **EN)
    assert second.status_code == 409
    assert "Refused" in second.content.decode() and "Already used" in second.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CHECKED_IN


def test_check_in_page_has_a_focused_field_and_refuses_unknown_codes(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    page = client.get("/alpha/staff/visits/check-in/", **EN).content.decode()
    assert 'name="code"' in page and "autofocus" in page
    response = client.post("/alpha/staff/visits/check-in/", {"code": "nonsense"}, **EN)
    assert response.status_code == 422 and "Unknown ticket code" in response.content.decode()
    assert client.post("/alpha/staff/visits/check-in/", {"code": ""}, **EN).status_code == 422


def test_staff_of_another_library_and_readers_cannot_use_staff_pages(client_as, reader, librarian_b, library_a):
    slot = make_slot(library_a)
    for person in (reader, librarian_b):
        client = client_as(person)
        assert client.get("/alpha/staff/visits/").status_code == 403
        assert client.get("/alpha/staff/visits/check-in/").status_code == 403
        assert client.get(f"/alpha/staff/visits/slots/{slot.pk}/").status_code == 403
        assert client.post(f"/alpha/staff/visits/slots/{slot.pk}/capacity/", {"capacity": 0}).status_code == 403
    assert Slot.objects.get(pk=slot.pk).capacity == 3


def test_staff_create_a_zone_and_slots_in_bulk(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    client.post("/alpha/staff/visits/zones/", {"name_zh": "阅览室", "name_en": "Reading room", "default_capacity": 12})
    zone = library_a.zones.get()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        "/alpha/staff/visits/slots/",
        {
            "zones": [zone.pk],
            "first_day": tomorrow.isoformat(),
            "last_day": (tomorrow + datetime.timedelta(days=2)).isoformat(),
            "times": "09:00-11:00\n14:00-16:00",
        },
        **EN,
    )
    assert response.status_code == 302
    assert Slot.objects.filter(zone=zone, capacity=12).count() == 6
    page = client.get("/alpha/staff/visits/", **EN).content.decode()
    assert "6 time slots created" in page and "09:00–11:00" in page


def test_bad_slot_input_is_explained_and_creates_nothing(client_as, librarian_a, library_a):
    zone = make_zone(library_a)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_as(librarian_a).post(
        "/alpha/staff/visits/slots/",
        {"zones": [zone.pk], "first_day": tomorrow.isoformat(), "last_day": tomorrow.isoformat(), "times": "9 to 5"},
        **EN,
    )
    assert response.status_code == 422
    assert "is not a time range like 09:00-11:00" in response.content.decode()
    assert Slot.objects.count() == 0


def test_lowering_capacity_asks_how_many_bookings_will_not_be_honoured(client_as, librarian_a, library_a, reader):
    from lantern.conftest import make_user

    slot = make_slot(library_a, capacity=3)
    services.book(reader, slot)
    late = services.book(make_user("late@example.org", "Late", language="en"), Slot.objects.get(pk=slot.pk))
    client = client_as(librarian_a)
    url = reverse("emergency:staff_change_capacity", args=["alpha", slot.pk])
    confirm = client.post(url, {"capacity": 1}, **EN)
    assert confirm.status_code == 200
    assert "1 booking will not be honoured" in confirm.content.decode()
    assert Slot.objects.get(pk=slot.pk).capacity == 3  # nothing changed before the confirmation
    done = client.post(url, {"capacity": 1, "confirm": 1}, **EN)
    assert done.status_code == 302
    assert Booking.objects.get(pk=late.pk).status == Booking.Status.NOT_HONOURED
    assert late.reader.notices.count() == 1
    assert client.post(url, {"capacity": -1}, **EN).status_code == 422


def test_staff_set_the_booking_rules_and_bad_values_change_nothing(client_as, librarian_a, library_a):
    from lantern.emergency.models import ReservationRules

    client = client_as(librarian_a)
    url = "/alpha/staff/visits/rules/"
    done = client.post(url, {"per_reader_per_day": 2, "days_ahead": 3, "no_show_minutes": 20}, **EN)
    assert done.status_code == 302
    rules = ReservationRules.objects.get(library=library_a)
    assert (rules.per_reader_per_day, rules.days_ahead, rules.no_show_minutes) == (2, 3, 20)
    bad = client.post(url, {"per_reader_per_day": 0, "days_ahead": 3, "no_show_minutes": 20}, **EN)
    assert bad.status_code == 422 and "greater than or equal to 1" in bad.content.decode()
    assert ReservationRules.objects.get(library=library_a).per_reader_per_day == 2
    assert "You may book 2 visits a day, up to 3 days ahead" in client.get("/alpha/visit/", **EN).content.decode()


def test_book_is_offered_only_where_it_can_work(client_as, reader, library_a):
    held = make_slot(library_a, capacity=5)
    same_day = make_slot(
        library_a, capacity=5, hours_from_now=4, zone=make_zone(library_a, "少儿区", "Children's corner")
    )
    client = client_as(reader)
    client.post(f"/alpha/visit/slots/{held.pk}/book/", **EN)
    page = client.get("/alpha/visit/", **EN).content.decode()
    assert "You have booked this" in page
    if timezone.localtime(held.starts_at).date() == timezone.localtime(same_day.starts_at).date():
        assert "Your visits for this day are booked" in page  # one visit per day by default
    assert f"/alpha/visit/slots/{held.pk}/book/" not in page


def test_cancelling_asks_first_and_keeps_the_place_until_confirmed(client_as, reader, library_a):
    booking = services.book(reader, make_slot(library_a))
    client = client_as(reader)
    page = client.get(f"/alpha/visit/tickets/{booking.code}/cancel/", **EN).content.decode()
    assert "goes to someone else at once" in page and "Keep my place" in page
    booking.refresh_from_db()
    assert booking.status == "booked"
    client.post(f"/alpha/visit/tickets/{booking.code}/cancel/", **EN)
    booking.refresh_from_db()
    assert booking.status == "cancelled"
