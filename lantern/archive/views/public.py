"""The archive's public pages (no sign-in): a library's archive, search with filters, a collection, an item, and
the files behind them. Only public items (services.common.public_items) ever show; anything else is a 404.

Image originals are never served (they keep the camera's EXIF and GPS): the public gets their web derivatives.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from lantern.core.permissions import get_library

from .. import jsonld
from ..models import Collection, Item, ItemFile
from ..services import collections as collection_services
from ..services import search as search_services
from ..services.common import public_items
from ..services.contribute_site import accepts_contributions
from .public_files import get_public_item, item_file  # noqa: F401  (item_file: wired in urls.py from here)

PER_PAGE = 20
RECENT = 6
TEXT_SHOWN_BYTES = 64 * 1024
TEMPLATES = "archive/public/"


# --- fetching what a request names ---------------------------------------------------------------
def published(library) -> QuerySet[Collection]:
    return Collection.objects.filter(library=library, status=Collection.Status.PUBLISHED)


def get_published_collection(library, collection_slug: str) -> Collection:
    collection = published(library).filter(slug=collection_slug).select_related("library").first()
    if collection is None:
        raise Http404
    return collection


def url_with_query(name: str, args: list, query: dict | None = None) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def shown_files():
    return Prefetch(
        "files", queryset=ItemFile.objects.filter(hidden=False).order_by("position", "pk"), to_attr="shown_files"
    )


def with_covers(items) -> list[Item]:
    """The items, each with `cover`: its first shown file that has a thumbnail (or None)."""
    items = list(items)
    for item in items:
        item.cover = next((f for f in item.shown_files if f.thumbnail), None)
    return items


# --- the archive's home --------------------------------------------------------------------------
def home(request, slug):
    library = get_library(slug)
    request.library = library
    accepts = accepts_contributions(library)
    collections = list(collection_services.published_collections(library))
    covers = collection_services.covers(collections)
    calls = []
    if accepts:
        for collection in collection_services.open_calls(library):
            calls.append((collection, url_with_query("archive:contribute", [slug], {"call": collection.slug})))
    recent = public_items(library).order_by("-accepted_at", "-pk").prefetch_related(shown_files())[:RECENT]
    return render(
        request,
        TEMPLATES + "home.html",
        {
            "library": library,
            "rows": [(collection, covers.get(collection.pk)) for collection in collections],
            "calls": calls,
            "contribute_url": url_with_query("archive:contribute", [slug]) if accepts else "",
            "recent": with_covers(recent),
            "total": public_items(library).count(),
        },
    )


# --- search and collections ----------------------------------------------------------------------
def _link(params: dict, **changes) -> str:
    query = {**params, **changes}
    query = {key: value for key, value in query.items() if value not in ("", None)}
    return "?" + urlencode(query) if query else "?"


def _search_context(request, items, collections, *, fixed: Collection | None = None) -> dict:
    """Results, facets with their links, removable filters and paging for the search and collection pages."""
    filters = search_services.read_filters(request.GET, collections)
    if fixed is not None:
        filters.collection = fixed
    found = search_services.search(items, filters)
    page = Paginator(found.prefetch_related(shown_files()), PER_PAGE).get_page(request.GET.get("page"))
    params = {"q": filters.q, **filters.applied()}
    if fixed is not None:
        params.pop("collection", None)
    facet_rows = []
    for facet in search_services.facets(items, filters, None if fixed is not None else collections):
        if facet.name == "collection" and fixed is not None:
            continue
        options = [
            (option, _link(params, **{facet.name: "" if option.selected else option.value})) for option in facet.options
        ]
        if options:
            facet_rows.append((facet, options))
    labels = {facet.name: {o.value: o.label for o, _url in options} for facet, options in facet_rows}
    removable = []
    if filters.q:
        removable.append((_("Words"), filters.q, _link(params, q="")))
    for facet, _options in facet_rows:
        value = params.get(facet.name)
        if value:
            removable.append((facet.label, labels[facet.name].get(value, value), _link(params, **{facet.name: ""})))
    return {
        "filters": filters,
        "page": page,
        "items": with_covers(page.object_list),
        "facet_rows": facet_rows,
        "removable": removable,
        "hidden_params": [(k, v) for k, v in params.items() if k != "q" and v],
        "searched": bool(params),
    }


def search_page(request, slug):
    library = get_library(slug)
    request.library = library
    context = _search_context(request, public_items(library), published(library))
    context["library"] = library
    return render(request, TEMPLATES + "search.html", context)


def collection_page(request, slug, collection):
    library = get_library(slug)
    request.library = library
    found = get_published_collection(library, collection)
    items = public_items(library).filter(collections=found)
    context = _search_context(request, items, published(library), fixed=found)
    context.update(
        {
            "library": library,
            "collection": found,
            "total": items.count(),
            "contribute_url": "",
            "jsonld": jsonld.script(
                jsonld.collection_data(request, found, context["items"], context["page"].paginator.count)
            ),
        }
    )
    if accepts_contributions(library) and collection_services.open_calls(library).filter(pk=found.pk).exists():
        context["contribute_url"] = url_with_query("archive:contribute", [slug], {"call": found.slug})
    return render(request, TEMPLATES + "collection.html", context)


# --- an item -------------------------------------------------------------------------------------
def _text_of(text_file: ItemFile) -> str | None:
    """A plain-text file's words, to show on the page (None when it is too long or not in storage)."""
    if text_file.size > TEXT_SHOWN_BYTES:
        return None
    try:
        with text_file.original.open("rb") as handle:
            return handle.read(TEXT_SHOWN_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None


def item_page(request, slug, reference):
    item = get_public_item(slug, reference)
    request.library = item.library
    files = list(item.files.filter(hidden=False).order_by("position", "pk"))
    images = [f for f in files if f.is_image]
    others = []
    for f in files:
        if f.is_image or f.mime.startswith("image/"):
            continue
        kind = f.mime.split("/")[0] if f.mime.startswith(("audio/", "video/")) else f.mime
        others.append({"file": f, "kind": kind, "text": _text_of(f) if f.mime == "text/plain" else None})
    collections = list(published(item.library).filter(items=item).order_by("pk"))
    data = jsonld.item_data(request, item, files, collections)
    return render(
        request,
        TEMPLATES + "item.html",
        {
            "library": item.library,
            "item": item,
            "images": images,
            "others": others,
            "collections": collections,
            "licence": jsonld.licence_of(item),
            "takedown_url": url_with_query("archive:takedown", [slug, item.reference]),
            # Only a web link is ever a link: whatever else was stored stays text-free of the page.
            "source_link": item.source_link if item.source_link.startswith(("https://", "http://")) else "",
            "language": item.language if _is_language_tag(item.language) else "",
            "jsonld": jsonld.script(data),
        },
    )


def _is_language_tag(value: str) -> bool:
    """A plausible BCP 47 tag ("zh", "zh-Hans", "en"): only such a value may go in a lang attribute."""
    parts = (value or "").split("-")
    if not parts[0].isascii() or not parts[0].isalpha() or not 2 <= len(parts[0]) <= 3:
        return False
    return all(part.isascii() and part.isalnum() and 1 <= len(part) <= 8 for part in parts[1:])
