"""API of catalogue records: search and detail (GET /api/v1/records, /api/v1/records/{id}).

The search answers the same records in the same order as the search page of the same library. Like the
page, it counts matches up to a limit: `count_exact` is false when more match than `count`.
"""

from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from lantern.catalogue import search
from lantern.catalogue.models import Record
from lantern.catalogue.search.forms import MAX_PAGE
from lantern.core.models import Library

router = Router(tags=["records"])


class RecordOut(Schema):
    id: int
    title: str
    authors: list[str]
    isbns: list[str]
    format: str
    url: str
    library: str
    year: int | None
    language: str


class RecordDetailOut(RecordOut):
    subtitle: str
    edition: str
    publisher: str
    subjects: list[str]
    classification: str
    summary: str
    copies: list[dict]
    eresources: list[dict]


class RecordPage(Schema):
    count: int
    # False when more records match than were counted (search.COUNT_LIMIT): `count` is then a lower bound.
    count_exact: bool
    page: int
    per_page: int
    items: list[RecordOut]


class SearchParams(Schema):
    q: str = Query(..., min_length=1, max_length=200, description="What to look for: words, ISBN, pinyin.")
    library: str | None = Query(None, max_length=50, description="Only this library's records (its slug).")
    page: int = Query(1, ge=1, le=MAX_PAGE)
    per_page: int = Query(20, ge=1, le=100)


def _record(record: Record, request) -> dict:
    return {
        "id": record.pk,
        "title": record.title,
        "authors": [author for author in record.authors if isinstance(author, str)],
        "isbns": record.isbns,
        "format": record.format,
        "url": request.build_absolute_uri(record.get_absolute_url()),
        "library": record.library.slug,
        "year": record.year,
        "language": record.language,
    }


@router.get("/records", response=RecordPage, url_name="records")
def search_records(request, params: Query[SearchParams]):
    """Records matching `q`, best first (exact title first); all libraries unless `library` is given."""
    if not params.q.strip():
        raise ValidationError(_("Type something to search for."))
    filters = search.Filters()
    if params.library is not None:
        library = Library.objects.filter(slug=params.library).first()
        if library is None:
            raise ValidationError(_("There is no library “%(slug)s”.") % {"slug": params.library})
        filters.libraries = [library.pk]
    result = search.search(params.q, filters=filters, page=params.page, per_page=params.per_page, facets=False)
    prefetch_related_objects(result.records, "isbn_set")
    return {
        "count": result.count,
        "count_exact": result.count_exact,
        "page": params.page,
        "per_page": params.per_page,
        "items": [_record(record, request) for record in result.records],
    }


@router.get("/records/{int:record_id}", response=RecordDetailOut, url_name="record")
def record_detail(request, record_id: int):
    record = get_object_or_404(Record.objects.with_details(), pk=record_id)
    return {
        **_record(record, request),
        "subtitle": record.subtitle,
        "edition": record.edition,
        "publisher": record.publisher,
        "subjects": [subject for subject in record.subjects if isinstance(subject, str)],
        "classification": record.classification,
        "summary": record.summary,
        "copies": [
            {"location": copy.location, "shelf_mark": copy.shelf_mark, "status": copy.status}
            for copy in record.copies.all()
        ],
        "eresources": [
            {
                "platform": access.platform,
                "url": access.url,
                "access_note": access.access_note,
                "ends_on": access.ends_on.isoformat() if access.ends_on else None,
            }
            for access in record.eresources.all()
            if access.is_current()
        ],
    }
