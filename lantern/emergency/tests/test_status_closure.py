"""Closing and reopening a library in one confirmed step: the confirmation page changes nothing, the
confirmation does everything ticked, each run is listed and reviewable, and only managers may do it."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core import services as core_services
from lantern.core.models import AuditEntry, Notice, Role, ServiceMode
from lantern.emergency.models import ClosureRun
from lantern.emergency.services import closure
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db
CLOSING = datetime.datetime(2020, 1, 24, 9, 0, tzinfo=datetime.UTC)


def status_url(slug="alpha"):
    return reverse("emergency:staff_status", args=[slug])


def closing_data(**extra):
    data = {
        "mode": "closed",
        "reason": "疫情防控",
        "message_zh": "疫情期间暂停开放，线上服务照常。",
        "message_en": "Closed during the epidemic; online services continue.",
        "expected_reopening": "2020-03-16",
        "step_online_first": "on",
        "step_notify_readers": "on",
    }
    data.update(extra)
    return data


@pytest.fixture(autouse=True)
def in_january_2020():
    """Every test starts on the day Wuhan's libraries closed (before the people and libraries exist)."""
    with time_machine.travel(CLOSING, tick=False):
        yield


def test_the_confirmation_page_says_what_will_happen_and_changes_nothing(client_as, manager_a, library_a, reader):
    client = client_as(manager_a)
    response = client.post(status_url(), closing_data(), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Confirm the change" in page
    assert "1 readers holding a card get a notice" in page
    assert "The home page leads with the online services." in page
    assert "Closure: Closed" in page
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN
    assert not library_a.online_first
    assert not library_a.mode_changes.exists()
    assert not ClosureRun.objects.exists()
    assert not Notice.objects.exists()


def test_confirming_closes_the_library_and_does_every_ticked_action(client_as, manager_a, library_a, reader):
    client = client_as(manager_a)
    with time_machine.travel(CLOSING, tick=False):
        response = client.post(status_url(), closing_data(confirm="1"), HTTP_ACCEPT_LANGUAGE="en")
    run = ClosureRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("emergency:status_run", args=["alpha", run.pk])

    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.CLOSED
    assert library_a.online_first
    assert library_a.expected_reopening == datetime.date(2020, 3, 16)
    assert library_a.mode_changes.get().reason == "疫情防控"
    assert [r["action"] for r in run.results] == ["service_mode", "online_first", "notify_readers", "service_record"]
    assert all(r["ok"] for r in run.results)
    assert reader.notices.count() == 1
    record = ServiceRecord.objects.get()
    assert record.emergency and record.source_object == run
    assert (record.title_zh_hans, record.title_en) == ("闭馆：暂停开放", "Closure: Closed")
    assert record.date == datetime.date(2020, 1, 24)
    assert AuditEntry.objects.filter(action="emergency.closure_run", library=library_a, actor=manager_a).exists()

    result = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 readers were sent a notice." in result
    assert "The home page now leads with the online services." in result
    home = client.get(reverse("library_home", args=["alpha"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Closed during the epidemic; online services continue." in home


def test_runs_are_listed_and_reopening_uses_the_same_flow(client_as, manager_a, library_a, reader):
    client = client_as(manager_a)
    with time_machine.travel(CLOSING, tick=False):
        client.post(status_url(), closing_data(confirm="1"))
    with time_machine.travel(CLOSING + datetime.timedelta(days=52), tick=False):
        client = client_as(manager_a)  # signed in again: the session of January has expired
        back = client.post(
            status_url(),
            {"mode": "appointment", "message_en": "Book a visit first", "step_online_first": "on", "back": "1"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        assert back.status_code == 200 and "Book a visit first" in back.content.decode()  # filled in again
        client.post(
            status_url(),
            {"mode": "open", "message_en": "Welcome back", "step_online_first": "on", "confirm": "1"},
        )
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN
    assert not library_a.online_first
    assert library_a.expected_reopening is None
    assert [c.mode for c in library_a.mode_changes.order_by("since")] == ["closed", "open"]
    reopening = ClosureRun.objects.get(mode="open")
    assert ServiceRecord.objects.get(object_id=str(reopening.pk)).title_en == "Reopened: Open"

    page = client.get(status_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for run in ClosureRun.objects.all():
        assert reverse("emergency:status_run", args=["alpha", run.pk]) in page
    review = client.get(reverse("emergency:status_run", args=["alpha", reopening.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "The home page is back to its usual layout." in review.content.decode()


def test_notices_reach_each_reader_in_their_own_language(client_as, manager_a, library_a, reader, other_reader):
    other_reader.language = "en"
    other_reader.save()
    reader.language = "zh-hans"
    reader.save()
    client_as(manager_a).post(status_url(), closing_data(confirm="1"))
    zh = reader.notices.get()
    en = other_reader.notices.get()
    assert "甲市图书馆" in zh.subject and "暂停开放" in zh.subject
    assert "疫情期间暂停开放" in zh.body and "Closed during" not in zh.body
    assert en.subject == "Alpha City Library: Closed"
    assert "Closed during the epidemic" in en.body and "2020-03-16" in en.body


def test_a_failing_step_is_reported_and_the_rest_still_happens(client_as, manager_a, library_a, reader, monkeypatch):
    def broken(plan):
        raise RuntimeError("mail server on fire")

    steps = tuple(
        closure.ClosureStep(s.code, s.label, s.help_text, s.preview, broken if s.code == "notify_readers" else s.run)
        for s in closure.STEPS
    )
    monkeypatch.setattr(closure, "STEPS", steps)
    response = client_as(manager_a).post(status_url(), closing_data(confirm="1"), HTTP_ACCEPT_LANGUAGE="en")
    run = ClosureRun.objects.get()
    failed = [r for r in run.results if not r["ok"]]
    assert [r["action"] for r in failed] == ["notify_readers"]
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.CLOSED and library_a.online_first
    page = client_as(manager_a).get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Some actions failed" in page and "RuntimeError" in page


def test_the_coordinator_may_close_a_member_library(client_as, coordinator, library_b):
    client_as(coordinator).post(status_url("beta"), closing_data(confirm="1", step_notify_readers=""))
    library_b.refresh_from_db()
    assert library_b.service_mode == ServiceMode.CLOSED


# --- permissions ---------------------------------------------------------------------------------
def test_a_manager_of_another_library_cannot_close_this_one(client_as, library_a, library_b):
    manager_b = make_user("max@example.org", "Max")
    core_services.grant_role(manager_b, Role.Kind.MANAGER, library=library_b)
    client = client_as(manager_b)
    assert client.get(status_url()).status_code == 403
    assert client.post(status_url(), closing_data(confirm="1")).status_code == 403
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN and not ClosureRun.objects.exists()


def test_staff_of_another_library_cannot_see_the_runs(client_as, manager_a, librarian_b, library_a):
    client_as(manager_a).post(status_url(), closing_data(confirm="1"))
    run = ClosureRun.objects.get()
    assert client_as(librarian_b).get(reverse("emergency:status_run", args=["alpha", run.pk])).status_code == 403
    # Nor through their own library's address.
    assert client_as(librarian_b).get(reverse("emergency:status_run", args=["beta", run.pk])).status_code == 404


def test_plain_staff_see_the_status_read_only_and_cannot_close(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    page = client.get(status_url(), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "Only the library's managers" in page.content.decode()
    assert 'name="mode"' not in page.content.decode()
    assert client.post(status_url(), closing_data(confirm="1")).status_code == 403
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN


def test_readers_and_strangers_cannot_close(client, client_as, reader, library_a):
    assert client.post(status_url(), closing_data(confirm="1")).status_code == 302  # to sign in
    assert client_as(reader).post(status_url(), closing_data(confirm="1")).status_code == 403
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN
    assert not get_user_model().objects.get(pk=reader.pk).notices.exists()


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mode": "half-open"}, "Select a valid choice"),
        ({"expected_reopening": "2000-01-01"}, "cannot be before the change starts"),
        ({"message_en": "x" * (closure.MESSAGE_MAX + 1)}, "at most 500 characters"),
        ({"since": "2999-01-01T10:00"}, "cannot start in the future"),
        ({"expected_reopening": "someday"}, "Enter a valid date"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(
    client_as, manager_a, library_a, reader, data, message
):
    response = client_as(manager_a).post(status_url(), closing_data(confirm="1", **data), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.content.decode()
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN
    assert not library_a.mode_changes.exists() and not ClosureRun.objects.exists() and not Notice.objects.exists()


def test_bad_input_message_is_in_chinese_for_a_chinese_reader(client_as, manager_a, library_a):
    response = client_as(manager_a).post(
        status_url(), closing_data(expected_reopening="2000-01-01"), HTTP_ACCEPT_LANGUAGE="zh-CN"
    )
    assert response.status_code == 400
    assert "Select" not in response.content.decode()
    assert 'lang="zh-Hans"' in response.content.decode()


def test_a_new_mode_cannot_start_before_the_current_one(manager_a, library_a):
    core_services.set_service_mode(library_a, ServiceMode.CLOSED)
    with pytest.raises(closure.ValidationError) as exc:
        closure.check_closure(library_a, "open", since=timezone.now() - datetime.timedelta(days=3))
    assert "since" in exc.value.message_dict


def test_service_layer_refuses_an_unknown_mode_and_unknown_steps(library_a):
    with pytest.raises(closure.ValidationError) as exc:
        closure.check_closure(library_a, "half-open", steps=["burn_the_books"])
    assert set(exc.value.message_dict) == {"mode", "steps"}


def test_notices_beyond_the_limit_are_reported_not_hidden(client_as, manager_a, reader, other_reader, monkeypatch):
    monkeypatch.setattr(closure, "NOTIFY_LIMIT", 1)
    client_as(manager_a).post(status_url(), closing_data(confirm="1"), HTTP_ACCEPT_LANGUAGE="en")
    step = next(r for r in ClosureRun.objects.get().results if r["action"] == "notify_readers")
    assert not step["ok"]
    assert step["summary"] == "1 readers were sent a notice. 1 more were not notified (limit reached)."
    assert Notice.objects.count() == 1


def test_reopening_fully_puts_the_home_page_back_even_if_nobody_ticks_it(manager_a, library_a):
    closed = closure.check_closure(library_a, "closed", steps=["online_first"], by=manager_a)
    closure.run_closure(closed)
    library_a.refresh_from_db()
    assert library_a.online_first
    reopened = closure.check_closure(library_a, "open", steps=[], by=manager_a)
    run = closure.run_closure(reopened)
    library_a.refresh_from_db()
    assert not library_a.online_first
    assert "online_first" in [result["action"] for result in run.results]
