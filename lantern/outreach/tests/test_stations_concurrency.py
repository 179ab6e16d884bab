"""No copy goes to two stations: when two stations (or many) check out the same copy at the same moment,
exactly one gets it, on SQLite and on PostgreSQL (run with DATABASE_URL pointing at PostgreSQL for the second).

The naive-sender test shows the check can fail: with the conditional UPDATE replaced by "it was available when
I looked", the same race sends the copy twice (the deposit's unique constraint is dropped for it too)."""

import threading
from collections import Counter

import pytest

from lantern.catalogue.models import Copy
from lantern.outreach.models import Deposit
from lantern.outreach.services import stations as services
from lantern.tests.race import run_at_once

from .stations_helpers import make_copies, make_station

pytestmark = pytest.mark.django_db(transaction=True)
STATIONS = 8


def send_all(stations, barcode, before=None) -> list:
    return run_at_once([lambda s=s: len(services.send_copies(s, barcode).copies) for s in stations], before=before)


def test_two_stations_checking_out_the_same_copy_at_once_one_gets_it(library_a):
    copy = make_copies(library_a, 1)[0]
    stations = [make_station(library_a, name_en=f"Station {i}") for i in range(2)]
    answers = send_all(stations, copy.barcode)
    assert sorted(answers) == [0, 1], Counter(answers)
    assert Deposit.objects.filter(copy=copy, status="at_station").count() == 1
    assert Copy.objects.get(pk=copy.pk).status == "on_loan"


def test_many_stations_race_for_one_copy(library_a):
    copy = make_copies(library_a, 1)[0]
    stations = [make_station(library_a, name_en=f"Station {i}") for i in range(STATIONS)]
    answers = send_all(stations, copy.barcode)
    assert answers.count(1) == 1 and answers.count(0) == STATIONS - 1, Counter(answers)
    assert Deposit.objects.filter(copy=copy).count() == 1


def test_the_check_catches_a_naive_sender(library_a, monkeypatch):
    copy = make_copies(library_a, 1)[0]
    stations = [make_station(library_a, name_en=f"Station {i}") for i in range(STATIONS)]
    seen = {}

    def look_at_the_copy():
        seen[threading.get_ident()] = Copy.objects.get(pk=copy.pk).status

    def naive_send_one(station, copy_id):  # "it was on the shelf when I looked": no condition, no constraint
        if seen[threading.get_ident()] != "available":
            return False
        Copy.objects.filter(pk=copy_id).update(status="on_loan")
        Deposit.objects.create(station=station, copy_id=copy_id, status="returned")  # dodges the constraint
        return True

    monkeypatch.setattr(services, "_send_one", naive_send_one)
    answers = send_all(stations, copy.barcode, before=look_at_the_copy)
    assert answers.count(1) > 1, Counter(answers)
    assert Deposit.objects.filter(copy=copy).count() > 1
