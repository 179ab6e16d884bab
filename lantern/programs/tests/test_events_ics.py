"""The iCalendar files: one event and a library's feed parse with icalendar and carry the right times with
their time zone, a stable UID, and STATUS:CANCELLED once the library cancels."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.urls import reverse

from lantern.programs.models import Event
from lantern.programs.services import events as services

from .events_helpers import make_event

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def test_one_event_parses_with_its_local_time_and_zone(client, library_a):
    event = make_event(library_a, mode="hybrid", place="Lecture hall")
    Event.objects.filter(pk=event.pk).update(
        starts_at=datetime.datetime(2031, 3, 1, 19, 30, tzinfo=SHANGHAI),
        ends_at=datetime.datetime(2031, 3, 1, 21, 0, tzinfo=SHANGHAI),
    )
    calendar = parse(client.get(reverse("programs:event_ics", args=["alpha", event.pk])))
    assert calendar["VERSION"] == "2.0" and calendar["METHOD"] == "PUBLISH"
    assert str(calendar["PRODID"]).startswith("-//Lantern//") and "Alpha City Library" in str(calendar["X-WR-CALNAME"])
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    (vevent,) = calendar.events
    assert vevent.start == datetime.datetime(2031, 3, 1, 19, 30, tzinfo=SHANGHAI)
    assert vevent.start.utcoffset() == datetime.timedelta(hours=8)
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.end == datetime.datetime(2031, 3, 1, 21, 0, tzinfo=SHANGHAI)
    assert vevent["UID"] == f"event-{event.pk}@testserver"
    assert vevent["SUMMARY"] == "Online talk" and vevent["LOCATION"] == "Lecture hall"
    assert vevent["URL"] == f"http://testserver/alpha/events/{event.pk}/" and vevent["STATUS"] == "CONFIRMED"
    assert "DTSTAMP" in vevent
    assert b"meet.example.org" not in client.get(reverse("programs:event_ics", args=["alpha", event.pk])).content


def test_the_library_feed_has_published_upcoming_and_cancelled_events_only(client, library_a, librarian_a):
    upcoming = make_event(library_a, title_en="Upcoming talk")
    cancelled = make_event(library_a, title_en="Called off")
    services.cancel_event(cancelled, "Speaker ill", by=librarian_a)
    make_event(library_a, title_en="Draft", publish=False)
    old = make_event(library_a, title_en="Long ago")
    Event.objects.filter(pk=old.pk).update(
        starts_at=datetime.datetime(2001, 1, 1, 10, tzinfo=SHANGHAI),
        ends_at=datetime.datetime(2001, 1, 1, 11, tzinfo=SHANGHAI),
    )
    calendar = parse(client.get(reverse("programs:calendar", args=["alpha"])))
    by_summary = {str(e["SUMMARY"]): e for e in calendar.events}
    assert set(by_summary) == {"Upcoming talk", "Called off"}
    assert (
        by_summary["Called off"]["STATUS"] == "CANCELLED" and "Speaker ill" in by_summary["Called off"]["DESCRIPTION"]
    )
    assert by_summary["Upcoming talk"]["UID"] == f"event-{upcoming.pk}@testserver"
    assert by_summary["Upcoming talk"].start.tzinfo is not None
    assert calendar.walk("VTIMEZONE")


def test_a_draft_has_no_calendar_file(client, library_a):
    event = make_event(library_a, publish=False)
    assert client.get(reverse("programs:event_ics", args=["alpha", event.pk])).status_code == 404
    assert client.get(reverse("programs:calendar", args=["nowhere"])).status_code == 404
