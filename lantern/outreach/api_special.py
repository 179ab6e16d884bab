"""API of services for special groups: a library's services shown to readers, with their video lessons and
the addresses of their captions tracks (anyone may read them, as on the directory page)."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_responses import Problem
from lantern.core.audience import Audience
from lantern.core.permissions import get_library

from .models import AccessibleService

router = Router(tags=["services for special groups"])


class LessonOut(Schema):
    id: int
    title: str
    title_zh: str
    title_en: str
    video_url: str
    captions: str
    duration_minutes: int | None


class ServiceOut(Schema):
    id: int
    library: str
    kind: str
    kind_label: str
    title: str
    title_zh: str
    title_en: str
    description: str
    who: str
    how: str
    audience: str
    audience_label: str
    phone: str
    link: str
    page: str
    lessons: list[LessonOut]


def _service(request, service: AccessibleService) -> dict:
    slug = service.library.slug
    return {
        "id": service.pk,
        "library": slug,
        "kind": service.kind,
        "kind_label": service.get_kind_display(),
        "title": service.title,
        "title_zh": service.title_zh_hans or "",
        "title_en": service.title_en or "",
        "description": service.description or "",
        "who": service.who or "",
        "how": service.how or "",
        "audience": service.audience,
        "audience_label": service.get_audience_display(),
        "phone": service.phone,
        "link": service.link,
        "page": request.build_absolute_uri(service.get_absolute_url()),
        "lessons": [
            {
                "id": lesson.pk,
                "title": lesson.title,
                "title_zh": lesson.title_zh_hans or "",
                "title_en": lesson.title_en or "",
                "video_url": lesson.video_url,
                "captions": request.build_absolute_uri(
                    reverse("outreach:lesson_captions", args=[slug, service.pk, lesson.pk])
                ),
                "duration_minutes": lesson.duration_minutes,
            }
            for lesson in service.lessons.all()
        ],
    }


def _shown(slug: str):
    return (
        AccessibleService.objects.filter(library=get_library(slug), published=True)
        .select_related("library")
        .prefetch_related("lessons")
        .order_by("position", "pk")
    )


@router.get(
    "/libraries/{slug}/access",
    response={200: list[ServiceOut], 404: Problem, 422: Problem},
    summary="A library's services for special groups, shown to readers, with their lessons and captions",
    description="`audience` (optional) keeps the services for one group, e.g. `deaf` or `elderly`.",
)
def list_services(request, slug: str, audience: str = ""):
    services = _shown(slug)
    if audience:
        if audience not in Audience.values:
            detail = _("Choose an audience from: %(values)s.") % {"values": ", ".join(Audience.values)}
            return Answer(422, {"detail": detail, "reason": "bad_audience"})
        services = services.filter(audience=audience)
    return [_service(request, service) for service in services]


@router.get(
    "/libraries/{slug}/access/{pk}",
    response={200: ServiceOut, 404: Problem},
    summary="One service for a special group, with its lessons",
)
def one_service(request, slug: str, pk: int):
    service = _shown(slug).filter(pk=pk).first()
    if service is None:
        raise Http404
    return _service(request, service)
