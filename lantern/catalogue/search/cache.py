"""Short-lived caches of catalogue searches: the ranked ids, count and facets of queries with many matches, and
the search page's rendered results.

Search results: only searches with more than RANK_WINDOW matches are kept (the common words readers type again
and again), in Django's cache. Rendered results: the search page's results region (count, records, pager,
facets) for one address, language and library, kept in Django's cache too where it is shared (Redis): every app
server then renders a common query once. Where it is the per-process LocMemCache (the default, 300 entries,
which the search results alone can fill), regions go to a private LocMemCache of their own, big enough for the
common queries of a busy day.

Any change to the index in this process starts a new generation (held in Django's cache, so with a shared
cache such as Redis every process sees it at once), and nothing cached under an older generation is served
again; without a shared cache, other processes (another app server worker, an import) see the change within
SECONDS at worst. What the index does not know, such as a copy going out on loan, shows within SECONDS.
"""

import hashlib
import json
import os
import time

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache

SECONDS = 60
# LANTERN_SEARCH_CACHE=0 turns both off (the benchmark measures the search itself that way).
ENABLED = os.environ.get("LANTERN_SEARCH_CACHE", "1") != "0"
_GENERATION = "catalogue:search:generation"
# A rendered region is 5–20 kB, a whole page kept by the search view (lantern/core/page_cache.py) 15–20 kB:
# at most ~20 MB per process.
REGIONS = 1000
_regions = LocMemCache("lantern-catalogue-search-regions", {"TIMEOUT": SECONDS, "OPTIONS": {"MAX_ENTRIES": REGIONS}})


def generation() -> str:
    return str(cache.get_or_set(_GENERATION, time.time_ns, SECONDS * 10))


def bump() -> None:
    """The index changed: forget every cached search (of this cache)."""
    cache.set(_GENERATION, time.time_ns(), SECONDS * 10)


def key(*parts) -> str:
    text = json.dumps([generation(), *parts], ensure_ascii=False, sort_keys=True, default=str)
    return "catalogue:search:" + hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def get(cache_key: str):
    return cache.get(cache_key) if ENABLED else None


def put(cache_key: str, value) -> None:
    if ENABLED:
        cache.set(cache_key, value, SECONDS)


def _region_cache():
    return _regions if isinstance(caches["default"], LocMemCache) else cache


def get_region(cache_key: str):
    """A rendered results region kept by `put_region`, or None."""
    return _region_cache().get(cache_key) if ENABLED else None


def put_region(cache_key: str, value) -> None:
    if ENABLED:
        _region_cache().set(cache_key, value, SECONDS)


def clear_regions() -> None:
    """Forget every rendered region kept in this process (tests start from nothing)."""
    _regions.clear()
