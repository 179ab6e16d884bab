"""API of reading lists (GET /api/v1/lists, /api/v1/lists/{id}): published lists only, as readers see them."""

import datetime

from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from lantern.core.permissions import get_library

from .models import ReadingList

router = Router(tags=["reading lists"])
MAX_LIMIT = 200


class ListOut(Schema):
    id: int
    library: str
    title: str
    title_zh: str | None
    title_en: str | None
    theme: str
    audience: str
    audience_label: str
    purpose: str
    purpose_label: str
    published_at: datetime.datetime
    entry_count: int
    url: str
    qr_png: str
    qr_svg: str
    poster: str
    opds: str


class EntryOut(Schema):
    id: int
    position: int
    kind: str
    title: str
    note: str
    note_zh: str | None
    note_en: str | None
    record_id: int | None
    url: str
    qr_png: str


class ListDetailOut(ListOut):
    entries: list[EntryOut]


def _list(request, reading_list: ReadingList, entry_count: int) -> dict:
    absolute = request.build_absolute_uri
    args = [reading_list.library.slug, reading_list.pk]
    return {
        "id": reading_list.pk,
        "library": reading_list.library.slug,
        "title": reading_list.title,
        "title_zh": reading_list.title_zh_hans,
        "title_en": reading_list.title_en,
        "theme": reading_list.theme or "",
        "audience": reading_list.audience,
        "audience_label": reading_list.get_audience_display(),
        "purpose": reading_list.purpose,
        "purpose_label": reading_list.get_purpose_display(),
        "published_at": reading_list.published_at,
        "entry_count": entry_count,
        "url": absolute(reading_list.get_absolute_url()),
        "qr_png": absolute(reverse("catalogue:reading_list_qr_png", args=args)),
        "qr_svg": absolute(reverse("catalogue:reading_list_qr_svg", args=args)),
        "poster": absolute(reverse("catalogue:reading_list_poster", args=args)),
        "opds": absolute(reverse("opds:list", args=args)),
    }


@router.get("/lists", response=list[ListOut], url_name="reading_lists", summary="Published reading lists")
def reading_lists(request, library: str | None = None, audience: str | None = None, limit: int = 100):
    """Newest first; `library` (a slug) and `audience` filter; at most 200 per call."""
    lists = ReadingList.objects.published().select_related("library")
    if library is not None:
        lists = lists.at(get_library(library))
    if audience is not None:
        if audience not in ReadingList.Audience.values:
            raise HttpError(422, _("Unknown audience “%(code)s”.") % {"code": audience})
        lists = lists.filter(audience=audience)
    if limit < 1:
        raise HttpError(422, _("The limit must be at least 1."))
    lists = lists.annotate(n=Count("entries")).order_by("-published_at", "-pk")[: min(limit, MAX_LIMIT)]
    return [_list(request, reading_list, reading_list.n) for reading_list in lists]


@router.get("/lists/{list_id}", response=ListDetailOut, url_name="reading_list", summary="One reading list")
def reading_list(request, list_id: int):
    found = ReadingList.objects.published().select_related("library").filter(pk=list_id).first()
    if found is None:
        raise Http404
    absolute = request.build_absolute_uri
    entries = []
    for position, entry in enumerate(found.entries.select_related("record", "record__library"), start=1):
        entries.append(
            {
                "id": entry.pk,
                "position": position,
                "kind": "record" if entry.record_id else "outside",
                "title": entry.display_title,
                "note": entry.note or "",
                "note_zh": entry.note_zh_hans,
                "note_en": entry.note_en,
                "record_id": entry.record_id,
                "url": absolute(entry.record.get_absolute_url()) if entry.record_id else entry.url,
                "qr_png": absolute(
                    reverse("catalogue:reading_list_entry_qr_png", args=[found.library.slug, found.pk, entry.pk])
                ),
            }
        )
    return {**_list(request, found, len(entries)), "entries": entries}
