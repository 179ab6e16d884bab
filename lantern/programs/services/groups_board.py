"""A reading group's discussion board: members post (sanitised once, when saved), and the library's staff and
the group's hosts moderate (approve a waiting post, hide any post with a reason the author is sent).

Transitions (`TRANSITIONS`): pending → visible | hidden; visible → hidden. Each one is a conditional UPDATE,
so two moderators acting at once cannot both take it.
"""

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.permissions import can_staff
from lantern.core.services import notify, record_audit

from ..models import Post, ReadingGroup, Status
from ..sanitise import check_post, visible_text
from .groups import can_moderate, is_host, is_member

__all__ = ["TRANSITIONS", "Refused", "approve_post", "can_post", "hide_post", "post_to_board"]

PostStatus = Post.Status
TRANSITIONS = {
    PostStatus.PENDING: {PostStatus.VISIBLE, PostStatus.HIDDEN},
    PostStatus.VISIBLE: {PostStatus.HIDDEN},
}
REASON_MAX = 300
EXCERPT_CHARS = 60


def can_post(user, group: ReadingGroup) -> bool:
    """Members post; so do the group's hosts and the library's staff."""
    return bool(user and user.is_authenticated) and (
        is_member(user, group) or is_host(user, group) or can_staff(user, group.library)
    )


def excerpt(post: Post) -> str:
    text = visible_text(post.body)
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def post_to_board(group: ReadingGroup, author, body: str) -> Post:
    """Save a post, cleaned once. With pre-moderation on, a member's post waits for approval; hosts' and
    staff's posts appear at once. ValidationError on "body" when it is empty or too long."""
    if group.status != Status.PUBLISHED:
        raise Refused(_("This group is not open to readers."), "not_published", 404)
    if not can_post(author, group):
        raise Refused(_("Join the group to post on its board."), "not_member", 403)
    cleaned = check_post(body)
    waits = group.premoderated and not can_moderate(author, group)
    return Post.objects.create(
        group=group, author=author, body=cleaned, status=PostStatus.PENDING if waits else PostStatus.VISIBLE
    )


def _move(post: Post, to: str, *, by, note: str = "") -> None:
    if to not in TRANSITIONS.get(post.status, ()):
        raise Refused(
            _("This post is “%(status)s”; that cannot be done now.") % {"status": post.get_status_display()},
            "wrong_status",
            409,
        )
    now = timezone.now()
    changed = Post.objects.filter(pk=post.pk, status=post.status).update(
        status=to, moderated_by=by, moderated_at=now, moderation_note=note
    )
    if not changed:
        raise Refused(_("This post has just been moderated by someone else; reload the page."), "changed", 409)
    post.status, post.moderated_by, post.moderated_at, post.moderation_note = to, by, now, note


def _check_moderator(post: Post, by) -> None:
    if not can_moderate(by, post.group):
        raise Refused(_("Only the group's hosts and the library's staff moderate this board."), "not_moderator", 403)


def _tell_author(post: Post, subject: str, body: str) -> None:
    author, group = post.author, post.group
    with translation.override(author.language or None):
        notify(
            author,
            subject % {"group": group.name},
            body % {"group": group.name, "excerpt": excerpt(post), "reason": post.moderation_note},
            link=group.get_absolute_url(),
            library=group.library,
        )


def approve_post(post: Post, *, by) -> Post:
    """Show a waiting post on the board, and tell its author."""
    _check_moderator(post, by)
    with transaction.atomic():
        _move(post, PostStatus.VISIBLE, by=by)
        record_audit(by, "groups.post_approved", post, library=post.group.library, summary=excerpt(post))
        author_language = post.author.language or None
        with translation.override(author_language):
            _tell_author(
                post,
                _("Your post is on the board of %(group)s"),
                _("A host approved your post “%(excerpt)s”; members of %(group)s can read it now."),
            )
    return post


def hide_post(post: Post, reason: str, *, by) -> Post:
    """Take a waiting or visible post off the board, with a reason its author is sent."""
    _check_moderator(post, by)
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refused(_("Give the author a reason for hiding the post."), "no_reason")
    if len(reason) > REASON_MAX:
        raise Refused(_("Keep the reason under %(n)d characters.") % {"n": REASON_MAX}, "reason_too_long")
    with transaction.atomic():
        _move(post, PostStatus.HIDDEN, by=by, note=reason)
        record_audit(by, "groups.post_hidden", post, library=post.group.library, summary=reason)
        with translation.override(post.author.language or None):
            _tell_author(
                post,
                _("Your post on %(group)s was hidden"),
                _("A moderator hid your post “%(excerpt)s” from the board of %(group)s. Reason: %(reason)s"),
            )
    return post
