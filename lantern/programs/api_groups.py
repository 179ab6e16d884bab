"""API of online reading groups, as a mini-program uses it: a library's published groups, one group with its
upcoming sessions, the board's visible posts, joining, and posting (members; the same cleaning and
pre-moderation as the site). Session links go only to members and moderators."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, refused
from lantern.core.errors import Refused
from lantern.core.permissions import get_library

from .models import Post, ReadingGroup
from .models import Status as GroupStatus
from .services import groups as services
from .services import groups_board as board

router = Router(tags=["programs"])
POSTS_SHOWN = 200


def _anyone(request):
    """The last of `maybe_signed_in`: lets the request through unsigned (a member sees more when signed in)."""
    return "anonymous"


maybe_signed_in = [*signed_in, _anyone]


def _user(request):
    return request.auth if request.auth != "anonymous" else None


class HostOut(Schema):
    name: str
    is_guest: bool
    introduction: str


class SessionOut(Schema):
    id: int
    topic: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    online_link: str | None


class GroupOut(Schema):
    id: int
    library: str
    name: str
    description: str
    record_id: int | None
    record_title: str | None
    reading_list_id: int | None
    audience: str
    premoderated: bool
    members: int
    hosts: list[HostOut]
    page: str


class GroupDetailOut(GroupOut):
    is_member: bool
    sessions: list[SessionOut]


class PostOut(Schema):
    id: int
    author: str
    body: str
    status: str
    created_at: datetime.datetime


class PostIn(Schema):
    body: str


class MembershipOut(Schema):
    group: int
    joined_at: datetime.datetime


def _published(slug: str, pk: int) -> ReadingGroup:
    library = get_library(slug)
    group = (
        ReadingGroup.objects.select_related("library", "record")
        .filter(pk=pk, library=library, status=GroupStatus.PUBLISHED)
        .first()
    )
    if group is None:
        raise Http404
    return group


def _group(request, group: ReadingGroup) -> dict:
    return {
        "id": group.pk,
        "library": group.library.slug,
        "name": group.name,
        "description": group.description or "",
        "record_id": group.record_id,
        "record_title": group.record.title if group.record_id else None,
        "reading_list_id": group.reading_list_id,
        "audience": group.audience,
        "premoderated": group.premoderated,
        "members": group.memberships.count(),
        "hosts": [
            {"name": str(host.user), "is_guest": host.is_guest, "introduction": host.introduction}
            for host in group.hosts.select_related("user").order_by("-is_guest", "pk")
        ],
        "page": request.build_absolute_uri(group.get_absolute_url()),
    }


def _post(post: Post) -> dict:
    return {
        "id": post.pk,
        "author": str(post.author),
        "body": post.body,
        "status": post.status,
        "created_at": post.created_at,
    }


@router.get("/libraries/{slug}/groups", response=list[GroupOut], summary="A library's online reading groups")
def group_list(request, slug: str):
    library = get_library(slug)
    groups = ReadingGroup.objects.filter(library=library, status=GroupStatus.PUBLISHED).select_related(
        "library", "record"
    )
    return [_group(request, group) for group in groups]


@router.get(
    "/libraries/{slug}/groups/{pk}",
    auth=maybe_signed_in,
    response={200: GroupDetailOut, 404: Problem},
    summary="One reading group with its upcoming sessions (links only for members)",
)
def group_detail(request, slug: str, pk: int):
    group = _published(slug, pk)
    user = _user(request)
    member = services.is_member(user, group)
    show_links = member or services.can_moderate(user, group)
    sessions = [
        {
            "id": session.pk,
            "topic": session.topic,
            "starts_at": session.starts_at,
            "ends_at": session.ends_at,
            "online_link": (session.online_link or None) if show_links else None,
        }
        for session in group.sessions.filter(ends_at__gt=timezone.now())
    ]
    return {**_group(request, group), "is_member": member, "sessions": sessions}


@router.get(
    "/libraries/{slug}/groups/{pk}/posts",
    response={200: list[PostOut], 404: Problem},
    summary="The board's visible posts, the newest first (bodies are sanitised HTML)",
)
def group_posts(request, slug: str, pk: int):
    group = _published(slug, pk)
    posts = group.posts.filter(status=Post.Status.VISIBLE).select_related("author").order_by("-created_at", "-pk")
    return [_post(post) for post in posts[:POSTS_SHOWN]]


@router.post(
    "/libraries/{slug}/groups/{pk}/posts",
    auth=signed_in,
    response={201: PostOut, 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="Post on the board (members)",
    description="The body (plain text or a little HTML) is cleaned as on the site. With pre-moderation on, the "
    "post answers with status `pending` until a host approves it. 422 when it is empty or too long.",
)
def group_post(request, slug: str, pk: int, payload: PostIn):
    group = _published(slug, pk)
    try:
        post = board.post_to_board(group, request.auth, payload.body)
    except Refused as exc:
        return refused(exc)
    except ValidationError as exc:
        messages = exc.message_dict.get("body", exc.messages) if hasattr(exc, "error_dict") else exc.messages
        return Status(422, {"detail": " ".join(messages), "reason": "invalid"})
    return Status(201, _post(post))


@router.post(
    "/libraries/{slug}/groups/{pk}/members",
    auth=signed_in,
    response={201: MembershipOut, 401: Problem, 404: Problem, 409: Problem},
    summary="Join a reading group",
)
def group_join(request, slug: str, pk: int):
    group = _published(slug, pk)
    try:
        membership = services.join(group, request.auth)
    except Refused as exc:
        return refused(exc)
    return Status(201, {"group": group.pk, "joined_at": membership.joined_at})
