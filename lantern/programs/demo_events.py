"""Sample events at the demo libraries, in Chinese and English: a past lecture with its recording and captions,
an online story time for children, a talk with the museum partner, a full workshop with a waiting list, and
on-site events where the doors are open. Everything goes through the services (ServiceRecords are real);
running it again creates nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.core.models import Library, Partner
from lantern.core.services import normalize_identifier, notices_kept_not_sent

from .models import Event
from .services import events as services

CAPTIONS = (
    "WEBVTT\n\n"
    "00:00:01.000 --> 00:00:05.000\n欢迎收看线上讲座。Welcome to the online lecture.\n\n"
    "00:00:05.500 --> 00:00:10.000\n今天我们谈谈疫情期间的阅读。Today: reading in an epidemic.\n"
).encode()
RECORDING = "https://media.example.org/lantern-demo/reading-in-an-epidemic.mp4"
MEETING = "https://meeting.example.org/j/{code}"

# library, key, zh title, en title, zh description, en description, mode, days from now, hour, capacity,
# audience, with the museum partner
EVENTS = [
    (
        "wuhan",
        "past-lecture",
        "线上讲座：疫情中的阅读",
        "Online lecture: reading in an epidemic",
        "馆员与作家对谈，回放附中英文字幕。",
        "A librarian talks with a writer; the recording has captions.",
        Event.Mode.ONLINE,
        -6,
        19,
        None,
        "",
        False,
    ),
    (
        "wuhan",
        "story-time",
        "亲子线上故事会",
        "Online story time for children",
        "每周六上午，馆员在线讲绘本，家长陪孩子一起听。",
        "Every Saturday morning a librarian reads picture books online; parents listen along.",
        Event.Mode.ONLINE,
        2,
        10,
        None,
        "children",
        False,
    ),
    (
        "wuhan",
        "museum-talk",
        "云看展：与湖北省博物馆馆员对话",
        "Virtual visit: a talk with the Hubei Museum's curator",
        "博物馆馆员带大家在线看馆藏青铜器。",
        "The museum's curator shows its bronzes online.",
        Event.Mode.ONLINE,
        4,
        15,
        200,
        "",
        True,
    ),
    (
        "hangzhou",
        "full-workshop",
        "线上手工书工作坊（已满）",
        "Online bookbinding workshop (full)",
        "名额有限，报满后可排队候补。",
        "Few places: when it is full, join the waiting list.",
        Event.Mode.ONLINE,
        3,
        14,
        1,
        "",
        False,
    ),
    (
        "guangzhou",
        "author-talk",
        "作家见面会",
        "Meet the author",
        "在报告厅与作家面对面，同时线上直播。",
        "Meet the author in the lecture hall, streamed online too.",
        Event.Mode.HYBRID,
        7,
        19,
        80,
        "",
        False,
    ),
    (
        "kunming",
        "elderly-phones",
        "长者智能手机课堂",
        "Smartphone class for older readers",
        "教长者用手机借电子书、扫健康码。",
        "Older readers learn to borrow e-books and show a health code on a phone.",
        Event.Mode.ONSITE,
        5,
        9,
        20,
        "elderly",
        False,
    ),
]
PLACES = {"guangzhou": "报告厅 Lecture hall, 2F", "kunming": "多功能厅 Activity room, 1F"}


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample events (and a few registrations); return how many events were made."""
    now = now or timezone.now()
    users = get_user_model().objects
    readers = [users.filter(username=normalize_identifier(i)[1]).first() for i in ("reader@example.org", "13800138000")]
    made = 0
    with transaction.atomic(), notices_kept_not_sent():
        for row in EVENTS:
            slug, key = row[0], row[1]
            library = libraries.get(slug)
            if library is None or Event.objects.filter(library=library, is_demo=True, title_en=row[3]).exists():
                continue
            _make(library, key, row, readers, now)
            made += 1
    return made


def _make(library: Library, key: str, row, readers, now: datetime.datetime) -> Event:
    _slug, _key, zh, en, about_zh, about_en, mode, days, hour, capacity, audience, with_museum = row
    day = timezone.localdate(now) + datetime.timedelta(days=days)
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    past = starts < now
    if past:  # registered while it was upcoming, then held
        starts_then = now + datetime.timedelta(days=1)
    values = {
        "title_zh_hans": zh,
        "title_en": en,
        "description_zh_hans": about_zh,
        "description_en": about_en,
        "mode": mode,
        "starts_at": starts_then if past else starts,
        "ends_at": (starts_then if past else starts) + datetime.timedelta(hours=1, minutes=30),
        "place": PLACES.get(library.slug, "") if mode != Event.Mode.ONLINE else "",
        "online_link": MEETING.format(code=f"{library.slug}-{key}") if mode != Event.Mode.ONSITE else "",
        "capacity": capacity,
        "audience": audience,
        "recording_url": "",
    }
    partners = list(Partner.objects.filter(kind="museum", libraries=library)[:1]) if with_museum else []
    event = services.save_event(library, values, partners=partners)
    Event.objects.filter(pk=event.pk).update(is_demo=True)
    services.publish_event(event)
    for reader in readers:
        if reader is not None:
            services.register(event, reader)  # the full workshop: the second reader waits
    if past:
        values.update(
            starts_at=starts, ends_at=starts + datetime.timedelta(hours=1, minutes=30), recording_url=RECORDING
        )
        services.save_event(library, values, event=event, partners=partners, captions=CAPTIONS)
    return event
