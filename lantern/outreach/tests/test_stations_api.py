"""The stations API as a staff app uses it: a library's stations with counts that add up and their open
requests, one station; anonymous callers, staff of another library, bad filters and unknown stations are
refused with a clear answer."""

import datetime

import pytest
from django.utils import timezone

from lantern.core.services import create_api_token
from lantern.outreach.services import stations as services

from .stations_helpers import barcodes, clear_rate_limit, make_copies, make_station

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
TODAY = timezone.localdate()
DAY = str(TODAY)


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    clear_rate_limit()


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'desk')[1]}", **EN}


def test_staff_list_stations_with_their_counts_and_needs(client, library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 5)))
    services.report_lost(station, [station.deposits.first().pk])
    services.ask_for_books(station, 8, "绘本")
    make_station(library_a, open_it=False, name_en="Planned")
    answer = client.get("/api/v1/libraries/alpha/stations", **bearer(librarian_a))
    assert answer.status_code == 200
    rows = {row["name"]: row for row in answer.json()}
    row = rows["Quarantine hotel reading corner"]
    assert (row["sent"], row["at_station"], row["lost"], row["returned"]) == (5, 4, 1, 0)
    assert row["open_requests"][0]["quantity"] == 8 and row["site"] == "quarantine_hotel"
    assert "token" not in row
    planned = client.get("/api/v1/libraries/alpha/stations", {"status": "planned"}, **bearer(librarian_a)).json()
    assert [r["name"] for r in planned] == ["Planned"]
    one = client.get(f"/api/v1/libraries/alpha/stations/{station.pk}", **bearer(librarian_a)).json()
    assert one["name_zh"] == "隔离酒店阅读角"


def test_bad_callers_and_bad_input_are_refused(client, library_a, library_b, librarian_a, librarian_b, reader):
    station = make_station(library_a)
    theirs = make_station(library_b)
    assert client.get("/api/v1/libraries/alpha/stations").status_code == 401
    assert client.get("/api/v1/libraries/alpha/stations", **bearer(librarian_b)).status_code == 403
    assert client.get("/api/v1/libraries/alpha/stations", **bearer(reader)).status_code == 403
    assert client.get(f"/api/v1/libraries/alpha/stations/{station.pk}", **bearer(librarian_b)).status_code == 403
    bad = client.get("/api/v1/libraries/alpha/stations", {"status": "sunny"}, **bearer(librarian_a))
    assert bad.status_code == 422 and bad.json()["reason"] == "bad_filter"
    assert client.get(f"/api/v1/libraries/alpha/stations/{theirs.pk}", **bearer(librarian_a)).status_code == 404
    assert client.get("/api/v1/libraries/alpha/stations/abc", **bearer(librarian_a)).status_code == 422
    assert client.get("/api/v1/libraries/nowhere/stations", **bearer(librarian_a)).status_code == 404


def test_the_site_reads_its_station_and_asks_through_its_token(client, library_a, librarian_a):
    station = make_station(library_a)
    services.send_copies(station, barcodes(make_copies(library_a, 2, title="围城")))
    url = f"/api/v1/stations/{station.token}"
    shown = client.get(url).json()
    assert shown["at_station"] == 2 and shown["titles"][0].startswith("围城") and shown["library_phone"] == "027-1234"
    asked = client.post(f"{url}/requests", {"kind": "more_books", "quantity": 6}, content_type="application/json")
    assert asked.status_code == 201 and asked.json()["status"] == "open"
    rotation = client.post(f"{url}/requests", {"kind": "rotation"}, content_type="application/json")
    assert rotation.status_code == 201
    again = client.post(f"{url}/requests", {"kind": "rotation"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["reason"] == "already_asked"
    today = TODAY
    report = {
        "period_start": str(today - datetime.timedelta(days=2)),
        "period_end": str(today),
        "readers": 9,
        "books_used": 12,
    }
    assert client.post(f"{url}/reports", report, content_type="application/json").status_code == 201


@pytest.mark.parametrize(
    "path, payload",
    [
        ("requests", {"kind": "more_books"}),
        ("requests", {"kind": "more_books", "quantity": 0}),
        ("requests", {"kind": "more_books", "quantity": 9999}),
        ("requests", {"kind": "wishes", "quantity": 3}),
        ("requests", {"kind": "rotation", "message": "x" * 1001}),
        ("requests", {"quantity": "many"}),
        ("reports", {"period_start": "2020-01-02", "period_end": "2020-01-01", "readers": 1, "books_used": 1}),
        ("reports", {"period_start": "2999-01-01", "period_end": "2999-01-02", "readers": 1, "books_used": 1}),
        ("reports", {"period_start": "yesterday", "period_end": "today", "readers": 1, "books_used": 1}),
        (
            "reports",
            {
                "period_start": str(TODAY),
                "period_end": str(TODAY),
                "readers": -5,
                "books_used": 1,
            },
        ),
    ],
)
def test_bad_input_from_the_site_writes_nothing(client, library_a, path, payload):
    station = make_station(library_a)
    answer = client.post(f"/api/v1/stations/{station.token}/{path}", payload, content_type="application/json")
    assert answer.status_code == 422 and answer.json()["detail"]
    assert not station.requests.exists() and not station.reports.exists()


def test_a_wrong_or_replaced_token_is_not_found(client, library_a):
    station = make_station(library_a)
    old = station.token
    services.rotate_token(station)
    assert client.get(f"/api/v1/stations/{old}").status_code == 404
    posted = client.post(f"/api/v1/stations/{old}/requests", {"kind": "rotation"}, content_type="application/json")
    assert posted.status_code == 404 and not station.requests.exists()
    assert client.get("/api/v1/stations/" + "x" * 100).status_code == 404
