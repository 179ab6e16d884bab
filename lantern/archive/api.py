"""The archive API: public items and collections (read only, anonymous). Never shows a preserve-only or hidden
item: every list and detail starts from services.common.public_items, and only published collections show.

GET /api/v1/archive/items?q=&library=&collection=&kind=&page=  (20 a page, newest accepted first, titles first
when searching), GET /api/v1/archive/items/{reference}, GET /api/v1/archive/collections?library=.
"""

from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from lantern.core.models import Library
from lantern.core.permissions import get_library

from . import jsonld
from .models import Collection, Item, ItemFile
from .services import collections as collection_services
from .services import search as search_services
from .services.common import public_items

router = Router(tags=["archive"])
PER_PAGE = 20


class ArchiveItemOut(Schema):
    reference: str
    library: str
    title: str
    creator: str
    date: str
    kind: str
    type: str
    place: str
    collections: list[str]
    rights: str
    licence_url: str | None
    url: str
    thumbnail: str | None


class ArchiveItemDetailOut(ArchiveItemOut):
    description: str
    subjects: list[str]
    language: str
    contributor: str | None
    source_link: str | None
    images: list[str]
    files: list[str]


class ArchiveItemPage(Schema):
    count: int
    page: int
    pages: int
    items: list[ArchiveItemOut]


class ArchiveCollectionOut(Schema):
    slug: str
    library: str
    title: str
    description: str
    item_count: int
    calls_for_contributions: bool
    call_ends_on: str | None
    url: str


def _file_url(request, item: Item, item_file: ItemFile, variant: str) -> str:
    return jsonld.file_url(request, item, item_file, variant)


def _item(request, item: Item) -> dict:
    cover = next((f for f in item.shown_files if f.thumbnail), None)
    licence = jsonld.licence_of(item)
    return {
        "reference": item.reference,
        "library": item.library.slug,
        "title": item.title,
        "creator": item.creator,
        "date": item.date,
        "kind": item.kind,
        "type": item.dc_type,
        "place": item.coverage,
        "collections": [c.slug for c in item.public_collections],
        "rights": licence["name"] if licence else item.rights,
        "licence_url": licence["url"] if licence else None,
        "url": request.build_absolute_uri(item.get_absolute_url()),
        "thumbnail": _file_url(request, item, cover, "thumb") if cover else None,
    }


def _public(library=None):
    published = Collection.objects.filter(status=Collection.Status.PUBLISHED).order_by("pk")
    return (
        public_items(library)
        .select_related("library")
        .prefetch_related(
            Prefetch("files", queryset=ItemFile.objects.filter(hidden=False).order_by("position", "pk"),
                     to_attr="shown_files"),
            Prefetch("collections", queryset=published, to_attr="public_collections"),
        )
    )  # fmt: skip


@router.get("/archive/items", response=ArchiveItemPage, url_name="archive_items", summary="Public items of the archive")
def items(request, q: str = "", library: str = "", collection: str = "", kind: str = "", page: int = 1):
    """Every word of `q` must match (Traditional and Simplified Chinese alike); filter by library (its slug),
    collection (a published collection's slug) and kind. 20 items a page."""
    if page < 1:
        raise HttpError(422, _("The page must be 1 or more."))
    if kind and kind not in Item.Kind.values:
        raise HttpError(422, _("Unknown kind: %(kind)s.") % {"kind": kind[:40]})
    found_library = get_library(library) if library else None
    collections = Collection.objects.filter(status=Collection.Status.PUBLISHED)
    if found_library is not None:
        collections = collections.filter(library=found_library)
    filters = search_services.Filters(q=q.strip()[: search_services.QUERY_MAX], kind=kind)
    found = search_services.search(_public(found_library), filters)
    if collection:
        chosen = collections.filter(slug=collection[:60])
        if not chosen.exists():
            raise Http404
        found = found.filter(collections__in=chosen)
    count = found.count()
    start = (page - 1) * PER_PAGE
    return {
        "count": count,
        "page": page,
        "pages": max(1, -(-count // PER_PAGE)),
        # A page past the end is empty, without asking the database for an offset it may not be able to hold.
        "items": [_item(request, item) for item in found[start : start + PER_PAGE]] if start < count else [],
    }


@router.get(
    "/archive/items/{reference}",
    response=ArchiveItemDetailOut,
    url_name="archive_item",
    summary="One public item of the archive",
)
def item_detail(request, reference: str):
    item = _public().filter(reference=reference).first()
    if item is None:
        raise Http404
    images = [f for f in item.shown_files if f.is_image]
    others = [f for f in item.shown_files if not f.is_image and not f.mime.startswith("image/")]
    return {
        **_item(request, item),
        "description": item.description,
        "subjects": item.subjects,
        "language": item.language,
        "contributor": item.credited_name or None,
        "source_link": item.source_link or None,
        "images": [_file_url(request, item, f, "web") for f in images],
        "files": [_file_url(request, item, f, "original") for f in others],
    }


@router.get(
    "/archive/collections",
    response=list[ArchiveCollectionOut],
    url_name="archive_collections",
    summary="Published collections of the archive, with their counts of public items",
)
def collections(request, library: str = ""):
    libraries = [get_library(library)] if library else None
    if libraries is None:
        libraries = list(Library.objects.filter(archive_collections__status=Collection.Status.PUBLISHED).distinct())
    rows = []
    for found_library in libraries:
        for collection in collection_services.published_collections(found_library).select_related("library"):
            rows.append(
                {
                    "slug": collection.slug,
                    "library": found_library.slug,
                    "title": collection.title,
                    "description": collection.description or "",
                    "item_count": collection.n,
                    "calls_for_contributions": collection.calls_for_contributions,
                    "call_ends_on": collection.call_ends_on.isoformat() if collection.call_ends_on else None,
                    "url": request.build_absolute_uri(
                        reverse("archive:collection", args=[found_library.slug, collection.slug])
                    ),
                }
            )
    return rows
