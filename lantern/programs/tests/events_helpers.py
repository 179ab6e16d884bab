"""Events built for the events tests: `make_event` (published, tomorrow, online by default)."""

import datetime

from django.utils import timezone

from lantern.programs.models import Event
from lantern.programs.services import events as services


def make_event(library, *, publish=True, hours_from_now=24, capacity=None, mode="online", by=None, **extra):
    starts = timezone.now() + datetime.timedelta(hours=hours_from_now)
    values = {
        "title_zh_hans": extra.pop("title_zh_hans", "线上讲座"),
        "title_en": extra.pop("title_en", "Online talk"),
        "description_zh_hans": "",
        "description_en": "",
        "mode": mode,
        "starts_at": starts,
        "ends_at": starts + datetime.timedelta(hours=1),
        "place": extra.pop("place", "" if mode == Event.Mode.ONLINE else "Lecture hall"),
        "online_link": extra.pop("online_link", "" if mode == Event.Mode.ONSITE else "https://meet.example.org/talk"),
        "capacity": capacity,
        "audience": extra.pop("audience", ""),
        "recording_url": extra.pop("recording_url", ""),
    }
    values.update(extra)
    event = services.save_event(library, values, by=by)
    if publish:
        services.publish_event(event, by=by)
    return event
