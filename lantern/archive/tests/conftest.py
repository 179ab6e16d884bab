"""The moderation tests' items, collections and second reviewer (each test's own archive folder is set
for every test in lantern/conftest.py)."""

import pytest

from .moderate_helpers import city_collection, other_collection, second_librarian, waiting_item


@pytest.fixture
def waiting(library_a):
    return waiting_item(library_a)


@pytest.fixture
def city(library_a):
    return city_collection(library_a)


@pytest.fixture
def other_city(library_b):
    return other_collection(library_b)


@pytest.fixture
def second_librarian_a(library_a):
    return second_librarian(library_a)
