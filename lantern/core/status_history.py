"""Reading a library's service-mode history: when it closed and when it reopened.

The study's "closure" is the doors shutting for visitors (closed, or contactless only); its "reopening" is
the first return to open or by-appointment after that. The emergency board, the observatory's reports and a
study's windows all read the history through these functions, so they agree.
"""

import datetime

from django.utils import timezone

from .models import Library, ServiceMode

CLOSED_MODES = (ServiceMode.CLOSED, ServiceMode.CONTACTLESS)
VISITABLE_MODES = (ServiceMode.OPEN, ServiceMode.APPOINTMENT)


def history_of(library: Library) -> list[tuple[str, datetime.datetime]]:
    """(mode, since) in time order; a library that never changed has its current mode as its only entry."""
    changes = sorted(library.mode_changes.all(), key=lambda c: (c.since, c.pk))
    if not changes:
        return [(library.service_mode, library.mode_since)]
    return [(change.mode, change.since) for change in changes]


def closure_dates(history, start: datetime.datetime, end: datetime.datetime):
    """The first closure that is in force at `start` or begins in the window, and the first return to
    open or by-appointment after it, as local dates (None when there is none)."""
    closed_at = reopened_at = None
    previous = None
    for mode, since in history:
        if since > end:
            break
        entering_closure = mode in CLOSED_MODES and previous not in CLOSED_MODES
        if closed_at is None and entering_closure:
            closed_at = since
        elif closed_at is not None and mode in VISITABLE_MODES:
            if closed_at < start and since < start:
                closed_at = None  # that closure ended before the window: look for the next one
            else:
                reopened_at = since
                break
        previous = mode
    if closed_at is None:
        return None, None
    local = timezone.localtime
    return local(closed_at).date(), local(reopened_at).date() if reopened_at else None
