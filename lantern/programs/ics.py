"""iCalendar files of events: one event (`/<slug>/events/<pk>.ics`) or a library's feed of published upcoming
and recent events (`/<slug>/events/calendar.ics`), as calendar apps read them.

Times are written in the site's time zone (settings.TIME_ZONE) with their TZID, and the matching VTIMEZONE
is added by icalendar's `add_missing_timezones()`. UIDs are stable (`event-<pk>@<host>`), so that a
calendar app updates an event it already has, and marks it cancelled when the library cancels it.
"""

import datetime
import zoneinfo

import icalendar
from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone

from lantern.core.models import Library

from .models import Event, Status

PRODID = "-//Lantern//Library events//EN"
# The feed carries events that ended at most this long ago, so that a subscribed calendar keeps recent ones.
RECENT = datetime.timedelta(days=30)
FEED_LIMIT = 500


def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _calendar(name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _vevent(request, event: Event) -> icalendar.Event:
    zone = _zone()
    vevent = icalendar.Event()
    vevent.add("uid", f"event-{event.pk}@{request.get_host().split(':')[0]}")
    vevent.add("dtstamp", timezone.now().astimezone(datetime.UTC))
    vevent.add("dtstart", event.starts_at.astimezone(zone))
    vevent.add("dtend", event.ends_at.astimezone(zone))
    vevent.add("summary", event.title)
    description = event.description or ""
    if event.status == Status.CANCELLED and event.cancel_reason:
        description = f"{event.cancel_reason}\n\n{description}".strip()
    if description:
        vevent.add("description", description)
    location = event.place if event.mode != Event.Mode.ONLINE else ""
    vevent.add("location", location or str(Event.Mode.ONLINE.label))
    vevent.add("url", request.build_absolute_uri(event.get_absolute_url()))
    vevent.add("status", "CANCELLED" if event.status == Status.CANCELLED else "CONFIRMED")
    # A calendar app keeps the newest version of an event it already has: bump the sequence when cancelled.
    vevent.add("sequence", 1 if event.status == Status.CANCELLED else 0)
    if event.published_at:
        vevent.add("created", event.published_at.astimezone(datetime.UTC))
    return vevent


def _response(calendar: icalendar.Calendar, filename: str) -> HttpResponse:
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request, event: Event) -> HttpResponse:
    calendar = _calendar(f"{event.library.name}: {event.title}")
    calendar.add_component(_vevent(request, event))
    return _response(calendar, f"event-{event.pk}.ics")


def feed_events(library: Library):
    """Published upcoming events and those of the last 30 days, and cancelled ones in the same window, hosted or
    co-hosted by the library."""
    return (
        Event.objects.public()
        .filter(Q(library=library) | Q(cohosts=library), ends_at__gte=timezone.now() - RECENT)
        .distinct()
        .select_related("library")
        .order_by("starts_at", "pk")[:FEED_LIMIT]
    )


def library_calendar(request, library: Library) -> HttpResponse:
    calendar = _calendar(library.name)
    for event in feed_events(library):
        calendar.add_component(_vevent(request, event))
    return _response(calendar, f"{library.slug}-events.ics")
