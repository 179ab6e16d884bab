"""Reading groups as staff set them up: details in both languages, hosts (guests among them), sessions,
publishing with a ServiceRecord coded by what the group is, and readers joining and leaving."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.catalogue.models import ReadingList
from lantern.core.models import AuditEntry, Notice
from lantern.insights.models import ServiceRecord
from lantern.programs.models import GroupHost, Membership, ReadingGroup
from lantern.programs.services import groups as services
from lantern.programs.services import groups_board as board

from .groups_helpers import make_book, make_group, make_guest, make_partner, make_session

pytestmark = pytest.mark.django_db


def record_of(group):
    return ServiceRecord.objects.get(object_id=str(group.pk), content_type__model="readinggroup")


def test_publishing_records_online_reading_and_unpublishing_withdraws_it(library_a, librarian_a):
    group = make_group(library_a, librarian_a)
    record = record_of(group)
    assert record.reading_online and record.library == library_a
    assert not (record.cross_industry or record.social_participation or record.targeted_groups)
    assert record.title_en == "Online reading group: Reading To Live"
    services.unpublish_group(group, by=librarian_a)
    assert not ServiceRecord.objects.filter(object_id=str(group.pk)).exists()
    actions = set(AuditEntry.objects.filter(library=library_a).values_list("action", flat=True))
    assert {"groups.created", "groups.host_added", "groups.published", "groups.unpublished"} <= actions


def test_guest_host_partners_and_audience_code_the_record(library_a, librarian_a):
    partner = make_partner(library_a)
    group = make_group(library_a, librarian_a, publish=False, audience="elderly", partners=[partner])
    services.add_host(group, make_guest().username, introduction="小说家", by=librarian_a)
    services.publish_group(group, by=librarian_a)
    record = record_of(group)
    assert record.cross_industry and record.social_participation and record.targeted_groups
    guest = group.hosts.get(user__username="writer@example.org")
    assert guest.is_guest and guest.introduction == "小说家"
    assert not group.hosts.get(user=librarian_a).is_guest
    # Removing the guest while published updates the record: nobody from outside leads it any more.
    services.remove_host(guest, by=librarian_a)
    assert not record_of(group).social_participation


def test_a_guest_needs_an_introduction_and_an_account(library_a, librarian_a):
    group = make_group(library_a, librarian_a, publish=False)
    make_guest()
    with pytest.raises(ValidationError) as no_intro:
        services.add_host(group, "writer@example.org", by=librarian_a)
    assert "introduce them" in no_intro.value.message_dict["introduction"][0]
    with pytest.raises(ValidationError) as nobody:
        services.add_host(group, "nobody@example.org", introduction="x", by=librarian_a)
    assert "No account uses" in nobody.value.message_dict["identifier"][0]
    with pytest.raises(ValidationError) as bad:
        services.add_host(group, "12", introduction="x", by=librarian_a)
    assert "not a valid phone number" in bad.value.message_dict["identifier"][0]
    with pytest.raises(services.Refused, match="already a host"):
        services.add_host(group, librarian_a.username, by=librarian_a)
    assert group.hosts.count() == 1


def test_the_last_host_of_a_published_group_stays(library_a, librarian_a):
    group = make_group(library_a, librarian_a)
    with pytest.raises(services.Refused, match="needs a host"):
        services.remove_host(group.hosts.get(), by=librarian_a)
    assert GroupHost.objects.filter(group=group).count() == 1


def test_publishing_needs_a_reading_and_a_host(library_a, librarian_a):
    group = services.create_group(library_a, by=librarian_a, name_zh="读书会", name_en="")
    with pytest.raises(services.Refused, match="book or reading list"):
        services.publish_group(group, by=librarian_a)
    services.update_group(group, by=librarian_a, name_zh="读书会", name_en="", record=make_book(library_a))
    with pytest.raises(services.Refused, match="at least one host"):
        services.publish_group(group, by=librarian_a)
    assert ReadingGroup.objects.get(pk=group.pk).status == "draft"


def test_bad_group_details_are_refused_by_field_and_nothing_is_written(library_a, library_b, librarian_a):
    other_book = make_book(library_b)
    other_list = ReadingList.objects.create(library=library_b, title="B list")
    with pytest.raises(ValidationError) as exc:
        services.create_group(
            library_a,
            by=librarian_a,
            name_zh="",
            name_en=" ",
            record=other_book,
            reading_list=other_list,
            audience="martians",
            partners=[make_partner(library_b)],
        )
    errors = exc.value.message_dict
    assert set(errors) == {"name_zh", "book", "reading_list", "audience", "partners"}
    assert not ReadingGroup.objects.exists()


def test_sessions_are_checked_and_removing_an_upcoming_one_tells_members(library_a, librarian_a, reader):
    group = make_group(library_a, librarian_a)
    session = make_session(group, librarian_a)
    services.join(group, reader)
    start = timezone.now() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.add_session(
            group, by=librarian_a, topic_zh="", topic_en="", starts_at=start, ends_at=start, online_link="javascript:x"
        )
    assert set(exc.value.message_dict) == {"topic_zh", "ends_at", "online_link"}
    reader.language = "en"
    reader.save()
    services.remove_session(session, by=librarian_a)
    notice = Notice.objects.get(recipient=reader)
    assert "called off" in notice.subject and "Chapter one" in notice.body
    assert AuditEntry.objects.filter(action="groups.session_removed").exists()


def test_join_once_leave_and_drafts_are_closed(library_a, librarian_a, reader):
    group = make_group(library_a, librarian_a)
    services.join(group, reader)
    with pytest.raises(services.Refused, match="already a member"):
        services.join(group, reader)
    services.leave(group, reader)
    with pytest.raises(services.Refused, match="not a member"):
        services.leave(group, reader)
    draft = make_group(library_a, librarian_a, publish=False)
    with pytest.raises(services.Refused, match="not open"):
        services.join(draft, reader)
    assert not Membership.objects.exists()


def test_export_holds_memberships_and_posts(library_a, librarian_a, reader):
    group = make_group(library_a, librarian_a)
    services.join(group, reader)
    board.post_to_board(group, reader, "我很喜欢福贵。")
    data = services.export_group_data(reader)
    assert [m["group"] for m in data["memberships"]] == ["Reading To Live"]
    assert data["posts"][0]["body"] == "<p>我很喜欢福贵。</p>" and data["posts"][0]["status"] == "visible"
    assert data["hosted"] == []
    assert services.export_group_data(librarian_a)["hosted"][0]["library"] == "alpha"
