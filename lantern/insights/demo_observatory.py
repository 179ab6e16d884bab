"""A sample study for the service observatory: four libraries that do not run Lantern (two Chinese, two
English-speaking), their announcements from the 2020 closures ingested through the real ingest (so every
post has its suggestion and dates), a study over them and the demo network, and double coding by two
coders with a few disagreements. The posts are written for Lantern as examples, not copied announcements.
Running it again creates nothing once the study exists."""

import datetime
import json

from django.contrib.auth import get_user_model

from lantern.core.models import Library

from . import coding, watch
from .ingest.service import ingest_content
from .models import Assignment, Channel, Post, Study

STUDY_TITLE = "2020 年疫情闭馆期间的公共图书馆服务（示例） · Public library services during the 2020 closures (sample)"

LIBRARIES = [  # key, zh, en, province, city, level, channel kind, channel name, url/account
    (
        "changsha",
        "长沙示例图书馆（示例）",
        "",
        "湖南省",
        "长沙市",
        "municipal",
        "wechat",
        "长沙示例图书馆公众号",
        "cs_sample_lib",
    ),
    (
        "nanning",
        "南宁示例图书馆（示例）",
        "",
        "广西壮族自治区",
        "南宁市",
        "municipal",
        "feed",
        "馆讯",
        "https://nanning-sample.example.cn/rss",
    ),
    (
        "riverside",
        "",
        "Riverside Public Library (sample)",
        "",
        "Riverside",
        "municipal",
        "feed",
        "News",
        "https://riverside-sample.example.org/feed",
    ),
    (
        "harbour",
        "",
        "Harbour City Libraries (sample)",
        "",
        "Harbour City",
        "municipal",
        "pages",
        "Notices",
        "https://harbour-sample.example.org/notices/closure\nhttps://harbour-sample.example.org/notices/reopening",
    ),
]

# key, published, title, text, codes a careful coder gives (for the demo codings)
POSTS = [
    (
        "changsha",
        "2020-01-24",
        "关于暂停开放的通知",
        "为做好新型冠状病毒感染的肺炎疫情防控工作，我馆自2020年1月24日起暂停开放，恢复开放时间另行通知。闭馆期间，读者借阅的图书到期日统一顺延，不收取逾期费。",
        ["emergency"],
    ),
    (
        "changsha",
        "2020-01-30",
        "闭馆不停服：数字资源免费畅读",
        "闭馆期间，我馆电子图书、有声读物和期刊数据库向全体读者免费开放，扫描文末二维码即可登录阅读。",
        ["reading_online"],
    ),
    (
        "changsha",
        "2020-02-10",
        "疫情防控权威信息汇总与谣言辨析",
        "我们整理了国家和省卫健委发布的防控指南，并邀请馆员对网上流传的“喝酒防病毒”等说法进行核查，帮助读者辨别谣言。",
        ["information"],
    ),
    (
        "changsha",
        "2020-02-20",
        "为方舱医院患者送去图书",
        "我馆联合出版社向方舱医院捐赠图书两千册，设立阅读角，为住院患者提供精神食粮。",
        ["reading_offline", "social", "cross_industry", "targeted_groups"],
    ),
    (
        "changsha",
        "2020-03-05",
        "征集“抗疫记忆”：您的日记、照片与信件",
        "我馆面向社会征集疫情期间的日记、照片、书信和社区通行证，建立本地抗疫记忆专题库，欢迎市民投稿。",
        ["resources", "social_participation"],
    ),
    (
        "changsha",
        "2020-03-16",
        "恢复开放公告",
        "经批准，我馆将于2020年3月16日起有序恢复开放，实行预约入馆、限流和体温检测，请读者佩戴口罩。",
        ["emergency"],
    ),
    (
        "nanning",
        "2020-01-26",
        "暂停对外开放的公告",
        "根据疫情防控要求，本馆自即日起暂停对外开放，线上服务照常。",
        ["emergency"],
    ),
    (
        "nanning",
        "2020-02-05",
        "线上少儿故事会每周开讲",
        "每周三晚，馆员通过直播为小朋友讲绘本故事，家长可在线陪孩子一起听。",
        ["reading_online", "targeted_groups"],
    ),
    (
        "nanning",
        "2020-02-18",
        "图书快递到家服务上线",
        "读者可在线选书，图书馆联合快递公司免费把书送到家门口，归还时放入还书箱即可。",
        ["reading_offline", "cross_industry"],
    ),
    (
        "nanning",
        "2020-02-25",
        "招募防疫志愿者",
        "我馆招募志愿者协助社区防疫值守和为老人代购生活物资，欢迎报名。",
        ["social", "social_participation"],
    ),
    (
        "nanning",
        "2020-04-08",
        "4月8日起恢复开放",
        "本馆定于2020年4月8日起恢复开放，每日限流五百人，需提前预约。",
        ["emergency"],
    ),
    (
        "riverside",
        "2020-03-14",
        "All branches closed until further notice",
        "To protect our community, all Riverside Public Library branches are closed from March 14, 2020 "
        "until further notice. Due dates are extended and late fines are waived.",
        ["emergency"],
    ),
    (
        "riverside",
        "2020-03-20",
        "Free e-books and streaming with your card",
        "While our doors are closed, your library card gives you free e-books, audiobooks and film "
        "streaming. Sign up for a digital card online.",
        ["reading_online"],
    ),
    (
        "riverside",
        "2020-04-02",
        "Reliable COVID-19 information",
        "Librarians have gathered trusted health information from public health authorities and can answer "
        "your questions by phone and chat.",
        ["information"],
    ),
    (
        "riverside",
        "2020-05-11",
        "Curbside pickup starts May 18",
        "Place holds online and pick up your books at the curb without contact. Returned items are "
        "quarantined for 72 hours.",
        ["reading_offline", "emergency"],
    ),
    (
        "riverside",
        "2020-06-08",
        "Library reopens on June 8",
        "Riverside Public Library will reopen on June 8 with limited capacity, masks required and timed visits.",
        ["emergency"],
    ),
    (
        "harbour",
        "2020-03-17",
        "Libraries close to slow the spread",
        "Harbour City Libraries are closed from March 17. Book drops are closed and no fines will be charged.",
        ["emergency"],
    ),
    (
        "harbour",
        "2020-04-15",
        "Sharing our community's pandemic stories",
        "We invite residents to send us diaries, photos and letters about life during the pandemic for our "
        "local history archive.",
        ["resources", "social_participation"],
    ),
    (
        "harbour",
        "2020-04-22",
        "Large print by post for older readers",
        "Older readers who cannot visit can order large print books by phone; we post them free with a local courier.",
        ["reading_offline", "social", "cross_industry", "targeted_groups"],
    ),
    (
        "harbour",
        "2020-06-29",
        "Partial reopening from June 29",
        "Our central library reopens on June 29 for browsing and returns, by appointment only.",
        ["emergency"],
    ),
]


def load(libraries: dict[str, Library]) -> int:
    """Create the sample study and what it needs; return how many posts were taken in."""
    if Study.objects.filter(is_demo=True).exists():
        return 0
    users = get_user_model().objects
    owner = users.filter(username="researcher@example.org").first()
    second = users.filter(username="coder@example.org").first()
    if owner is None or second is None:
        return 0
    watched = {}
    for key, zh, en, province, city, level, kind, channel_name, where in LIBRARIES:
        library = watch.watch_library(name_zh=zh, name_en=en, province=province, city=city, level=level, by=owner)
        Library.objects.filter(pk=library.pk).update(is_demo=True)
        address = {"account": where} if kind == Channel.Kind.WECHAT else {"url": where}
        if kind == Channel.Kind.PAGES:
            address = {"page_urls": where}
        channel = watch.add_channel(library, kind, channel_name, by=owner, **address)
        watched[key] = (library, channel)
    taken = 0
    for key, (library, channel) in watched.items():
        lines = [
            json.dumps({"title": title, "text": text, "published": day}, ensure_ascii=False)
            for post_key, day, title, text, _codes in POSTS
            if post_key == key
        ]
        job = ingest_content(
            "\n".join(lines).encode(), library=library, source="sample posts", format="jsonl", channel=channel, by=owner
        )
        taken += job.created
    sample = [library for library, _channel in watched.values()]
    sample += [libraries[slug] for slug in ("wuhan", "hangzhou") if slug in libraries]
    study = watch.create_study(
        title=STUDY_TITLE,
        description="示例研究：观察四家未使用 Lantern 的图书馆的公告并进行双人编码。 A sample study, double-coded.",
        owner=owner,
        starts_on=datetime.date(2020, 1, 20),
        until_reopening=True,
        double_coding_percent=30,
        libraries=sample,
        coders=[owner, second],
    )
    Study.objects.filter(pk=study.pk).update(is_demo=True)
    coding.assign_posts(study)
    _code(study)
    return taken


def _code(study: Study) -> None:
    """Code every assigned post as the sample's careful coder would, with a few honest disagreements."""
    intended = {title: codes for _key, _day, title, _text, codes in POSTS}
    doubled = 0
    for assignment in Assignment.objects.filter(study=study).select_related("post", "coder").order_by("pk"):
        post: Post = assignment.post
        codes = intended.get(post.title)
        if codes is None:
            continue
        if assignment.double and assignment.coder.username == "coder@example.org":
            doubled += 1
            if doubled % 3 == 1:  # every third doubled post: the second coder also sees an information service
                codes = (
                    [*codes, "information"]
                    if "information" not in codes
                    else [c for c in codes if c != "information"] or ["emergency"]
                )
        coding.save_coding(post, assignment.coder, codes, suggestions_shown=not assignment.double)
