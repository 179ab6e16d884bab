"""Pages of catalogue records: the search page (facets, paging, network toggle) and the record page.

The search page's results region (count, records, pager, facets) is swapped in place by htmx (`lantern.core.htmx`)
and kept rendered for a minute per address (`search.cache`): a common query is served without searching or
rendering again. For readers who are not signed in, the whole page is kept too (`lantern.core.page_cache`), so
that a common query costs little more than a cache read: the menu may then be up to a minute old.
"""

import json

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lantern.catalogue import search
from lantern.catalogue.models import PHYSICAL_FORMATS, Copy, Format, Record
from lantern.catalogue.search import cache as search_cache
from lantern.catalogue.search.forms import MAX_PAGE, SearchForm
from lantern.core import page_cache
from lantern.core.htmx import is_region_request, vary_on_htmx
from lantern.core.models import Library
from lantern.core.permissions import get_library
from lantern.outreach import easy_reading

PER_PAGE = 20
LANGUAGES = {"chi": _("Chinese"), "eng": _("English")}
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SEARCH_TEMPLATE = "catalogue/search.html"


def search_libraries(library: Library, network: bool) -> list[Library]:
    """This library alone, or every library of its network when the reader asks for all of them."""
    if network and library.network_id:
        return list(Library.objects.in_network(library.network).order_by("slug"))
    return [library]


def search_page(request, slug):
    # A page kept for this address was made from a valid form: it is served before the form or the library is
    # read through the ORM.
    page_key = _page_key(request, slug)
    if page_key and (page := search_cache.get_region(page_key)) is not None:
        return _kept_page(request, page)
    library = get_library(slug)
    request.library = library
    form = SearchForm(request.GET or None)
    status, query, region, keep = 200, "", ("", ""), False
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        region_key = _region_key(request, library.pk)
        region = search_cache.get_region(region_key)
        if region is None:
            region = _results_region(request, library, form, browse=False)
            search_cache.put_region(region_key, region)
        keep = bool(page_key)
    elif form.is_bound and (form.cleaned_data["format"] or form.cleaned_data["language"]):
        region = _results_region(request, library, form, browse=True)
    context = {
        "library": library,
        "form": form,
        "query": query,
        # Rendered by our own template (kept as plain text in the cache).
        "result_count": mark_safe(region[0]),
        "results": mark_safe(region[1]),
    }
    if is_region_request(request):
        # The region alone needs none of the page's context processors (menu, banner, account).
        body = render_to_string(f"{SEARCH_TEMPLATE}#region", context)
        return vary_on_htmx(HttpResponse(body, status=status))
    if keep:
        page = page_cache.render_marked(request, SEARCH_TEMPLATE, context)
        search_cache.put_region(page_key, page)
        return _kept_page(request, page)
    return vary_on_htmx(render(request, SEARCH_TEMPLATE, context, status=status))


def _kept_page(request, page: str) -> HttpResponse:
    """A whole page kept for readers who are not signed in, with this reader's token and nonce."""
    return vary_on_htmx(HttpResponse(page_cache.fill(page, request)))


def _region_key(request, library_id: int) -> str:
    # The address (in its own order: the region's links keep it) says everything the region shows.
    return search_cache.key("region", library_id, get_language(), request.GET.urlencode())


def _page_key(request, slug: str) -> str:
    """The key of the whole page of a search for a reader who is not signed in ("" otherwise, or when there is no
    such library): the results region's, the library's row (name, status banner, contact) and easy reading."""
    if not request.GET.get("q") or is_region_request(request) or not page_cache.cacheable(request):
        return ""
    row = page_cache.row_key(Library, "slug", slug)
    if row is None:
        return ""
    library_id, fingerprint = row
    return search_cache.key("page", _region_key(request, library_id), fingerprint, easy_reading.is_on(request))


def _results_region(request, library: Library, form, *, browse: bool) -> tuple[str, str]:
    """The result count line and the results (records, pager, facets), rendered."""
    data = form.cleaned_data
    page = data["page"] or 1
    if browse:
        # A link such as "every e-book" from the home page: list by filter, newest first.
        libraries = [library]
        filters = search.Filters(libraries=[library.pk], format=data["format"], language=data["language"] or "")
        result = search.browse(filters=filters, page=page, per_page=PER_PAGE)
    else:
        libraries = search_libraries(library, data["network"])
        filters = search.Filters(
            libraries=[lib.pk for lib in libraries],
            format=data["format"],
            language=data["language"] or "",
            subject=data["subject"],
            available=data["available"],
        )
        result = search.search(data["q"], filters=filters, page=page, per_page=PER_PAGE)
    unfiltered = _href(request, format=None, language=None, subject=None, available=None)
    context = {
        "library": library,
        "form": form,
        "result": result,
        "facets": _facet_groups(request, result, libraries, data) if result.count else [],
        "facet_limit": search.FACET_LIMIT,
        "first_number": (result.page - 1) * PER_PAGE + 1,
        "max_page": MAX_PAGE,
        "in_network": len(libraries) > 1,
        "per_page": PER_PAGE,
        "lendable_formats": PHYSICAL_FORMATS,
        # The region is rendered without the request (it is kept for other readers): its links are made here.
        "links": {
            "unfiltered": unfiltered,
            "previous": _href(request, page=result.page - 1) if result.page > 2 else _href(request),
            "next": _href(request, page=result.page + 1),
            "first": _href(request),
            "everywhere": _href(request, network=1),
            "available": _href(request, available=None if data["available"] else 1),
        },
    }
    return (
        render_to_string(f"{SEARCH_TEMPLATE}#result_count", context),
        render_to_string(f"{SEARCH_TEMPLATE}#results", context),
    )


FACET_HEADINGS = {"format": _("Format"), "language": _("Language"), "subject": _("Subject"), "library": _("Library")}


def _href(request, **changes) -> str:
    """This address with `changes` (None removes a parameter), back on the first page unless `page` is given."""
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode()


def _facet_groups(request, result, libraries, data) -> list[dict]:
    """Facet values as links: a link adds the filter, or removes it when it is already chosen."""
    by_slug = {lib.slug: lib for lib in libraries}
    formats = dict(Format.choices)
    label = {
        "format": lambda value: formats.get(value, value),
        "language": lambda value: LANGUAGES.get(value, value),
        "subject": lambda value: value,
        "library": lambda value: by_slug[value].name if value in by_slug else value,
    }
    groups = []
    for name, heading in FACET_HEADINGS.items():
        values = result.facets.get(name) or []
        if name == "library" and len(libraries) < 2:
            continue
        items = []
        for value, count in values:
            if name == "library":
                selected, href = False, reverse("catalogue:search", args=[value]) + _href(request, network=None)
            else:
                selected = data.get(name) == value
                href = _href(request, **{name: None if selected else value})
            # Another library's catalogue is another page (its name, its banner): an ordinary link.
            items.append(
                {
                    "label": label[name](value),
                    "count": count,
                    "selected": selected,
                    "href": href,
                    "htmx": name != "library",
                }
            )
        if items:
            groups.append({"heading": heading, "items": items})
    return groups


def json_ld(record: Record, request) -> str:
    """schema.org Book of a record, escaped for a <script> element like Django's json_script."""
    data = {
        "@context": "https://schema.org",
        "@type": "Book",
        "@id": request.build_absolute_uri(record.get_absolute_url()),
        "url": request.build_absolute_uri(record.get_absolute_url()),
        "name": record.title,
        "author": [{"@type": "Person", "name": author} for author in record.authors],
        "isbn": record.isbns,
        "inLanguage": {"chi": "zh", "eng": "en"}.get(record.language, record.language) or None,
        "publisher": {"@type": "Organization", "name": record.publisher} if record.publisher else None,
        "datePublished": str(record.year) if record.year else None,
        "bookEdition": record.edition or None,
        "about": record.subjects or None,
        "description": record.summary or None,
        "bookFormat": {
            Format.PRINT_BOOK: "https://schema.org/Paperback",
            Format.EBOOK: "https://schema.org/EBook",
            Format.AUDIOBOOK: "https://schema.org/AudiobookFormat",
        }.get(record.format),
    }
    text = json.dumps({key: value for key, value in data.items() if value not in (None, [])}, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_ESCAPES))


def record_page(request, slug, pk):
    library = get_library(slug)
    request.library = library
    record = get_object_or_404(Record.objects.with_details(), pk=pk, library=library)
    eresources = [access for access in record.eresources.all() if access.is_current()]
    return render(
        request,
        "catalogue/record.html",
        {
            "library": library,
            "record": record,
            "copies": record.copies.all(),
            "orderable": record.copies.filter(status=Copy.Status.AVAILABLE).exists(),
            "eresources": eresources,
            "language_name": LANGUAGES.get(record.language, record.language),
            "json_ld": json_ld(record, request),
        },
    )
