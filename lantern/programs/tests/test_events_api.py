"""The events API as a mini-program uses it: a library's events, one event, registering (a seat or the
waiting list), cancelling (the seat passes on), my registrations; bad input answers 4xx and writes nothing."""

import datetime

import pytest
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.services import create_api_token
from lantern.programs.models import Event, Registration
from lantern.programs.services import events as services

from .events_helpers import make_event

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'phone')[1]}", **EN}


def test_a_library_lists_published_events_without_their_links(client, library_a):
    make_event(library_a, title_en="Story time", mode="online")
    make_event(library_a, title_en="Fair", mode="onsite")
    make_event(library_a, title_en="Draft", publish=False)
    answer = client.get("/api/v1/libraries/alpha/events", EN).json()
    assert [e["title"] for e in answer] == ["Story time", "Fair"]
    assert all(e["online_link"] is None for e in answer)
    assert answer[0]["title_zh"] == "线上讲座" and answer[0]["ics"].endswith(".ics")
    onsite = client.get("/api/v1/libraries/alpha/events", {"mode": "onsite"}).json()
    assert [e["title"] for e in onsite] == ["Fair"]
    assert client.get("/api/v1/libraries/alpha/events", {"when": "past"}).json() == []


def test_bad_filters_and_unknown_events_are_refused(client, library_a):
    bad = client.get("/api/v1/libraries/alpha/events", {"when": "tomorrow"}, **EN)
    assert bad.status_code == 422 and bad.json()["reason"] == "bad_filter"
    assert client.get("/api/v1/libraries/alpha/events", {"mode": "moon"}).status_code == 422
    assert client.get("/api/v1/libraries/nowhere/events").status_code == 404
    assert client.get("/api/v1/libraries/alpha/events/999999").status_code == 404
    assert client.get("/api/v1/libraries/alpha/events/abc").status_code == 422
    draft = make_event(library_a, publish=False)
    assert client.get(f"/api/v1/libraries/alpha/events/{draft.pk}").status_code == 404


def test_register_then_409_then_cancel_passes_the_seat(client, library_a, reader):
    event = make_event(library_a, capacity=1)
    url = f"/api/v1/libraries/alpha/events/{event.pk}/registration"
    created = client.post(url, **bearer(reader))
    assert created.status_code == 201
    body = created.json()
    assert body["status"] == "confirmed" and body["event"]["online_link"] == "https://meet.example.org/talk"
    again = client.post(url, **bearer(reader))
    assert again.status_code == 409 and again.json()["reason"] == "already_registered"
    second = make_user("second@example.org", "Second")
    waiting = client.post(url, **bearer(second)).json()
    assert waiting["status"] == "waiting" and waiting["position"] == 1 and waiting["event"]["online_link"] is None
    cancelled = client.delete(url, **bearer(reader))
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert Registration.objects.get(reader=second, status="confirmed").promoted_at
    mine = client.get("/api/v1/events/registrations", **bearer(second)).json()
    assert [(r["status"], r["event"]["id"]) for r in mine] == [("confirmed", event.pk)]


def test_bad_registrations_answer_with_a_reason_and_write_nothing(client, library_a, reader):
    event = make_event(library_a)
    url = f"/api/v1/libraries/alpha/events/{event.pk}/registration"
    assert client.post(url).status_code == 401
    assert client.post("/api/v1/libraries/alpha/events/999999/registration", **bearer(reader)).status_code == 404
    not_registered = client.delete(url, **bearer(reader))
    assert not_registered.status_code == 404 and not_registered.json()["reason"] == "not_registered"
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(minutes=1))
    started = client.post(url, **bearer(reader))
    assert started.status_code == 409 and started.json()["detail"] == "Registration closed when the event started."
    assert not Registration.objects.exists()


def test_a_cancelled_event_takes_no_registration(client, library_a, librarian_a, reader):
    event = make_event(library_a)
    services.cancel_event(event, "Flood", by=librarian_a)
    answer = client.post(f"/api/v1/libraries/alpha/events/{event.pk}/registration", **bearer(reader))
    assert answer.status_code == 409 and answer.json()["reason"] == "cancelled"
    shown = client.get(f"/api/v1/libraries/alpha/events/{event.pk}").json()
    assert shown["status"] == "cancelled" and shown["cancel_reason"] == "Flood"


def test_my_registrations_need_sign_in(client):
    assert client.get("/api/v1/events/registrations").status_code == 401
