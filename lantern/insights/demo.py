"""Sample service records for `lantern demo`: what the sample libraries did, coded into the taxonomy."""

import datetime

from django.utils import timezone

from .models import ServiceRecord
from .services import record_service

RECORDS = [
    # library, days ago, zh title, en title, categories, features
    (
        "wuhan",
        10,
        "闭馆不闭服务：数字资源免费开放",
        "Closed doors, open services: e-resources free for all",
        ["reading_online"],
        [],
    ),
    ("wuhan", 9, "疫情防控权威信息汇总", "Reliable epidemic information, collected", ["information"], []),
    (
        "wuhan",
        7,
        "方舱医院阅读角送书",
        "Books for the shelter hospital reading corner",
        ["reading_offline", "social"],
        ["cross_industry", "targeted_groups"],
    ),
    (
        "wuhan",
        4,
        "征集抗疫记忆：信件、日记与照片",
        "Collecting the community's epidemic memories",
        ["resources"],
        ["social_participation"],
    ),
    (
        "wuhan",
        2,
        "谣言粉碎：喝白酒能预防病毒吗？",
        "Rumour check: does strong liquor prevent the virus?",
        ["information"],
        [],
    ),
    ("hangzhou", 6, "图书快递到家服务上线", "Home delivery of books begins", ["reading_offline"], ["cross_industry"]),
    (
        "hangzhou",
        3,
        "线上读书会：《鼠疫》",
        "Online reading group: The Plague",
        ["reading_online"],
        ["social_participation"],
    ),
    ("chengdu", 5, "预约入馆须知", "How to book a timed visit", ["emergency"], []),
    (
        "chengdu",
        1,
        "面向视障读者的有声书推荐",
        "Audiobooks for blind and partially sighted readers",
        ["reading_online", "social"],
        ["targeted_groups"],
    ),
    ("harbin", 2, "暂停开放公告", "Temporary closure notice", ["emergency"], []),
    (
        "guangzhou",
        12,
        "与博物馆联合举办线上展览",
        "An online exhibition with the city museum",
        ["reading_online"],
        ["cross_industry"],
    ),
    (
        "kunming",
        8,
        "志愿者招募：社区读书服务",
        "Volunteers wanted for community reading",
        ["social"],
        ["social_participation"],
    ),
]


def load(libraries: dict) -> int:
    """Create the sample records that are missing; return how many were created."""
    today = timezone.localdate()
    created = 0
    for slug, days, zh, en, categories, features in RECORDS:
        library = libraries[slug]
        if ServiceRecord.objects.filter(library=library, title_zh_hans=zh).exists():
            continue
        record_service(
            library=library,
            date=today - datetime.timedelta(days=days),
            title_zh=zh,
            title_en=en,
            categories=categories,
            features=features,
        )
        created += 1
    return created
