"""A sample joint campaign across the demo network: "One city, one book: reading through the epidemic",
published by the network's coordinator with shared resources, and joined by four libraries that each add
their own activities. Everything goes through the services, so audit entries, notices and ServiceRecords are
real. Running it again creates nothing once the campaign exists."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from lantern.core.models import Library
from lantern.core.services import notices_kept_not_sent

from .models import Campaign
from .services import campaigns as services

TITLE_ZH = "同读一本书·抗疫共读"
TITLE_EN = "One city, one book: reading through the epidemic"
RESOURCES = [  # zh, en, link, note
    (
        "《我与地坛》电子书（出版社免费开放）",
        "“Me and the Temple of Earth”, e-book (free from the publisher)",
        "https://ebook.publisher.example.com/ditan",
        "人民文学出版社 · People's Literature Publishing House",
    ),
    (
        "共读打卡与短视频上传",
        "Daily reading check-in and short-video upload",
        "https://video.example.com/topic/one-city-one-book",
        "",
    ),
]
ACTIVITIES = {  # library slug: [(day offset from start, zh title, en title, zh description, en description)]
    "wuhan": [
        (
            2,
            "馆长领读第一章（直播）",
            "The director reads chapter one (live)",
            "晚上八点在图书馆视频号直播，读者可在评论区提问。",
            "Live at 8 p.m. on the library's video channel; readers ask questions in the comments.",
        ),
        (
            9,
            "读者短视频精选展播",
            "Readers' best short videos",
            "从读者上传的 60 秒读书视频中精选十条展播。",
            "Ten of the readers' 60-second reading videos, chosen and shown.",
        ),
    ],
    "hangzhou": [
        (
            4,
            "线上读书会：地坛里的时间",
            "Online reading group: time in the Temple of Earth",
            "与作家线上对谈，报名后获得会议链接。",
            "A conversation with a writer online; the meeting link comes after you sign up.",
        ),
    ],
    "chengdu": [
        (
            6,
            "亲子共读打卡周",
            "A week of family reading check-ins",
            "家长和孩子每天共读十分钟，在话题下打卡。",
            "Parents and children read ten minutes a day together and check in under the hashtag.",
        ),
    ],
    "kunming": [
        (
            12,
            "朗读接力",
            "Reading-aloud relay",
            "每位读者朗读一段，接力完成全书。",
            "Each reader reads one passage aloud until the whole book is read.",
        ),
    ],
}


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create and publish the sample campaign and its participants; return how many objects were made."""
    now = now or timezone.now()
    network = libraries["wuhan"].network
    if Campaign.objects.filter(network=network, is_demo=True, title_zh_hans=TITLE_ZH).exists():
        return 0
    coordinator = get_user_model().objects.filter(username="coordinator@example.org").first()
    starts_on = timezone.localdate(now) - datetime.timedelta(days=3)
    made = 0
    with notices_kept_not_sent():
        campaign = services.create_campaign(
            network,
            by=coordinator,
            title_zh_hans=TITLE_ZH,
            title_en=TITLE_EN,
            theme_zh_hans="在不能出门的日子里，全城读者同读一本书：史铁生的《我与地坛》。",
            theme_en="While we cannot go out, the whole city reads one book together: Shi Tiesheng's "
            "“Me and the Temple of Earth”.",
            reader_action_zh_hans="每天读一章，录一段 60 秒的读书短视频，带话题发布。",
            reader_action_en="Read a chapter a day, record a 60-second reading video and post it with the hashtag.",
            hashtag="#同读一本书",
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=30),
            is_demo=True,
        )
        made += 1
        for zh, en, link, note in RESOURCES:
            services.add_resource(campaign, by=coordinator, title_zh=zh, title_en=en, url=link, note=note)
            made += 1
        campaign = services.publish_campaign(campaign, by=coordinator)
        for slug, activities in ACTIVITIES.items():
            library = libraries.get(slug)
            if library is None:
                continue
            participation = services.join_campaign(campaign, library, by=coordinator)
            made += 1
            for offset, title_zh, title_en, text_zh, text_en in activities:
                services.add_activity(
                    participation,
                    by=coordinator,
                    title_zh=title_zh,
                    title_en=title_en,
                    description_zh=text_zh,
                    description_en=text_en,
                    date=starts_on + datetime.timedelta(days=offset),
                )
                made += 1
    return made
