"""API of service status: a network's libraries with their closure and reopening history."""

import datetime

from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema

from lantern.core.models import Network

from . import status

router = Router(tags=["service status"])


class ModeChangeOut(Schema):
    mode: str
    since: datetime.datetime


class LibraryStatusOut(Schema):
    slug: str
    name: str
    mode: str
    mode_label: str
    since: datetime.datetime
    message: str
    expected_reopening: datetime.date | None
    closed_on: datetime.date | None
    reopened_on: datetime.date | None
    history: list[ModeChangeOut]


class NetworkStatusOut(Schema):
    network: str
    name: str
    libraries: list[LibraryStatusOut]


@router.get(
    "/networks/{slug}/status", response=NetworkStatusOut, summary="A network's status board", url_name="network_status"
)
def network_status(request, slug: str):
    """Every member library with its current mode, its first closure and the reopening after it, and its
    whole history as a list of {mode, since}. Public, like the banner on every page."""
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise Http404
    libraries = list(status.network_libraries(network))
    history_start = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    rows = status.board_rows(libraries, history_start, timezone.now())
    return {
        "network": network.slug,
        "name": network.name,
        "libraries": [
            {
                "slug": row.library.slug,
                "name": row.library.name,
                "mode": row.library.service_mode,
                "mode_label": row.library.get_service_mode_display(),
                "since": row.library.mode_since,
                "message": row.library.mode_message or "",
                "expected_reopening": row.library.expected_reopening,
                "closed_on": row.closed_on,
                "reopened_on": row.reopened_on,
                "history": [{"mode": mode, "since": since} for mode, since in row.history],
            }
            for row in rows
        ],
    }
