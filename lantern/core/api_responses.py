"""Answers every app's API shares: the `Problem` schema, a refusal as JSON, "busy, retry", and bounded lock
waits for writes in a rush (a reader retrying beats a worker stuck waiting for a lock)."""

import contextlib

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Schema

from .errors import Refused

RETRY_AFTER_SECONDS = 1
# A write that waits longer than this for a lock answers 429 instead: the reader retries, the thread is free.
LOCK_WAIT_MS = 150
_SQLITE = settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")


class Problem(Schema):
    detail: str
    reason: str | None = None


def quiet(response: JsonResponse) -> JsonResponse:
    # Expected answers in a rush (full, busy) are not warnings: skip django.request's log line for each one.
    response._has_been_logged = True
    return response


def refused(exc: Refused) -> JsonResponse:
    return quiet(JsonResponse({"detail": str(exc), "reason": exc.reason}, status=exc.status))


def busy(message=None) -> JsonResponse:
    detail = message or _("Many readers are asking right now. Please try again in a moment.")
    response = JsonResponse({"detail": str(detail), "reason": "busy"}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return quiet(response)


@contextlib.contextmanager
def short_lock_waits(ms: int = LOCK_WAIT_MS):
    """Bound lock waits for this request's writes to `ms`, then restore the connection's usual patience."""
    ms = int(ms)
    if _SQLITE:
        usual = int(settings.DATABASES["default"].get("OPTIONS", {}).get("timeout", 5) * 1000)
        set_sql, reset_sql = f"PRAGMA busy_timeout = {ms}", f"PRAGMA busy_timeout = {usual}"
    else:
        set_sql, reset_sql = f"SET lock_timeout = '{ms}ms'", "RESET lock_timeout"
    with connection.cursor() as cursor:
        cursor.execute(set_sql)
    try:
        yield
    finally:
        with contextlib.suppress(Exception), connection.cursor() as cursor:
            cursor.execute(reset_sql)
