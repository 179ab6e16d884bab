"""The sample events: what a visitor to the demo libraries sees (a past lecture with its recording and
captions, a story time for children, a talk with the museum, a full workshop with a waiting list), loaded
once."""

import pytest
from django.urls import reverse

from lantern.core import demo as core_demo
from lantern.insights.models import ServiceRecord
from lantern.programs import demo_events
from lantern.programs.models import Event, Registration

pytestmark = pytest.mark.django_db


def test_demo_events_show_what_a_visitor_expects_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    assert demo_events.load(libraries) == len(demo_events.EVENTS)
    assert Event.objects.filter(is_demo=True, status="published").count() == len(demo_events.EVENTS)
    assert all(e.title_zh_hans and e.title_en for e in Event.objects.all())

    page = client.get(reverse("programs:events", args=["wuhan"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Online story time for children" in page and "Watch the recording" in page

    past = Event.objects.get(title_en="Online lecture: reading in an epidemic")
    shown = client.get(past.get_absolute_url()).content.decode()
    assert '<track kind="captions"' in shown and past.recording_url in shown
    assert Event.objects.get(audience="children").mode == "online"
    assert Event.objects.filter(partners__kind="museum").count() == 1
    assert ServiceRecord.objects.filter(cross_industry=True, reading_online=True).exists()

    full = Event.objects.get(title_en__startswith="Online bookbinding")
    assert full.seats_left == 0
    assert Registration.objects.filter(event=full, status="waiting").count() == 1
    assert "0 / 1" in client.get(full.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert demo_events.load(libraries) == 0
    assert Event.objects.count() == len(demo_events.EVENTS)
