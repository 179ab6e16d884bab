"""API of `insights`: a library's service records."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from lantern.core.models import Library

from .models import ServiceRecord
from .taxonomy import Category

router = Router(tags=["service records"])


class ServiceRecordOut(Schema):
    date: datetime.date
    title: str
    link: str
    source: str
    categories: list[str]
    features: list[str]


@router.get(
    "/libraries/{slug}/service-records",
    response=list[ServiceRecordOut],
    url_name="library_records",
    summary="A library's service records",
)
def library_records(request, slug: str, category: str | None = None, limit: int = 100):
    """Newest first; `category` filters by one taxonomy code; at most 500 per call."""
    library = get_object_or_404(Library, slug=slug)
    records = ServiceRecord.objects.for_library(library).recent()
    if category is not None:
        if category not in Category.values:
            raise HttpError(422, _("Unknown category “%(code)s”.") % {"code": category})
        records = records.filter(**{category: True})
    return list(records[: max(1, min(limit, 500))])
