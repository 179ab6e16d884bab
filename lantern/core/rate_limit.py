"""Counting what one sender does in an hour (questions, doubted messages, posts through a station's link),
so that forms open to anyone cannot flood the librarians' queues. Counts live in the cache (Redis in
production): a restart forgets them, which is acceptable for a flood guard."""

from django.core.cache import cache

HOUR = 3600


def client_address(request) -> str:
    """The sender's address as the app server saw it (the proxy in front is trusted to set REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def count_this_hour(key: str) -> int:
    """Add one to `key`'s count for the current hour and return the new count."""
    cache.add(key, 0, HOUR)
    try:
        return cache.incr(key)
    except ValueError:  # the count expired between add and incr
        cache.set(key, 1, HOUR)
        return 1
