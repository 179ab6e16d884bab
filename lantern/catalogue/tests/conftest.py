"""What every catalogue test starts from: no search cached by an earlier test (ids are reused after a rollback)."""

import pytest

from lantern.catalogue.search import cache as search_cache


@pytest.fixture(autouse=True)
def no_cached_searches():
    search_cache.clear_regions()
    search_cache.bump()
