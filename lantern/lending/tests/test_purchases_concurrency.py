"""Two librarians approve at once when the budget has room for only one book: exactly one approval goes
through, the other is told the budget would be passed. On SQLite and on PostgreSQL (run this file with
DATABASE_URL pointing at PostgreSQL for the second).

Shown to fail with the guard removed: on PostgreSQL, without the `select_for_update()` of the library's
rules in `approve()`, both approvals read the same spent sum and both go through.
"""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from lantern.core.services import issue_card
from lantern.lending.models import Purchase
from lantern.lending.services import purchases as services
from lantern.tests.race import run_at_once

from .purchases_helpers import ADDRESS, buying, make_bookstore, make_title

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 5


def approval_by(librarian, purchase_pk):
    """One librarian's click: the purchase is loaded before the start, so that only the approval races."""
    purchase = Purchase.objects.select_related("library", "title", "reader").get(pk=purchase_pk)

    def approve():
        services.approve(purchase, by=librarian)
        return "approved"

    return approve


def test_two_approvals_race_for_a_budget_with_room_for_one(library_a, librarian_a, manager_a):
    store = make_bookstore(library_a)
    for round_ in range(ROUNDS):  # a race is a matter of luck: run it a few times
        buying(library_a, purchase_budget=Decimal("60") * round_ + Decimal("100"), purchase_per_reader_month=50)
        readers = [
            get_user_model().objects.create(username=f"r{round_}-{n}@example.org", name=f"R{n}") for n in range(2)
        ]
        for reader in readers:
            issue_card(reader, library_a)
        purchases = [
            services.ask(
                reader, library_a, make_title(store, f"书{round_}-{n}", n=round_ * 10 + n, price="60"), **ADDRESS
            )
            for n, reader in enumerate(readers)
        ]
        approvals = [approval_by(who, p.pk) for who, p in zip((librarian_a, manager_a), purchases, strict=True)]
        answers = run_at_once(approvals, attempts=50)
        assert sorted(answers) == ["approved", "over_budget"], (round_, answers)
        assert services.budget_used(library_a) <= Decimal("60") * round_ + Decimal("100")
        assert Purchase.objects.filter(pk__in=[p.pk for p in purchases], status="approved").count() == 1
