"""Builders for the watch tests: a researcher, a watched library, a post, a status change."""

import datetime
import hashlib

from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.models import ServiceModeChange
from lantern.core.services import grant_role
from lantern.insights.models import Post


def make_researcher(username="rita@example.org", name="Rita"):
    user = make_user(username, name)
    grant_role(user, "researcher")
    return user


def make_post(library, title, *, published_on=None, reopens_on=None, url=""):
    return Post.objects.create(
        library=library,
        title=title,
        text=title,
        url=url,
        content_hash=hashlib.sha256(title.encode()).hexdigest(),
        published_on=published_on,
        reopens_on=reopens_on,
        captured_at=timezone.now(),
    )


def change_mode(library, mode, day: datetime.date):
    since = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return ServiceModeChange.objects.create(library=library, mode=mode, since=since)
