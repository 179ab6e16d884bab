"""API of the information hub: a library's current notices (published, not expired; pinned first), by topic,
and one notice. Anyone may read them. Notices are given in the request's language, with both languages'
titles beside; `body` is sanitised HTML and `text` the same without markup.

A notice that was withdrawn, or is still a draft or waiting for approval, answers 404; an expired one is
still given by its own address (links to it were shared), with `expired: true`."""

import datetime

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_responses import Problem
from lantern.core.permissions import get_library

from .models import Bulletin, Publishable, Topic
from .services.hub import body_text

router = Router(tags=["information notices"])
LIST_LIMIT = 200


class TopicOut(Schema):
    slug: str
    name: str


class NoticeOut(Schema):
    id: int
    library: str
    title: str
    title_zh: str
    title_en: str
    body: str
    text: str
    authority: str
    source_url: str
    region: str
    issued_on: datetime.date
    verification: str
    verification_label: str
    expires_at: datetime.datetime | None
    expired: bool
    pinned: bool
    published_at: datetime.datetime | None
    topics: list[TopicOut]
    page: str


def _notice(request, bulletin: Bulletin) -> dict:
    return {
        "id": bulletin.pk,
        "library": bulletin.library.slug,
        "title": bulletin.title,
        "title_zh": bulletin.title_zh_hans or "",
        "title_en": bulletin.title_en or "",
        "body": bulletin.body or "",
        "text": body_text(bulletin),
        "authority": bulletin.authority,
        "source_url": bulletin.source_url,
        "region": bulletin.region,
        "issued_on": bulletin.issued_on,
        "verification": bulletin.verification,
        "verification_label": bulletin.get_verification_display(),
        "expires_at": bulletin.expires_at,
        "expired": bulletin.expires_at is not None and bulletin.expires_at <= timezone.now(),
        "pinned": bulletin.pinned,
        "published_at": bulletin.published_at,
        "topics": [{"slug": t.slug, "name": t.name} for t in bulletin.topics.all()],
        "page": request.build_absolute_uri(bulletin.get_absolute_url()),
    }


@router.get(
    "/libraries/{slug}/notices",
    response={200: list[NoticeOut], 404: Problem, 422: Problem},
    summary="A library's current information notices, pinned first, then the latest issued",
    description="`topic`: a topic's slug (see each notice's `topics`). Expired and withdrawn notices are not listed. "
    "The RSS feed of the same notices is at /<library>/information/feed.rss.",
)
def list_notices(request, slug: str, topic: str = ""):
    library = get_library(slug)
    notices = Bulletin.objects.current().filter(library=library)
    if topic:
        chosen = Topic.objects.filter(library=library, slug=topic).first()
        if chosen is None:
            return Answer(
                422, {"detail": _("This library has no topic “%(topic)s”.") % {"topic": topic}, "reason": "bad_topic"}
            )
        notices = notices.filter(topics=chosen)
    notices = notices.select_related("library").prefetch_related("topics").order_by("-pinned", "-issued_on", "-pk")
    return [_notice(request, bulletin) for bulletin in notices[:LIST_LIMIT]]


@router.get("/libraries/{slug}/notices/{pk}", response={200: NoticeOut, 404: Problem}, summary="One information notice")
def one_notice(request, slug: str, pk: int):
    library = get_library(slug)
    found = (
        Bulletin.objects.filter(library=library, pk=pk, status=Publishable.PUBLISHED)
        .select_related("library")
        .prefetch_related("topics")
        .first()
    )
    if found is None:
        raise Http404
    return _notice(request, found)
