"""A short-lived cache of expensive searches: the ranked ids, count and facets of queries with many matches.

Only searches with more than RANK_WINDOW matches are kept (the common words readers type again and again;
small result sets are cheap to compute and always fresh). Any change to the index in this process starts a
new generation, so this process never serves a result older than its last index change; other processes
(another app server worker, an import) see the change within SECONDS at worst.
"""

import hashlib
import json
import os
import time

from django.core.cache import cache

SECONDS = 60
# LANTERN_SEARCH_CACHE=0 turns it off (the benchmark measures the search itself that way).
ENABLED = os.environ.get("LANTERN_SEARCH_CACHE", "1") != "0"
_GENERATION = "catalogue:search:generation"


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
