"""Every archive test keeps its files in its own folder, never in var/archive; the moderation tests' items,
collections and second reviewer."""

import pytest

from .moderate_helpers import city_collection, other_collection, second_librarian, waiting_item


@pytest.fixture(autouse=True)
def archive_root(settings, tmp_path):
    settings.LANTERN_ARCHIVE_ROOT = tmp_path / "archive"
    return settings.LANTERN_ARCHIVE_ROOT


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
