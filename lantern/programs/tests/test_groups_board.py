"""The board: members post, pre-moderated posts wait for a host or staff member, moderators (the library's staff
and the group's hosts, who may work elsewhere) approve or hide with a reason the author is sent, and nobody
else moderates. Every moderation step is in the audit log."""

import pytest

from lantern.core.models import AuditEntry, Notice
from lantern.programs.models import Post
from lantern.programs.services import groups as services
from lantern.programs.services import groups_board as board

from .groups_helpers import make_group, make_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest():
    return make_guest()


@pytest.fixture
def group(library_a, librarian_a, guest, reader):
    group = make_group(library_a, librarian_a, host=guest, premoderated=True)
    services.join(group, reader)
    reader.language = "en"
    reader.save()
    return group


def test_a_members_post_waits_and_appears_once_a_guest_host_approves_it(group, reader, guest):
    post = board.post_to_board(group, reader, "福贵的一生让我想了很久。")
    assert post.status == Post.Status.PENDING
    board.approve_post(post, by=guest)
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE
    notice = Notice.objects.get(recipient=reader)
    assert "on the board" in notice.subject and "福贵的一生" in notice.body
    entry = AuditEntry.objects.get(action="groups.post_approved")
    assert entry.actor == guest and entry.library == group.library


def test_hosts_and_staff_post_at_once_even_with_pre_moderation(group, guest, librarian_a):
    assert board.post_to_board(group, guest, "欢迎大家！").status == Post.Status.VISIBLE
    assert board.post_to_board(group, librarian_a, "Welcome").status == Post.Status.VISIBLE


def test_hiding_needs_a_reason_and_tells_the_author(group, reader, librarian_a):
    post = board.post_to_board(group, reader, "Off-topic advert")
    board.approve_post(post, by=librarian_a)
    with pytest.raises(board.Refused, match="reason"):
        board.hide_post(post, "  ", by=librarian_a)
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE
    board.hide_post(post, "Please keep to the book.", by=librarian_a)
    post.refresh_from_db()
    assert post.status == Post.Status.HIDDEN and post.moderation_note == "Please keep to the book."
    notice = Notice.objects.filter(recipient=reader).latest("pk")
    assert "was hidden" in notice.subject and "Please keep to the book." in notice.body
    assert AuditEntry.objects.filter(action="groups.post_hidden", actor=librarian_a).exists()
    with pytest.raises(board.Refused, match="cannot be done now"):
        board.approve_post(post, by=librarian_a)


def test_only_moderators_moderate(group, reader, other_reader, librarian_b, coordinator):
    post = board.post_to_board(group, reader, "Hello")
    for outsider in (reader, other_reader, librarian_b):
        with pytest.raises(board.Refused, match="Only the group's hosts"):
            board.approve_post(post, by=outsider)
    # A coordinator of the library's network is staff of every library in it.
    board.approve_post(post, by=coordinator)
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE


def test_non_members_cannot_post_and_a_moderated_post_is_taken_once(group, other_reader, reader, guest, librarian_a):
    with pytest.raises(board.Refused, match="Join the group"):
        board.post_to_board(group, other_reader, "Let me in")
    post = board.post_to_board(group, reader, "Hello")
    stale = Post.objects.get(pk=post.pk)
    board.approve_post(post, by=guest)
    # A second moderator still looking at the waiting post: their click does nothing.
    with pytest.raises(board.Refused, match="just been moderated"):
        board.hide_post(stale, "spam", by=librarian_a)
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE
    assert Post.objects.count() == 1
