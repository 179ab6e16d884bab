"""Public pages of `insights`: a library's recent service records."""

from django.core.paginator import Paginator
from django.shortcuts import render

from lantern.core.permissions import get_library

from ..models import ServiceRecord
from ..taxonomy import Category


def library_records(request, slug):
    library = get_library(slug)
    request.library = library
    records = ServiceRecord.objects.for_library(library).recent()
    category = request.GET.get("category", "")
    if category in Category.values:
        records = records.filter(**{category: True})
    else:
        category = ""
    page = Paginator(records, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "insights/library_records.html",
        {
            "library": library,
            "page": page,
            "categories": Category.choices,
            "category": category,
        },
    )
