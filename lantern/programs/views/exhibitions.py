"""Pages of online exhibitions that readers see (the library's list, an exhibition, one item with
previous/next links), the files behind them (served here, never by static serving), and the fetch helpers
every exhibition view goes through. The editor's pages are in `exhibitions_editor`."""

import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.csp import CSP

from lantern.core.models import Role
from lantern.core.permissions import can_staff, get_library

from ..models import Exhibition, Item, Section, Status
from ..services import exhibitions as services

FILE_FIELDS = {"image": "image", "thumbnail": "thumbnail", "document": "document", "captions": "captions"}
CONTENT_TYPES = {"vtt": "text/vtt; charset=utf-8", "pdf": "application/pdf", "webp": "image/webp", "jpg": "image/jpeg"}


# --- fetching what a request names ---------------------------------------------------------------
def get_public_exhibition(request, slug: str, pk: int) -> Exhibition:
    """A published exhibition of the library; a draft only for those who may edit it (as a preview)."""
    library = get_library(slug)
    exhibition = Exhibition.objects.filter(library=library, pk=pk).select_related("library").first()
    if exhibition is None:
        raise Http404
    if exhibition.status != Status.PUBLISHED and not services.can_edit(request.user, exhibition):
        raise Http404
    request.library = library
    return exhibition


def get_exhibition_for_editing(request, slug: str, pk: int) -> Exhibition:
    """An exhibition the user may edit: as the library's staff, or as a contact of a co-curating partner."""
    library = get_library(slug)
    exhibition = Exhibition.objects.filter(library=library, pk=pk).select_related("library").first()
    if exhibition is None:
        raise Http404
    if not services.can_edit(request.user, exhibition):
        raise PermissionDenied
    request.library = library
    return exhibition


def get_exhibition_for_staff(request, slug: str, pk: int) -> Exhibition:
    """An exhibition of a library the user staffs (publishing, deleting, partners: not for partner contacts)."""
    exhibition = get_exhibition_for_editing(request, slug, pk)
    if not can_staff(request.user, exhibition.library):
        raise PermissionDenied
    return exhibition


def get_section(exhibition: Exhibition, section_pk: int) -> Section:
    section = exhibition.sections.filter(pk=section_pk).select_related("exhibition__library").first()
    if section is None:
        raise Http404
    return section


def get_item(exhibition: Exhibition, item_pk: int) -> Item:
    item = Item.objects.filter(section__exhibition=exhibition, pk=item_pk).select_related("section").first()
    if item is None:
        raise Http404
    return item


def sections_with_items(exhibition: Exhibition) -> list[Section]:
    items = Prefetch("items", queryset=Item.objects.order_by("position", "pk"))
    return list(exhibition.sections.order_by("position", "pk").prefetch_related(items))


def ordered_items(sections) -> list[Item]:
    return [item for section in sections for item in section.items.all()]


# --- public pages --------------------------------------------------------------------------------
def _allow_videos(response, items):
    """Let the page play the videos it links to: the site's CSP allows media from itself only, so the origins
    of this page's video files are added to media-src (the same per-response config `csp_override` sets)."""
    origins = set()
    for item in items:
        if item.kind == Item.Kind.VIDEO and item.is_video_file:
            parts = urlsplit(item.video_url)
            if parts.scheme in ("https", "http") and parts.netloc:
                origins.add(f"{parts.scheme}://{parts.netloc}")
    if origins:
        response._csp_config = {**settings.SECURE_CSP, "media-src": [CSP.SELF, *sorted(origins)]}
    return response


def exhibition_index(request, slug):
    library = get_library(slug)
    request.library = library
    exhibitions = (
        Exhibition.objects.filter(library=library, status=Status.PUBLISHED)
        .annotate(n=Count("sections__items"))
        .prefetch_related("partners")
        .order_by("-published_at", "-pk")
    )
    covers = {}
    images = Item.objects.filter(section__exhibition__in=exhibitions, kind=Item.Kind.IMAGE).exclude(thumbnail="")
    for item in images.select_related("section").order_by("section__position", "position", "pk"):
        covers.setdefault(item.section.exhibition_id, item)
    rows = [(exhibition, covers.get(exhibition.pk)) for exhibition in exhibitions]
    return render(request, "programs/exhibitions/index.html", {"library": library, "rows": rows})


def exhibition_page(request, slug, pk):
    exhibition = get_public_exhibition(request, slug, pk)
    sections = sections_with_items(exhibition)
    response = render(
        request,
        "programs/exhibitions/page.html",
        {
            "library": exhibition.library,
            "exhibition": exhibition,
            "sections": sections,
            "partners": list(exhibition.partners.all()),
            "may_edit": services.can_edit(request.user, exhibition),
        },
    )
    return _allow_videos(response, ordered_items(sections))


def item_page(request, slug, pk, item_pk):
    exhibition = get_public_exhibition(request, slug, pk)
    sections = sections_with_items(exhibition)
    items = ordered_items(sections)
    index = next((i for i, item in enumerate(items) if item.pk == item_pk), None)
    if index is None:
        raise Http404
    response = render(
        request,
        "programs/exhibitions/item.html",
        {
            "library": exhibition.library,
            "exhibition": exhibition,
            "item": items[index],
            "number": index + 1,
            "total": len(items),
            "previous": items[index - 1] if index > 0 else None,
            "next": items[index + 1] if index + 1 < len(items) else None,
        },
    )
    return _allow_videos(response, [items[index]])


def item_file(request, slug, pk, item_pk, kind):
    """An item's stored file, with its content type; drafts' files only for those who may edit them."""
    exhibition = get_public_exhibition(request, slug, pk)
    item = get_item(exhibition, item_pk)
    if kind not in FILE_FIELDS:
        raise Http404
    field_file = getattr(item, FILE_FIELDS[kind])
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404
    extension = field_file.name.rsplit(".", 1)[-1].lower()
    content_type = CONTENT_TYPES.get(extension) or mimetypes.guess_type(field_file.name)[0]
    response = FileResponse(field_file.open("rb"), content_type=content_type or "application/octet-stream")
    # File names are random and change with every upload, so a published file never changes under its URL.
    public = exhibition.status == Status.PUBLISHED
    response["Cache-Control"] = "public, max-age=86400" if public else "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if kind == "document":
        response["Content-Disposition"] = f'inline; filename="exhibit-{item.pk}.pdf"'
    return response


# --- a partner contact's page --------------------------------------------------------------------
@login_required
def partner_exhibitions(request, slug):
    """ "My exhibitions to edit": the exhibitions this person co-curates for their partner organisation."""
    library = get_library(slug)
    request.library = library
    exhibitions = (
        services.partner_contact_exhibitions(request.user).select_related("library").order_by("library", "-pk")
    )
    is_contact = request.user.roles.filter(kind=Role.Kind.PARTNER_CONTACT).exists()
    if not is_contact and not can_staff(request.user, library):
        raise PermissionDenied
    return render(request, "programs/exhibitions/partner_list.html", {"library": library, "exhibitions": exhibitions})
