"""The sample lending: orders in every state, loans (one overdue), copies in quarantine, a partner bookstore's
titles and purchases, at the closed demo library; loaded once."""

from collections import Counter

import pytest
from django.utils import timezone

from lantern.catalogue import demo as catalogue_demo
from lantern.core import demo as core_demo
from lantern.lending import demo as lending_demo
from lantern.lending.models import BookstoreTitle, Carrier, Loan, Order, Purchase, Quarantine

pytestmark = pytest.mark.django_db


def test_demo_lending_shows_every_state_and_loads_once():
    libraries = core_demo.load()["libraries"]
    wuhan = libraries["wuhan"]
    catalogue_demo.load({"wuhan": wuhan})

    assert lending_demo.load(libraries) == 12

    states = Counter(Order.objects.filter(library=wuhan).values_list("status", flat=True))
    assert set(states) == {"requested", "picking", "packed", "shipped", "on_loan", "returned", "cancelled", "failed"}
    assert Loan.objects.overdue(timezone.localdate()).filter(library=wuhan).count() == 1
    assert Quarantine.objects.filter(library=wuhan, released_at__isnull=True).count() == 2
    assert set(Purchase.objects.values_list("status", flat=True)) == {"requested", "approved", "delivered"}
    assert BookstoreTitle.objects.count() == len(lending_demo.TITLES)
    assert Carrier.objects.filter(library=wuhan, kind="courier").exclude(webhook_secret="").exists()

    assert lending_demo.load(libraries) == 0
    assert Order.objects.count() == sum(states.values())
