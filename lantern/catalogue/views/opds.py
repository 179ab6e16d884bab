"""The OPDS 1.2 catalogue under /opds/, so e-reader apps can browse the libraries' e-resources and lists.

/opds/                      navigation: one entry per library
/opds/<slug>/               navigation: the library's e-resources and its published reading lists
/opds/<slug>/eresources/    acquisition: records with current online access (paged)
/opds/<slug>/lists/<pk>/    acquisition: one published reading list

Every feed is one Atom template; this module only builds the feed and entry dictionaries.
"""

from django.core.paginator import Paginator
from django.db.models import Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lantern.core.models import Library
from lantern.core.permissions import get_library

from ..models import EResource, ReadingList, Record

PROFILE = "application/atom+xml;profile=opds-catalog"
NAVIGATION = f"{PROFILE};kind=navigation"
ACQUISITION = f"{PROFILE};kind=acquisition"
REL_ACQUIRE = "http://opds-spec.org/acquisition"
REL_OPEN_ACCESS = "http://opds-spec.org/acquisition/open-access"
REL_BORROW = "http://opds-spec.org/acquisition/borrow"
HTML = "text/html"
PAGE_SIZE = 50
# Access notes that mean anyone may read without a card; the rest need the library's own access.
FREE_WORDS = ("free", "open access", "免费", "开放", "公开")


def _link(rel: str, href: str, kind: str, title: str = "") -> dict:
    return {"rel": rel, "href": href, "type": kind, "title": title}


def _feed(request, *, kind: str, feed_id: str, title: str, updated, links, entries, subtitle: str = ""):
    absolute = request.build_absolute_uri
    feed = {
        "id": absolute(feed_id),
        "title": title,
        "subtitle": subtitle,
        "updated": updated or timezone.now(),
        "lang": "zh-Hans" if get_language() == "zh-hans" else get_language(),
        "links": [
            _link("self", absolute(request.get_full_path()), kind),
            _link("start", absolute(reverse("opds:root")), NAVIGATION),
            *links,
        ],
        "entries": entries,
    }
    response = render(request, "catalogue/opds_feed.xml", {"feed": feed}, content_type=f"{kind};charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response


def root(request):
    absolute = request.build_absolute_uri
    entries = []
    for library in Library.objects.serving().order_by("slug"):
        href = absolute(reverse("opds:library", args=[library.slug]))
        entries.append(
            {
                "id": href,
                "title": library.name,
                "updated": timezone.now(),
                "content": " · ".join(filter(None, [library.province, library.city])),
                "links": [_link("subsection", href, NAVIGATION)],
            }
        )
    return _feed(
        request,
        kind=NAVIGATION,
        feed_id=reverse("opds:root"),
        title=_("Lantern libraries: e-resources and reading lists"),
        updated=timezone.now(),
        links=[],
        entries=entries,
    )


def library_feed(request, slug):
    library = get_library(slug)
    absolute = request.build_absolute_uri
    lists = ReadingList.objects.at(library).published().order_by("-published_at")
    eresources_href = absolute(reverse("opds:eresources", args=[slug]))
    entries = [
        {
            "id": eresources_href,
            "title": _("E-resources"),
            "updated": timezone.now(),
            "content": _("E-books, audiobooks, databases and periodicals you can read online now."),
            "links": [_link("subsection", eresources_href, ACQUISITION)],
        }
    ]
    for reading_list in lists:
        href = absolute(reverse("opds:list", args=[slug, reading_list.pk]))
        entries.append(
            {
                "id": href,
                "title": reading_list.title,
                "updated": reading_list.updated_at,
                "content": reading_list.theme or reading_list.get_audience_display(),
                "links": [
                    _link("subsection", href, ACQUISITION),
                    _link("alternate", absolute(reading_list.get_absolute_url()), HTML),
                ],
            }
        )
    return _feed(
        request,
        kind=NAVIGATION,
        feed_id=reverse("opds:library", args=[slug]),
        title=library.name,
        subtitle=_("E-resources and reading lists"),
        updated=lists.aggregate(m=Max("updated_at"))["m"],
        links=[
            _link("up", absolute(reverse("opds:root")), NAVIGATION),
            _link("alternate", absolute(library.get_absolute_url()), HTML),
        ],
        entries=entries,
    )


def is_free(eresource: EResource) -> bool:
    notes = " ".join(filter(None, [eresource.access_note_zh_hans, eresource.access_note_en])).lower()
    return any(word in notes for word in FREE_WORDS)


def _current(queryset, today):
    return queryset.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=today)).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def _record_entry(request, record: Record, eresources, *, note: str = "") -> dict:
    """An acquisition entry: online access links where there is access, else borrowing via the record page."""
    record_url = request.build_absolute_uri(record.get_absolute_url())
    links = [
        _link(REL_OPEN_ACCESS if is_free(e) else REL_ACQUIRE, e.url, HTML, f"{e.platform} {e.access_note}".strip())
        for e in eresources
    ]
    if not links:
        links.append(_link(REL_BORROW, record_url, HTML, _("Borrow from the library")))
    links.append(_link("alternate", record_url, HTML))
    return {
        "id": record_url,
        "title": record.title,
        "updated": record.updated_at,
        "authors": record.authors,
        "language": record.language,
        "issued": record.year,
        "publisher": record.publisher,
        "identifiers": [f"urn:isbn:{isbn}" for isbn in record.isbns],
        "summary": note or record.summary,
        "categories": record.subjects,
        "links": links,
    }


def _paging_links(request, page, path: str) -> list[dict]:
    absolute = request.build_absolute_uri
    links = []
    if page.has_previous():
        links.append(_link("previous", absolute(f"{path}?page={page.previous_page_number()}"), ACQUISITION))
    if page.has_next():
        links.append(_link("next", absolute(f"{path}?page={page.next_page_number()}"), ACQUISITION))
    return links


def eresources_feed(request, slug):
    library = get_library(slug)
    today = timezone.localdate()
    current = _current(EResource.objects.filter(library=library), today)
    records = (
        Record.objects.at(library)
        .filter(pk__in=current.values("record"))
        .prefetch_related("isbn_set", Prefetch("eresources", queryset=current, to_attr="current_eresources"))
        .order_by("title", "pk")
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    path = reverse("opds:eresources", args=[slug])
    return _feed(
        request,
        kind=ACQUISITION,
        feed_id=path,
        title=_("E-resources · %(library)s") % {"library": library.name},
        updated=records.aggregate(m=Max("updated_at"))["m"],
        links=[
            _link("up", request.build_absolute_uri(reverse("opds:library", args=[slug])), NAVIGATION),
            *_paging_links(request, page, path),
        ],
        entries=[_record_entry(request, record, record.current_eresources) for record in page],
    )


def list_feed(request, slug, pk):
    library = get_library(slug)
    reading_list = ReadingList.objects.at(library).published().filter(pk=pk).first()
    if reading_list is None:
        raise Http404
    today = timezone.localdate()
    entries = []
    for entry in (
        reading_list.entries.select_related("record").prefetch_related("record__isbn_set").order_by("position", "pk")
    ):
        if entry.record_id:
            eresources = list(_current(entry.record.eresources.all(), today))
            entries.append(_record_entry(request, entry.record, eresources, note=entry.note))
        else:
            entries.append(
                {
                    "id": f"urn:lantern:reading-list-entry:{entry.pk}",
                    "title": entry.title,
                    "updated": reading_list.updated_at,
                    "summary": entry.note,
                    "links": [_link(REL_OPEN_ACCESS, entry.url, HTML)],
                }
            )
    return _feed(
        request,
        kind=ACQUISITION,
        feed_id=reverse("opds:list", args=[slug, pk]),
        title=reading_list.title,
        subtitle=reading_list.theme,
        updated=reading_list.updated_at,
        links=[
            _link("up", request.build_absolute_uri(reverse("opds:library", args=[slug])), NAVIGATION),
            _link("alternate", request.build_absolute_uri(reading_list.get_absolute_url()), HTML),
        ],
        entries=entries,
    )
