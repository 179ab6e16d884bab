"""No double allocation: when many readers order the last copies at once, each copy goes to exactly one order,
on SQLite and on PostgreSQL (run with DATABASE_URL pointing at PostgreSQL for the second; `.ci/run` does).

The second test shows the check can fail: with the guard replaced by the naive "take the copy I saw on the
shelf", the same race is caught (copies given twice are refused by the database as errors, not as answers).
"""

import threading
from collections import Counter

import pytest
from django.contrib.auth import get_user_model

from lantern.catalogue.models import Copy
from lantern.core.models import Card
from lantern.lending.models import OrderItem
from lantern.lending.services import ordering
from lantern.tests.race import run_at_once

from .factories import make_copies, make_rules, make_zone

pytestmark = pytest.mark.django_db(transaction=True)

# Below PostgreSQL's default of 100 connections, with room for the test's own.
READERS = 60
COPIES = 15
ADDRESS = {"recipient": "R", "phone": "13800138000", "address": "1 Road", "postcode": ""}


def order_by(reader, library, record_id, zone):
    """One reader's order: checked before the start, as on the confirmation page, so that only placing it races."""
    draft = ordering.check_order(reader, library, record_ids=[record_id], method="delivery", zone=zone, **ADDRESS)

    def place():
        ordering.place_order(draft)
        return "ordered"

    return place


def race(library, before=None) -> list[str]:
    make_rules(library, max_open_orders=5)
    zone = make_zone(library)
    record_id = make_copies(library, COPIES)[0].record_id
    readers = [get_user_model().objects.create(username=f"rush{n}@example.org") for n in range(READERS)]
    Card.objects.bulk_create([Card(reader=r, library=library, number=f"R{r.pk}") for r in readers])
    return run_at_once([order_by(r, library, record_id, zone) for r in readers], before=before)


def check_each_copy_went_once(answers: list[str]) -> None:
    assert answers.count("ordered") == COPIES, Counter(answers)
    assert answers.count("unavailable") == READERS - COPIES, Counter(answers)
    holders = Counter(OrderItem.objects.filter(holds_copy=True).values_list("copy_id", flat=True))
    assert len(holders) == COPIES and set(holders.values()) == {1}
    assert Copy.objects.filter(status="requested").count() == COPIES


def test_sixty_readers_race_for_fifteen_copies(library_a):
    answers = race(library_a)
    check_each_copy_went_once(answers)


def test_the_check_catches_a_naive_allocator(library_a, monkeypatch):
    seen = {}

    def look_at_the_shelf():
        seen[threading.get_ident()] = Copy.objects.filter(status="available").order_by("pk").first().pk

    def naive_take_copy(record):  # no "still available?" condition on the update
        pk = seen[threading.get_ident()]
        Copy.objects.filter(pk=pk).update(status=Copy.Status.REQUESTED)
        return pk

    monkeypatch.setattr(ordering, "_take_copy", naive_take_copy)
    answers = race(library_a, before=look_at_the_shelf)
    with pytest.raises(AssertionError):
        check_each_copy_went_once(answers)
    assert "IntegrityError" in answers  # the database's own guard refused the second holder of a copy
