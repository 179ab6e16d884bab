"""The volunteers API as a phone app uses it: a library's upcoming shifts (with the sign-up state for an
approved volunteer), signing up and cancelling, my hours; bad input answers 4xx and writes nothing."""

import datetime

import pytest
from django.utils import timezone

from lantern.core.services import create_api_token
from lantern.outreach.models import ShiftSignup
from lantern.outreach.services import shifts as shift_services

from .volunteers_helpers import make_shift, make_volunteer

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
BASE = "/api/v1/libraries/alpha"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'phone')[1]}", **EN}


def test_anyone_lists_upcoming_shifts_and_a_volunteer_sees_their_state(client, library_a):
    shift = make_shift(library_a, capacity=3)
    make_shift(library_a, hours_from_now=-5, title_en="Past duty")
    answer = client.get(f"{BASE}/shifts", **EN).json()
    assert [s["title"] for s in answer] == ["Reading station duty"]
    assert answer[0]["places_left"] == 3 and answer[0]["signed_up"] is None
    volunteer = make_volunteer(library_a)
    shift_services.sign_up(shift, volunteer.user)
    assert client.get(f"{BASE}/shifts", **bearer(volunteer.user)).json()[0]["signed_up"] is True
    client.force_login(volunteer.user, backend="lantern.core.auth.EmailOrPhoneBackend")
    mine = client.get(f"{BASE}/shifts").json()
    assert mine[0]["signed_up"] is True and mine[0]["places_left"] == 2


def test_sign_up_full_and_cancel(client, library_a):
    shift = make_shift(library_a, capacity=1)
    first, second = make_volunteer(library_a, name="Ann"), make_volunteer(library_a, name="Ben")
    url = f"{BASE}/shifts/{shift.pk}/signup"
    taken = client.post(url, **bearer(first.user))
    assert taken.status_code == 201 and taken.json()["places_left"] == 0
    again = client.post(url, **bearer(first.user))
    assert again.status_code == 409 and again.json()["reason"] == "already_signed_up"
    full = client.post(url, **bearer(second.user))
    assert full.status_code == 409 and full.json() == {"detail": "This shift is full.", "reason": "full"}
    cancelled = client.delete(url, **bearer(first.user))
    assert cancelled.status_code == 200 and cancelled.json()["places_left"] == 1
    assert client.delete(url, **bearer(first.user)).status_code == 404
    assert client.post(url, **bearer(second.user)).status_code == 201


def test_bad_requests_are_refused_and_write_nothing(client, library_a, reader):
    shift = make_shift(library_a)
    url = f"{BASE}/shifts/{shift.pk}/signup"
    assert client.post(url, **EN).status_code == 401
    not_volunteer = client.post(url, **bearer(reader))
    assert not_volunteer.status_code == 403 and not_volunteer.json()["reason"] == "not_volunteer"
    assert client.post(f"{BASE}/shifts/999999/signup", **bearer(reader)).status_code == 404
    assert client.post(f"{BASE}/shifts/abc/signup", **bearer(reader)).status_code == 422
    assert client.get("/api/v1/libraries/nowhere/shifts").status_code == 404
    started = make_shift(library_a, hours_from_now=-1)
    volunteer = make_volunteer(library_a)
    late = client.post(f"{BASE}/shifts/{started.pk}/signup", **bearer(volunteer.user))
    assert late.status_code == 409 and late.json()["reason"] == "started"
    assert not ShiftSignup.objects.exists()


def test_my_hours(client, library_a, reader):
    volunteer = make_volunteer(library_a)
    values = {"worked_on": timezone.localdate() - datetime.timedelta(days=1), "hours": "1.5", "description": "Calls"}
    shift_services.log_hours(library_a, volunteer.user, values)
    answer = client.get(f"{BASE}/volunteer/hours", **bearer(volunteer.user)).json()
    assert float(answer["pending"]) == 1.5 and float(answer["approved"]) == 0
    assert answer["entries"][0]["description"] == "Calls" and answer["entries"][0]["status"] == "pending"
    assert client.get(f"{BASE}/volunteer/hours", **bearer(reader)).status_code == 404
    assert client.get(f"{BASE}/volunteer/hours", **EN).status_code == 401
