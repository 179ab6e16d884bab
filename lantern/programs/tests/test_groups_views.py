"""The reading-group pages as people use them: staff set up and publish a group with hosts and sessions;
readers join, post and leave; a guest host moderates their group's board and nothing else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.core.models import AuditEntry
from lantern.programs.models import GroupHost, GroupSession, Membership, Post, ReadingGroup

from .groups_helpers import make_book, make_group, make_guest, make_session

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"programs:{name}", args=["alpha", *args])


def text(response) -> str:
    return response.content.decode()


def test_staff_create_a_group_choosing_the_book_by_title(client_as, library_a, librarian_a):
    book = make_book(library_a, "活着")
    client = client_as(librarian_a)
    assert client.get(url("staff_group_new")).status_code == 200
    response = client.post(
        url("staff_group_new"),
        {"name_zh": "一起读", "name_en": "Read together", "book": "活着", "audience": "elderly", "premoderated": "on"},
    )
    group = ReadingGroup.objects.get()
    assert response.status_code == 302 and response.url == url("staff_group", group.pk)
    assert group.record == book and group.audience == "elderly" and group.premoderated and group.status == "draft"
    assert group.name_zh_hans == "一起读" and group.name_en == "Read together"
    page = client.get(url("staff_group", group.pk))
    assert "The group is saved as a draft" in text(page) and "活着" in text(page)
    assert client.get(url("staff_groups")).status_code == 200


def test_bad_group_form_says_why_and_writes_nothing(client_as, library_a, librarian_a):
    make_book(library_a, "活着")
    make_book(library_a, "活着（插图本）")
    client = client_as(librarian_a)
    response = client.post(url("staff_group_new"), {"name_zh": "", "name_en": "", "book": "活着"})
    assert response.status_code == 400
    assert "Give the group a name" in text(response)
    assert "Several books match" in text(response) and "Type the record number" in text(response)
    response = client.post(url("staff_group_new"), {"name_en": "X", "book": "999999"})
    assert response.status_code == 400 and "no record number 999999" in text(response)
    response = client.post(url("staff_group_new"), {"name_en": "X", "audience": "martians", "reading_list": "abc"})
    assert response.status_code == 400
    assert not ReadingGroup.objects.exists()


def test_staff_of_another_library_cannot_see_or_change_the_group(client_as, library_a, librarian_a, librarian_b):
    group = make_group(library_a, librarian_a)
    client = client_as(librarian_b)
    assert client.get(url("staff_groups")).status_code == 403
    assert client.get(url("staff_group", group.pk)).status_code == 403
    assert client.post(url("staff_group_unpublish", group.pk)).status_code == 403
    assert ReadingGroup.objects.get().status == "published"


def test_publish_and_unpublish_ask_first(client_as, library_a, librarian_a):
    group = make_group(library_a, librarian_a, publish=False)
    client = client_as(librarian_a)
    confirm = client.get(url("staff_group_publish", group.pk))
    assert "Publish “" in text(confirm) and ReadingGroup.objects.get().status == "draft"
    client.post(url("staff_group_publish", group.pk))
    assert ReadingGroup.objects.get().status == "published"
    again = client.post(url("staff_group_publish", group.pk))
    assert again.status_code == 409 and "already published" in text(again)
    client.post(url("staff_group_unpublish", group.pk))
    assert ReadingGroup.objects.get().status == "draft"


def test_hosts_are_added_by_email_or_phone_and_removed_after_confirmation(
    client_as, library_a, librarian_a, other_reader
):
    group = make_group(library_a, librarian_a)
    client = client_as(librarian_a)
    bad = client.post(url("staff_host_add", group.pk), {"host-identifier": "13900139000", "host-introduction": ""})
    assert bad.status_code == 400 and "introduce them to readers" in text(bad)
    client.post(url("staff_host_add", group.pk), {"host-identifier": "13900139000", "host-introduction": "诗人"})
    host = GroupHost.objects.get(user=other_reader)
    assert host.is_guest
    confirm = client.get(url("staff_host_remove", group.pk, host.pk))
    assert "Remove Olga as host?" in text(confirm)
    unticked = client.post(url("staff_host_remove", group.pk, host.pk))
    assert unticked.status_code == 400 and GroupHost.objects.filter(pk=host.pk).exists()
    client.post(url("staff_host_remove", group.pk, host.pk), {"confirm": "yes"})
    assert not GroupHost.objects.filter(pk=host.pk).exists()
    assert AuditEntry.objects.filter(action="groups.host_removed", actor=librarian_a).exists()


def test_sessions_in_the_library_time_zone_and_bad_times(client_as, library_a, librarian_a):
    group = make_group(library_a, librarian_a)
    client = client_as(librarian_a)
    fields = {
        "session-topic_zh": "第一章",
        "session-starts_at": "2030-03-01T19:30",
        "session-ends_at": "2030-03-01T19:00",
    }
    bad = client.post(url("staff_session_add", group.pk), fields)
    assert bad.status_code == 400 and "must end after it starts" in text(bad)
    client.post(url("staff_session_add", group.pk), {**fields, "session-ends_at": "2030-03-01T21:00"})
    session = GroupSession.objects.get()
    local = timezone.localtime(session.starts_at)
    assert (local.hour, local.minute, str(local.tzinfo)) == (19, 30, "Asia/Shanghai")
    edit = client.post(
        url("staff_session_edit", group.pk, session.pk),
        {"topic_en": "Chapter 1", "starts_at": "2030-03-02T19:30", "ends_at": "2030-03-02T21:00"},
    )
    assert edit.status_code == 302 and GroupSession.objects.get().topic_en == "Chapter 1"
    assert "Remove this session?" in text(client.get(url("staff_session_remove", group.pk, session.pk)))
    client.post(url("staff_session_remove", group.pk, session.pk), {"confirm": "yes"})
    assert not GroupSession.objects.exists()


def test_readers_join_see_the_link_post_and_leave(client_as, library_a, librarian_a, reader):
    group = make_group(library_a, librarian_a, premoderated=True)
    make_session(group, librarian_a)
    client = client_as(reader)
    listing = client.get(url("groups"))
    assert "一起读《活着》" in text(listing) or "Reading To Live" in text(listing)
    before = client.get(url("group", group.pk))
    assert "meeting.example.org" not in text(before) and "Members see the link" in text(before)
    assert "Join this group" in text(before) and 'name="body"' not in text(before)
    client.post(url("group_join", group.pk))
    after = client.get(url("group", group.pk))
    assert "https://meeting.example.org/123" in text(after) and "1 member" in text(after)
    posted = client.post(url("group_post", group.pk), {"body": "我哭了三次。"}, follow=True)
    assert "Your post will appear once a host has approved it" in text(posted)
    assert "Waiting for approval" in text(posted)
    # Another reader does not see the waiting post.
    assert "我哭了三次" not in text(client_as(make_guest("x@example.org", "X")).get(url("group", group.pk)))
    client = client_as(reader)
    empty = client.post(url("group_post", group.pk), {"body": "<p> </p>"})
    assert empty.status_code == 400 and "Your post is empty" in text(empty)
    assert Post.objects.count() == 1
    confirm = client.get(url("group_leave", group.pk))
    assert "Yes, I want to leave this group" in text(confirm)
    client.post(url("group_leave", group.pk), {"confirm": "yes"})
    assert not Membership.objects.exists()
    assert "You have not joined" in text(client.get(url("my_groups")))


def test_a_draft_is_not_found_by_readers(client, client_as, library_a, librarian_a, reader):
    group = make_group(library_a, librarian_a, publish=False)
    assert client.get(url("group", group.pk)).status_code == 404
    assert client_as(reader).post(url("group_join", group.pk)).status_code == 404
    assert "Preview" in text(client_as(librarian_a).get(url("group", group.pk)))


def test_a_guest_host_moderates_their_group_only(client_as, library_a, librarian_a, reader):
    guest = make_guest()
    group = make_group(library_a, librarian_a, host=guest, premoderated=True)
    other = make_group(library_a, librarian_a)
    Membership.objects.create(group=group, reader=reader)
    client = client_as(reader)
    client.post(url("group_post", group.pk), {"body": "Spoilers!"})
    post = Post.objects.get()
    assert client.get(url("group_moderation", group.pk)).status_code == 403
    host = client_as(guest)
    assert "You host this group" in text(host.get(url("my_groups")))
    page = host.get(url("group_moderation", group.pk))
    assert page.status_code == 200 and "Spoilers!" in text(page)
    assert host.get(url("group_moderation", other.pk)).status_code == 403
    assert host.get(url("staff_group", group.pk)).status_code == 403
    no_reason = host.post(url("group_post_hide", group.pk, post.pk), {"reason": ""})
    assert no_reason.status_code == 400
    host.post(url("group_post_hide", group.pk, post.pk), {"reason": "No spoilers, please."})
    assert Post.objects.get().status == "hidden"
    assert "Spoilers!" not in text(client_as(reader).get(url("group", group.pk)))


def test_my_groups_lists_the_readers_groups_with_the_next_session(client_as, library_a, librarian_a, reader):
    group = make_group(library_a, librarian_a)
    make_session(group, librarian_a, days=2, topic="结局")
    Membership.objects.create(group=group, reader=reader)
    page = client_as(reader).get(url("my_groups"))
    assert "Member" in text(page) and "Chapter one" in text(page)
    assert (timezone.localtime(timezone.now() + datetime.timedelta(days=2))).strftime("%Y-%m-%d") in text(page)


def test_a_non_member_posting_is_told_to_join_and_nothing_is_written(client_as, library_a, librarian_a, reader):
    group = make_group(library_a, librarian_a)
    response = client_as(reader).post(url("group_post", group.pk), {"body": "Hello"})
    assert response.status_code == 403 and "Join the group to post on its board." in text(response)
    assert not Post.objects.exists()


def test_editing_a_published_group_changes_its_book_and_its_service_record(client_as, library_a, librarian_a):
    from lantern.insights.models import ServiceRecord

    group = make_group(library_a, librarian_a)
    book = make_book(library_a, "许三观卖血记")
    client = client_as(librarian_a)
    form = client.get(url("staff_group_edit", group.pk))
    assert f'value="{group.record_id}"' in text(form)
    client.post(
        url("staff_group_edit", group.pk),
        {"name_zh": "一起读", "name_en": "Read with us", "book": str(book.pk), "audience": "deaf"},
    )
    group.refresh_from_db()
    assert group.record == book and group.name_en == "Read with us"
    record = ServiceRecord.objects.get(object_id=str(group.pk), content_type__model="readinggroup")
    assert record.targeted_groups and record.title_en == "Online reading group: Read with us"
    assert AuditEntry.objects.filter(action="groups.updated").exists()
