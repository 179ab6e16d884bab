"""API of online exhibitions (GET /api/v1/libraries/{slug}/exhibitions, /api/v1/exhibitions/{id}): published
exhibitions only, as readers see them, with texts in the active language (Accept-Language) and absolute
URLs for every image, document and captions file."""

import datetime

from django.db.models import Count, Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.errors import HttpError

from lantern.core.permissions import get_library

from .models import Exhibition, Item, Status

router = Router(tags=["exhibitions"])
MAX_LIMIT = 100


class PartnerOut(Schema):
    name: str
    kind: str


class ExhibitionOut(Schema):
    id: int
    library: str
    title: str
    summary: str
    audience: str
    partners: list[PartnerOut]
    published_at: datetime.datetime | None
    item_count: int
    url: str


class ItemOut(Schema):
    id: int
    kind: str
    caption: str
    alt_text: str
    credit: str
    rights: str
    image: str | None
    thumbnail: str | None
    width: int | None
    height: int | None
    document: str | None
    video_url: str | None
    captions: str | None
    url: str


class SectionOut(Schema):
    id: int
    title: str
    text: str
    items: list[ItemOut]


class ExhibitionDetailOut(ExhibitionOut):
    sections: list[SectionOut]


def _exhibition(request, exhibition: Exhibition, item_count: int) -> dict:
    return {
        "id": exhibition.pk,
        "library": exhibition.library.slug,
        "title": exhibition.title,
        "summary": exhibition.summary or "",
        "audience": exhibition.audience,
        "partners": [{"name": partner.name, "kind": partner.kind} for partner in exhibition.partners.all()],
        "published_at": exhibition.published_at,
        "item_count": item_count,
        "url": request.build_absolute_uri(exhibition.get_absolute_url()),
    }


def _item(request, exhibition: Exhibition, item: Item) -> dict:
    args = [exhibition.library.slug, exhibition.pk, item.pk]

    def file_url(name):
        if not getattr(item, name):
            return None
        return request.build_absolute_uri(reverse("programs:exhibition_file", args=[*args, name]))

    return {
        "id": item.pk,
        "kind": item.kind,
        "caption": item.caption or "",
        "alt_text": item.alt_text or "",
        "credit": item.credit or "",
        "rights": item.rights,
        "image": file_url("image"),
        "thumbnail": file_url("thumbnail"),
        "width": item.width,
        "height": item.height,
        "document": file_url("document"),
        "video_url": item.video_url or None,
        "captions": file_url("captions"),
        "url": request.build_absolute_uri(reverse("programs:exhibition_item", args=args)),
    }


@router.get(
    "/libraries/{slug}/exhibitions",
    response=list[ExhibitionOut],
    url_name="library_exhibitions",
    summary="A library's published exhibitions",
)
def library_exhibitions(request, slug: str, limit: int = 50):
    """Newest first, at most 100 per call."""
    library = get_library(slug)
    if limit < 1:
        raise HttpError(422, _("The limit must be at least 1."))
    exhibitions = (
        Exhibition.objects.filter(library=library, status=Status.PUBLISHED)
        .select_related("library")
        .prefetch_related("partners")
        .annotate(n=Count("sections__items"))
        .order_by("-published_at", "-pk")[: min(limit, MAX_LIMIT)]
    )
    return [_exhibition(request, exhibition, exhibition.n) for exhibition in exhibitions]


@router.get(
    "/exhibitions/{exhibition_id}",
    response=ExhibitionDetailOut,
    url_name="exhibition",
    summary="One published exhibition with its sections and items",
)
def exhibition_detail(request, exhibition_id: int):
    found = (
        Exhibition.objects.filter(pk=exhibition_id, status=Status.PUBLISHED)
        .select_related("library")
        .prefetch_related("partners")
        .first()
    )
    if found is None:
        raise Http404
    items = Prefetch("items", queryset=Item.objects.order_by("position", "pk"))
    sections = []
    count = 0
    for section in found.sections.order_by("position", "pk").prefetch_related(items):
        section_items = [_item(request, found, item) for item in section.items.all()]
        count += len(section_items)
        sections.append({"id": section.pk, "title": section.title, "text": section.text or "", "items": section_items})
    return {**_exhibition(request, found, count), "sections": sections}
