"""The reservations API as a mini-program uses it: open slots, booking with a token (201 / 409 with a clear
detail), cancelling, my bookings, and 429 with Retry-After when the server sheds load."""

import datetime

import pytest
import time_machine
from django.db import OperationalError

from lantern.conftest import make_user
from lantern.core.services import create_api_token
from lantern.core.write_gate import WriteGate
from lantern.emergency import api_reservations
from lantern.emergency.models import Booking, Slot
from lantern.emergency.services import reservations as services

from .reservations_helpers import make_slot

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def in_the_morning():
    """Slots a few hours from now must fall on the same local day (the daily limit counts per day): at 21:00
    in Shanghai, "three hours from now" is tomorrow."""
    with time_machine.travel(datetime.datetime(2026, 11, 30, 2, 0, tzinfo=datetime.UTC), tick=True):
        yield


@pytest.fixture(autouse=True)
def forget_full_slots():
    api_reservations._seen_full.clear()  # slot ids repeat between tests


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'phone')[1]}", **EN}


def test_open_slots_list_only_those_with_places_left(client, reader, library_a):
    open_slot = make_slot(library_a, capacity=2)
    full = make_slot(library_a, hours_from_now=4, capacity=1)
    services.book(reader, full)
    answer = client.get("/api/v1/libraries/alpha/slots").json()
    assert [s["id"] for s in answer] == [open_slot.pk]
    assert answer[0]["places_left"] == 2 and answer[0]["zone"]
    assert client.get("/api/v1/libraries/nowhere/slots").status_code == 404


def test_booking_answers_201_then_409_with_a_reason(client, reader, other_reader, library_a):
    slot = make_slot(library_a, capacity=1)
    url = f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings"
    created = client.post(url, **bearer(reader))
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "booked" and body["slot"]["places_left"] == 0
    assert body["ticket"].endswith(f"/alpha/visit/tickets/{body['code']}/")
    again = client.post(url, **bearer(reader))
    assert again.status_code == 409 and again.json()["reason"] == "full"
    full = client.post(url, **bearer(other_reader))
    assert full.status_code == 409
    assert full.json()["detail"] == "This time slot is full. Choose another one."
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_double_booking_and_daily_limit_are_409(client, reader, library_a):
    slot = make_slot(library_a, capacity=5)
    client.post(f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings", **bearer(reader))
    again = client.post(f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings", **bearer(reader))
    assert again.status_code == 409 and again.json()["reason"] == "already_booked"
    other = make_slot(library_a, hours_from_now=3, capacity=5, zone=slot.zone)
    limit = client.post(f"/api/v1/libraries/alpha/slots/{other.pk}/bookings", **bearer(reader))
    assert limit.status_code == 409 and limit.json()["reason"] == "limit"


def test_booking_needs_a_sign_in_and_a_real_slot(client, reader, library_a, library_b):
    slot = make_slot(library_a)
    assert client.post(f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings").status_code == 401
    assert client.post(f"/api/v1/libraries/beta/slots/{slot.pk}/bookings", **bearer(reader)).status_code == 404
    over = make_slot(library_a, hours_from_now=-5, length_hours=1)
    past = client.post(f"/api/v1/libraries/alpha/slots/{over.pk}/bookings", **bearer(reader))
    assert past.status_code == 422 and past.json()["reason"] == "past"
    assert not Booking.objects.exists()


def test_session_sign_in_works_too(client_as, reader, library_a):
    slot = make_slot(library_a)
    client = client_as(reader)
    assert client.post(f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings").status_code == 201


def test_my_bookings_and_cancelling(client, reader, other_reader, library_a):
    slot = make_slot(library_a)
    booking = services.book(reader, slot)
    services.book(other_reader, slot)
    mine = client.get("/api/v1/bookings", **bearer(reader)).json()
    assert [b["code"] for b in mine] == [booking.code]
    assert client.delete(f"/api/v1/bookings/{booking.code}", **bearer(other_reader)).status_code == 404
    cancelled = client.delete(f"/api/v1/bookings/{booking.code}", **bearer(reader))
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client.delete(f"/api/v1/bookings/{booking.code}", **bearer(reader))
    assert again.status_code == 409
    assert Slot.objects.get(pk=slot.pk).booked == 1


def test_a_locked_database_answers_429_with_retry_after(client, reader, library_a, monkeypatch):
    slot = make_slot(library_a)

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(api_reservations.services, "book", locked)
    response = client.post(f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings", **bearer(reader))
    assert response.status_code == 429
    assert response["Retry-After"] == "1"
    assert "try again" in response.json()["detail"]


def test_a_booking_while_another_is_being_made_is_shed_with_429(client, reader, library_a, monkeypatch):
    slot = make_slot(library_a)
    writer = WriteGate(duty=0.5, burst=0.05)
    monkeypatch.setattr(api_reservations, "WRITER", writer)
    assert writer.enter() is not None  # another request of this process is booking
    response = client.post(f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings", **bearer(reader))
    assert response.status_code == 429 and response["Retry-After"]
    assert not Booking.objects.exists()


def test_bookings_one_after_another_are_never_shed(client, library_a, monkeypatch):
    slot = make_slot(library_a, capacity=5)
    monkeypatch.setattr(api_reservations, "WRITER", WriteGate(duty=0.5, burst=0.05))
    for n in range(5):
        reader = make_user(f"one-after-another-{n}@example.org", f"Reader {n}")
        response = client.post(f"/api/v1/libraries/alpha/slots/{slot.pk}/bookings", **bearer(reader))
        assert response.status_code == 201, response.content
    assert Slot.objects.get(pk=slot.pk).booked == 5


def test_openapi_document_shows_booking_needs_a_sign_in(client):
    spec = client.get("/api/v1/openapi.json").json()
    booking = spec["paths"]["/api/v1/libraries/{slug}/slots/{slot_id}/bookings"]["post"]
    assert {"TokenAuth": []} in booking["security"]
    assert "409" in booking["responses"] and "429" in booking["responses"]
