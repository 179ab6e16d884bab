"""Two (or many) librarians claiming the same joint-queue question at once: exactly one gets it, the others
are told who has it. On SQLite and on PostgreSQL (run with DATABASE_URL pointing at PostgreSQL for the second).

The naive-claim test shows the check can fail: with the guard replaced by "it was free when I looked", the same
race lets several librarians believe the question is theirs.
"""

import threading
from collections import Counter

import pytest

from lantern.conftest import make_user
from lantern.core.models import Role
from lantern.core.services import grant_role
from lantern.infoservice.models import Question
from lantern.infoservice.services import ask as services
from lantern.infoservice.services import ask_queue as queue
from lantern.tests.race import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

LIBRARIANS = 12


def librarians(library_a, library_b):
    people = []
    for i in range(LIBRARIANS):
        person = make_user(f"lib{i}@example.org", f"Librarian {i}")
        grant_role(person, Role.Kind.STAFF, library=library_a if i % 2 else library_b)
        people.append((person, library_a if i % 2 else library_b))
    return people


def claims(question, people, before=None):
    def claim(person, library):
        queue.claim(Question.objects.get(pk=question.pk), by=person, library=library)
        return "claimed"

    return run_at_once([lambda p=p, lib=lib: claim(p, lib) for p, lib in people], before=before)


def test_two_librarians_of_two_libraries_claim_at_once_and_exactly_one_gets_it(library_a, library_b):
    question = services.ask(library_a, subject="S", body="B", name="Dora", email="dora@example.org")
    people = librarians(library_a, library_b)[:2]
    answers = claims(question, people)
    assert Counter(answers) == Counter({"claimed": 1, "taken": 1}), answers
    question.refresh_from_db()
    assert question.claimed_by in [p for p, _lib in people] and question.status == "claimed"


def test_many_librarians_race_and_exactly_one_gets_it(library_a, library_b):
    people = librarians(library_a, library_b)
    for _round in range(3):
        question = services.ask(library_a, subject="S", body="B", name="Dora", email="dora@example.org")
        answers = claims(question, people)
        assert answers.count("claimed") == 1 and answers.count("taken") == LIBRARIANS - 1, Counter(answers)


def test_the_check_catches_a_naive_claim(library_a, library_b, monkeypatch):
    question = services.ask(library_a, subject="S", body="B", name="Dora", email="dora@example.org")
    seen = {}

    def look():
        seen[threading.get_ident()] = Question.objects.get(pk=question.pk).claimed_by_id

    def naive_claim(question, *, by, library):  # "it was free when I looked": no condition in the update
        if seen[threading.get_ident()] is not None:
            raise queue.Refused("taken", "taken")
        Question.objects.filter(pk=question.pk).update(status="claimed", claimed_by=by)
        return question

    monkeypatch.setattr(queue, "claim", naive_claim)
    answers = claims(question, librarians(library_a, library_b), before=look)
    assert answers.count("claimed") > 1, Counter(answers)
