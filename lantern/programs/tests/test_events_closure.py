"""Programs' closure step: closing a library with "Cancel or move on-site events" ticked cancels its on-site
events until the expected reopening (or for 30 days), moves hybrid ones online and tells everyone registered;
the confirmation page shows the preview and the result page the summary."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.core.models import ServiceMode
from lantern.emergency.models import ClosureRun
from lantern.emergency.services import closure
from lantern.programs.models import Event
from lantern.programs.services import events as services

from .events_helpers import make_event

pytestmark = pytest.mark.django_db


def some_events(library, reader):
    onsite = make_event(library, mode="onsite", title_en="Book fair", hours_from_now=48)
    hybrid = make_event(library, mode="hybrid", title_en="Lecture", hours_from_now=72)
    online = make_event(library, mode="online", title_en="Online story time", hours_from_now=24)
    later = make_event(library, mode="onsite", title_en="Summer fair", hours_from_now=24 * 60)
    for event in (onsite, hybrid):
        services.register(event, reader)
    return onsite, hybrid, online, later


def test_the_step_is_offered_with_the_other_closure_steps():
    assert "cancel_onsite_events" in closure.STEP_CODES
    assert closure.action_label("cancel_onsite_events") == "Cancel or move on-site events"


def test_closing_cancels_onsite_moves_hybrid_online_and_tells_readers(library_a, library_b, manager_a, reader):
    reader.language = "en"
    reader.save()
    onsite, hybrid, online, later = some_events(library_a, reader)
    elsewhere = make_event(library_b, mode="onsite")
    plan = closure.check_closure(library_a, ServiceMode.CLOSED, steps=["cancel_onsite_events"], by=manager_a)
    preview = {line["action"]: line["summary"] for line in closure.preview_closure(plan)}
    assert preview["cancel_onsite_events"] == (
        "1 on-site events in the next 30 days will be cancelled and 1 hybrid events will go on online only; "
        "everyone registered is told."
    )
    run = closure.run_closure(plan)
    result = next(r for r in run.results if r["action"] == "cancel_onsite_events")
    assert result["ok"] and result["summary"].startswith("1 on-site events were cancelled and 1 hybrid events moved")
    assert Event.objects.get(pk=onsite.pk).status == "cancelled"
    assert Event.objects.get(pk=hybrid.pk).mode == "online"
    assert Event.objects.get(pk=online.pk).status == "published"
    assert Event.objects.get(pk=later.pk).status == "published"  # after the 30 days
    assert Event.objects.get(pk=elsewhere.pk).status == "published"
    subjects = set(reader.notices.values_list("subject", flat=True))
    assert subjects == {"Cancelled: Book fair", "Now online only: Lecture"}


def test_the_expected_reopening_bounds_the_step(library_a, manager_a, reader):
    some_events(library_a, reader)
    reopening = timezone.localdate() + datetime.timedelta(days=3)  # the hybrid lecture is on day 3
    plan = closure.check_closure(
        library_a,
        ServiceMode.CLOSED,
        steps=["cancel_onsite_events"],
        expected_reopening=reopening,
        by=manager_a,
    )
    preview = {line["action"]: line["summary"] for line in closure.preview_closure(plan)}
    assert preview["cancel_onsite_events"] == (
        f"1 on-site events until the expected reopening on {reopening} will be cancelled and 0 hybrid events "
        "will go on online only; everyone registered is told."
    )


def test_the_closure_pages_show_the_step(client_as, library_a, manager_a, reader):
    some_events(library_a, reader)
    client = client_as(manager_a)
    url = reverse("emergency:staff_status", args=["alpha"])
    assert "Cancel or move on-site events" in client.get(url).content.decode()
    data = {"mode": "closed", "step_cancel_onsite_events": "on"}
    confirm = client.post(url, data).content.decode()
    assert (
        "1 on-site events in the next 30 days will be cancelled and 1 hybrid events will go on online only" in confirm
    )
    assert not ClosureRun.objects.exists() and Event.objects.filter(status="cancelled").count() == 0
    done = client.post(url, {**data, "confirm": "1"}, follow=True).content.decode()
    assert "1 on-site events were cancelled and 1 hybrid events moved online; 2 readers were told." in done
