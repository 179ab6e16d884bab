"""API of `core`: libraries with their service status, and the signed-in person."""

import datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema

from .api_auth import signed_in
from .models import Library
from .permissions import staffed_libraries

router = Router(tags=["libraries"])


class StatusOut(Schema):
    mode: str
    mode_label: str
    since: datetime.datetime
    message: str
    expected_reopening: datetime.date | None


class LibraryOut(Schema):
    slug: str
    name: str
    name_zh: str | None
    name_en: str | None
    province: str
    city: str
    level: str
    network: str | None
    url: str
    status: StatusOut


class LibraryDetailOut(LibraryOut):
    address: str
    phone: str
    email: str
    website: str
    feeds: dict[str, str]


def _status(library: Library) -> dict:
    return {
        "mode": library.service_mode,
        "mode_label": library.get_service_mode_display(),
        "since": library.mode_since,
        "message": library.mode_message or "",
        "expected_reopening": library.expected_reopening,
    }


def _library(library: Library, request) -> dict:
    return {
        "slug": library.slug,
        "name": library.name,
        "name_zh": library.name_zh_hans,
        "name_en": library.name_en,
        "province": library.province,
        "city": library.city,
        "level": library.level,
        "network": library.network.slug if library.network else None,
        "url": request.build_absolute_uri(library.get_absolute_url()),
        "status": _status(library),
    }


@router.get("/libraries", response=list[LibraryOut], summary="List libraries")
def list_libraries(request, network: str | None = None, mode: str | None = None):
    """Every library with its slug and current service status; filter by network slug or mode."""
    libraries = Library.objects.select_related("network")
    if network:
        libraries = libraries.filter(network__slug=network)
    if mode:
        libraries = libraries.filter(service_mode=mode)
    return [_library(lib, request) for lib in libraries]


@router.get("/libraries/{slug}", response=LibraryDetailOut, summary="One library")
def get_library(request, slug: str):
    library = get_object_or_404(Library.objects.select_related("network"), slug=slug)
    feeds = {"service_records": request.build_absolute_uri(reverse("api:library_records", args=[slug]))}
    return {
        **_library(library, request),
        "address": library.address,
        "phone": library.phone,
        "email": library.email,
        "website": library.website,
        "feeds": feeds,
    }


class CardOut(Schema):
    library: str
    number: str


class MeOut(Schema):
    username: str
    name: str
    email: str | None
    phone: str | None
    cards: list[CardOut]
    roles: list[dict]
    staff_of: list[str]


@router.get("/me", response=MeOut, auth=signed_in, summary="The signed-in person")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "name": user.name,
        "email": user.email,
        "phone": user.phone,
        "cards": [{"library": c.library.slug, "number": c.number} for c in user.cards.select_related("library")],
        "roles": [
            {
                "role": r.kind,
                "library": r.library.slug if r.library else None,
                "network": r.network.slug if r.network else None,
                "partner": r.partner_id,
            }
            for r in user.roles.select_related("library", "network")
        ],
        "staff_of": list(staffed_libraries(user).values_list("slug", flat=True)),
    }
