"""Pages of catalogue records: the search page (facets, paging, network toggle) and the record page."""

import json

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lantern.catalogue import search
from lantern.catalogue.models import PHYSICAL_FORMATS, Copy, Format, Record
from lantern.catalogue.search.forms import MAX_PAGE, SearchForm
from lantern.core.models import Library
from lantern.core.permissions import get_library

PER_PAGE = 20
LANGUAGES = {"chi": _("Chinese"), "eng": _("English")}
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def search_libraries(library: Library, network: bool) -> list[Library]:
    """This library alone, or every library of its network when the reader asks for all of them."""
    if network and library.network_id:
        return list(Library.objects.in_network(library.network).order_by("slug"))
    return [library]


def search_page(request, slug):
    library = get_library(slug)
    request.library = library
    form = SearchForm(request.GET or None)
    result, status, libraries = None, 200, [library]
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data["q"]:
        data = form.cleaned_data
        libraries = search_libraries(library, data["network"])
        filters = search.Filters(
            libraries=[lib.pk for lib in libraries],
            format=data["format"],
            language=data["language"] or "",
            subject=data["subject"],
            available=data["available"],
        )
        result = search.search(data["q"], filters=filters, page=data["page"] or 1, per_page=PER_PAGE)
    elif form.is_bound and (form.cleaned_data["format"] or form.cleaned_data["language"]):
        # A link such as "every e-book" from the home page: list by filter, newest first.
        filters = search.Filters(
            libraries=[library.pk], format=form.cleaned_data["format"], language=form.cleaned_data["language"] or ""
        )
        result = search.browse(filters=filters, page=form.cleaned_data["page"] or 1, per_page=PER_PAGE)
    context = {
        "library": library,
        "form": form,
        "result": result,
        "facets": _facet_groups(request, result, libraries, form.cleaned_data) if result and result.count else [],
        "facet_limit": search.FACET_LIMIT,
        "first_number": (result.page - 1) * PER_PAGE + 1 if result else 1,
        "max_page": MAX_PAGE,
        "in_network": len(libraries) > 1,
        "per_page": PER_PAGE,
        "lendable_formats": PHYSICAL_FORMATS,
    }
    return render(request, "catalogue/search.html", context, status=status)


FACET_HEADINGS = {"format": _("Format"), "language": _("Language"), "subject": _("Subject"), "library": _("Library")}


def _href(request, **changes) -> str:
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
            items.append({"label": label[name](value), "count": count, "selected": selected, "href": href})
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
