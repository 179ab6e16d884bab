"""Small builders for reading-group tests: a book, a partner, a published group with a host and members."""

import datetime

from django.utils import timezone

from lantern.catalogue.models import Record
from lantern.conftest import make_user
from lantern.core.models import Partner

from ..services import groups as services


def make_book(library, title="活着") -> Record:
    return Record.objects.create(library=library, title=title, authors=["余华"], year=1993)


def make_partner(library, name="新华书店", kind=Partner.Kind.BOOKSTORE) -> Partner:
    partner = Partner.objects.create(name=name, kind=kind)
    partner.libraries.add(library)
    return partner


def make_guest(username="writer@example.org", name="Writer Chi"):
    return make_user(username, name)


def make_group(library, by, *, publish=True, host=None, premoderated=False, **fields):
    """A group reading a new book; published (with `host`, or `by` as host) unless publish=False."""
    values = {"name_zh": "一起读《活着》", "name_en": "Reading To Live", "record": make_book(library)}
    values.update(fields)
    group = services.create_group(library, by=by, premoderated=premoderated, **values)
    host = host or by
    services.add_host(group, host.username, introduction="作家 Writer", by=by)
    if publish:
        services.publish_group(group, by=by)
    return group


def make_session(group, by, *, days=3, topic="第一章", link="https://meeting.example.org/123"):
    starts = timezone.now() + datetime.timedelta(days=days)
    return services.add_session(
        group,
        by=by,
        topic_zh=topic,
        topic_en="Chapter one",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        online_link=link,
    )
