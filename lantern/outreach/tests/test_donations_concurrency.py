"""Races: librarians recording donations at once get distinct receipt numbers in an unbroken sequence, and a
gift's books are never passed on beyond what it brought, however many donations name it at once. On SQLite
and on PostgreSQL (run with DATABASE_URL pointing at PostgreSQL for the second)."""

from collections import Counter

import pytest

from lantern.outreach.models import DonationLine, OutgoingDonation
from lantern.outreach.services import donations as services
from lantern.tests.race import run_at_once

from .test_donations_services import make_donation, make_gift

pytestmark = pytest.mark.django_db(transaction=True)
RUSH = 12


def test_receipt_numbers_stay_unique_and_in_sequence_under_a_rush(library_a):
    answers = run_at_once([lambda: make_donation(library_a).number for _ in range(RUSH)])
    expected = {f"ALPHA-2020-{n:04d}" for n in range(1, RUSH + 1)}
    assert set(answers) == expected, Counter(answers)
    assert set(OutgoingDonation.objects.values_list("number", flat=True)) == expected


def test_a_gift_is_never_passed_on_beyond_its_books(library_a):
    gift = make_gift(library_a, quantity=50)
    line = [{"description": "绘本", "quantity": 10, "from_incoming": gift.pk}]
    answers = run_at_once([lambda: make_donation(library_a, lines=line).number for _ in range(RUSH)])
    refused = [answer for answer in answers if answer == "more_than_given"]
    assert len(refused) == RUSH - 5, Counter(answers)
    assert DonationLine.objects.filter(from_incoming=gift).count() == 5
    assert services.books_left(gift) == 0
