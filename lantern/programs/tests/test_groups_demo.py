"""The sample reading group at the closed demo library: a guest writer hosts, three sessions, members with
reader@example.org among them, posts in both languages with one waiting; loaded once, and visible to visitors."""

import pytest

from lantern.catalogue import demo as catalogue_demo
from lantern.core import demo as core_demo
from lantern.insights.models import ServiceRecord
from lantern.programs import demo_groups
from lantern.programs.models import Post, ReadingGroup

pytestmark = pytest.mark.django_db


def test_demo_group_is_published_with_a_guest_host_and_loads_once(client):
    libraries = core_demo.load()["libraries"]
    catalogue_demo.load({"wuhan": libraries["wuhan"]})

    made = demo_groups.load(libraries)
    assert made > 10
    group = ReadingGroup.objects.get(is_demo=True)
    assert group.status == "published" and group.record.title == "鼠疫" and group.premoderated
    guest = group.hosts.get(is_guest=True)
    assert guest.user.username == "writer@example.org" and guest.introduction
    assert group.sessions.count() == 3
    assert group.memberships.filter(reader__username="reader@example.org").exists()
    assert group.memberships.count() == 4
    assert Post.objects.filter(group=group, status="pending").count() == 1
    record = ServiceRecord.objects.get(object_id=str(group.pk), content_type__model="readinggroup")
    assert record.reading_online and record.social_participation and record.cross_industry

    page = client.get(group.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Reading together in lockdown" in page and "Writer Lin Xi" in page
    assert "I am reading the English translation" in page and "塔鲁说" in page
    assert "推荐" not in page  # still waiting for approval
    assert "meeting.example.org" not in page  # links only for members
    assert "Reading together in lockdown" in client.get("/wuhan/groups/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert demo_groups.load(libraries) == 0
    assert ReadingGroup.objects.count() == 1
