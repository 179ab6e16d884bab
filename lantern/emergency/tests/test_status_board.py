"""The public network status board (table and timeline chart), its JSON API, and the demo history."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.core import demo as core_demo
from lantern.core.models import Library, ServiceMode
from lantern.core.services import set_service_mode
from lantern.core.status_history import closure_dates
from lantern.emergency import demo_status
from lantern.emergency.models import ClosureRun
from lantern.emergency.services.closure import check_closure, run_closure
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=10, tzinfo=UTC)


@pytest.fixture
def history(library_a, library_b):
    """Alpha closed on 24 January 2020 and reopened by appointment on 16 March; Beta closed on 27 January
    and is contactless only since 20 February."""
    for mode, day in [("open", "2020-01-01"), ("closed", "2020-01-24"), ("appointment", "2020-03-16")]:
        set_service_mode(library_a, mode, since=at(day))
    for mode, day in [("closed", "2020-01-27"), ("contactless", "2020-02-20")]:
        set_service_mode(library_b, mode, since=at(day), expected_reopening=datetime.date(2020, 4, 1))
    return library_a, library_b


def board(client, lang="en", **params):
    return client.get(reverse("network:board", args=["net"]), params, HTTP_ACCEPT_LANGUAGE=lang)


def test_the_board_table_lists_each_library_with_its_dates(client, history):
    response = board(client, start="2020-01-01", end="2020-04-30")
    page = response.content.decode()
    assert response.status_code == 200
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</tr>", page, re.S)
    alpha = next(row for row in rows if "Alpha City Library" in row)
    beta = next(row for row in rows if "Beta City Library" in row)
    assert "By appointment only" in alpha and "2020-01-24" in alpha and "2020-03-16" in alpha
    assert "Contactless only" in beta and "2020-01-27" in beta and "2020-04-01" in beta
    assert "<caption>" in page


def test_the_chart_draws_a_bar_per_mode_for_each_library(client, history):
    page = board(client, start="2020-01-01", end="2020-04-30").content.decode()
    svg = page[page.index("<svg xmlns") : page.index("</svg>", page.index("<svg xmlns"))]
    assert 'role="img"' in svg and 'aria-labelledby="timeline-title timeline-desc"' in svg
    assert "Alpha City Library" in svg and "Beta City Library" in svg
    assert "Alpha City Library · Closed: 2020-01-24 – 2020-03-16" in svg
    assert "Beta City Library · Contactless only: 2020-02-20 – 2020-04-30" in svg
    assert svg.count('class="mode-closed"') == 2
    assert 'fill="#a11212"' in svg
    assert "style=" not in svg  # the CSP allows presentation attributes, not inline styles
    assert 'tabindex="0" role="region"' in page


def test_the_board_speaks_chinese(client, history):
    page = board(client, lang="zh-CN", start="2020-01-01", end="2020-04-30").content.decode()
    assert "甲市图书馆" in page and "暂停开放" in page
    assert "Alpha City Library" not in page
    assert 'value="2020-01-01"' in page  # the date picker keeps the chosen period in Chinese too


def test_a_bad_period_is_refused_with_a_message(client, history):
    response = board(client, start="2020-04-30", end="2020-01-01")
    assert response.status_code == 400
    assert "The end of the period must be after its start." in response.content.decode()
    assert board(client, start="soon").status_code == 400


def test_an_unknown_network_is_not_found(client):
    assert client.get(reverse("network:board", args=["nowhere"])).status_code == 404


def test_closure_dates_skip_a_closure_that_ended_before_the_window():
    history = [("closed", at("2020-01-24")), ("open", at("2020-03-01")), ("closed", at("2021-08-01"))]
    assert closure_dates(history, at("2021-01-01"), at("2021-12-31")) == (datetime.date(2021, 8, 1), None)
    assert closure_dates(history, at("2020-01-01"), at("2021-12-31")) == (
        datetime.date(2020, 1, 24),
        datetime.date(2020, 3, 1),
    )


def test_the_api_gives_each_library_with_its_mode_and_history(client, history):
    response = client.get("/api/v1/networks/net/status", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    data = response.json()
    assert data["network"] == "net"
    libraries = {lib["slug"]: lib for lib in data["libraries"]}
    alpha = libraries["alpha"]
    assert alpha["mode"] == "appointment" and alpha["mode_label"] == "By appointment only"
    assert [h["mode"] for h in alpha["history"]] == ["open", "closed", "appointment"]
    assert alpha["history"][1]["since"].startswith("2020-01-24")
    assert (alpha["closed_on"], alpha["reopened_on"]) == ("2020-01-24", "2020-03-16")
    assert libraries["beta"]["expected_reopening"] == "2020-04-01"
    assert client.get("/api/v1/networks/nowhere/status").json()["detail"]


def test_the_demo_adds_a_first_wave_and_a_run_once(db):
    core = core_demo.load()
    now = timezone.now()
    before = dict(Library.objects.filter(is_demo=True).values_list("slug", "service_mode"))
    created = demo_status.load(core["libraries"], now)
    assert created > 0
    assert demo_status.load(core["libraries"], now) == 0  # idempotent
    for slug, mode in before.items():
        library = Library.objects.get(slug=slug)
        assert library.service_mode == mode  # today's mode is the core demo's
        modes = [c.mode for c in library.mode_changes.order_by("since")]
        assert modes[:3] == [ServiceMode.CLOSED, ServiceMode.APPOINTMENT, ServiceMode.OPEN]
    reopenings = {c.since.date() for c in Library.objects.get(slug="wuhan").mode_changes.filter(mode="appointment")} | {
        c.since.date() for c in Library.objects.get(slug="chengdu").mode_changes.filter(mode="appointment")
    }
    assert len(reopenings) >= 2  # spread over weeks, not one day
    run = ClosureRun.objects.get(library__slug="wuhan")
    assert ServiceRecord.objects.filter(object_id=str(run.pk), emergency=True).exists()


def test_a_closure_and_reopening_done_in_one_step_appear_in_the_timeline(client, manager_a, library_a):
    with time_machine.travel(at("2020-01-24"), tick=False):
        library_a.mode_since = at("2020-01-01")
        library_a.save()
        run_closure(check_closure(library_a, "closed", by=manager_a, steps=["online_first"]))
    with time_machine.travel(at("2020-03-16"), tick=False):
        library_a.refresh_from_db()
        run_closure(check_closure(library_a, "appointment", by=manager_a, steps=["online_first"]))
    page = board(client, start="2020-01-01", end="2020-04-30").content.decode()
    assert "Alpha City Library · Closed: 2020-01-24 – 2020-03-16" in page
    assert "Alpha City Library · By appointment only: 2020-03-16 – 2020-04-30" in page
    row = re.search(r"Alpha City Library</a></th>(.*?)</tr>", page, re.S).group(1)
    assert "2020-01-24" in row and "2020-03-16" in row
