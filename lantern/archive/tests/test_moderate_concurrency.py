"""One decision per item: when ten librarians accept and decline the same contribution at the same moment,
exactly one decision is made, the others are told the item has moved on, and the contributor gets one email.
The same for takedown requests. On SQLite and on PostgreSQL (run with DATABASE_URL for the second)."""

from collections import Counter

import pytest
from django.core import mail

from lantern.archive.models import Item, Takedown
from lantern.archive.services import moderation as services
from lantern.archive.services import takedown as takedown_services
from lantern.conftest import make_user
from lantern.core import services as core_services
from lantern.core.models import AuditEntry, Role
from lantern.tests.race import run_at_once

from .helpers import accepted_item, submitted_item
from .moderate_helpers import city_collection, clear_counts

pytestmark = pytest.mark.django_db(transaction=True)
REVIEWERS = 10


def reviewers(library) -> list:
    people = []
    for number in range(REVIEWERS):
        user = make_user(f"reviewer{number}@example.org", f"Reviewer {number}")
        core_services.grant_role(user, Role.Kind.STAFF, library=library)
        people.append(user)
    return people


def test_ten_reviewers_deciding_at_once_make_one_decision(library_a):
    city = city_collection(library_a)
    item = submitted_item(library_a, files=[])
    people = reviewers(library_a)
    mail.outbox.clear()

    def accept(user):
        return services.accept_item(item, [city], by=user)[0].status

    def decline(user):
        return services.decline_item(item, "Not about the epidemic.", by=user)[0].status

    actions = [lambda u=u, n=n: (accept if n % 2 else decline)(u) for n, u in enumerate(people)]
    answers = run_at_once(actions)
    decided = [answer for answer in answers if answer in (Item.Status.ACCEPTED, Item.Status.DECLINED)]
    assert len(decided) == 1, Counter(answers)
    assert Counter(answers)["wrong_status"] == REVIEWERS - 1, Counter(answers)
    item.refresh_from_db()
    assert item.status == decided[0]
    decisions = AuditEntry.objects.filter(action__in=["archive.item_accepted", "archive.item_declined"])
    assert decisions.count() == 1 and len(mail.outbox) == 1


def test_two_librarians_deciding_one_takedown_at_once(library_a, librarian_a, manager_a):
    clear_counts()
    item = accepted_item(library_a, city_collection(library_a), files=[])
    request = takedown_services.request_takedown(
        item, {"name": "Li", "email": "li@example.org", "relation": "depicted", "reason": "My face."}
    )
    answers = run_at_once(
        [
            lambda: takedown_services.uphold_takedown(request, "Agreed.", by=librarian_a).status,
            lambda: takedown_services.reject_takedown(request, "It stays.", by=manager_a).status,
        ]
    )
    assert sorted(answers)[0] == "decided" and sorted(answers)[1] in (Takedown.Status.UPHELD, Takedown.Status.REJECTED)
    request.refresh_from_db()
    item.refresh_from_db()
    assert request.status == sorted(answers)[1]
    assert (item.status == Item.Status.WITHDRAWN) == (request.status == Takedown.Status.UPHELD)
