"""Builders for the report tests: hand-made service records, posts with dated announcements, researchers."""

import datetime
import hashlib

from django.utils import timezone

from lantern.conftest import make_user
from lantern.core import services
from lantern.core.models import ServiceModeChange

from ..models import CodedBy, Post, ServiceRecord

D = datetime.date


def record(library, date, *codes, coded_by=CodedBy.APP, title="An activity", source_object=None):
    values = dict.fromkeys(codes, True)
    if source_object is not None:
        from django.contrib.contenttypes.models import ContentType

        values["content_type"] = ContentType.objects.get_for_model(source_object)
        values["object_id"] = str(source_object.pk)
    return ServiceRecord.objects.create(
        library=library, date=date, title_en=title, title_zh_hans=title, coded_by=coded_by, **values
    )


def post(library, title, *, published_on=None, closed_on=None, reopens_on=None, text="Announcement text."):
    return Post.objects.create(
        library=library,
        title=title,
        text=text,
        content_hash=hashlib.sha256(f"{library.pk}{title}{text}".encode()).hexdigest(),
        published_on=published_on,
        captured_at=timezone.now(),
        closed_on=closed_on,
        reopens_on=reopens_on,
    )


def mode_change(library, mode, day):
    return ServiceModeChange.objects.create(
        library=library, mode=mode, since=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    )


def researcher(username="rita@example.org", name="Rita"):
    user = make_user(username, name)
    services.grant_role(user, "researcher")
    return user
