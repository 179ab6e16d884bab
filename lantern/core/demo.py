"""Sample network, libraries, partners and accounts for `lantern demo`. Safe to run again: it only
creates what is missing and never changes what exists."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .models import Library, Network, Partner, Role, ServiceMode

DEMO_PASSWORD = "lantern-demo-2020"

LIBRARIES = [
    # slug, zh, en, province (zh/en), city, level, current mode, days in mode, zh message, en message
    (
        "wuhan",
        "武汉图书馆（示例）",
        "Wuhan Library (sample)",
        "湖北省",
        "武汉市",
        "municipal",
        ServiceMode.CLOSED,
        12,
        "疫情防控期间暂停开放，线上服务照常：电子书、线上讲座、咨询。",
        "Closed during the epidemic; online services continue: e-books, online talks, ask a librarian.",
    ),
    (
        "hangzhou",
        "杭州图书馆（示例）",
        "Hangzhou Public Library (sample)",
        "浙江省",
        "杭州市",
        "municipal",
        ServiceMode.CONTACTLESS,
        8,
        "到馆服务暂停，可在线预约图书快递到家或无接触取书。",
        "No visits for now: order books online for home delivery or contactless pickup.",
    ),
    (
        "chengdu",
        "成都图书馆（示例）",
        "Chengdu Public Library (sample)",
        "四川省",
        "成都市",
        "municipal",
        ServiceMode.APPOINTMENT,
        5,
        "恢复开放，实行预约限流入馆，请提前预约时段。",
        "Open again with timed entry: book a visit slot before you come.",
    ),
    (
        "guangzhou",
        "广州图书馆（示例）",
        "Guangzhou Library (sample)",
        "广东省",
        "广州市",
        "municipal",
        ServiceMode.OPEN,
        30,
        "",
        "",
    ),
    (
        "harbin",
        "哈尔滨市图书馆（示例）",
        "Harbin Library (sample)",
        "黑龙江省",
        "哈尔滨市",
        "municipal",
        ServiceMode.CLOSED,
        3,
        "因本地疫情暂停开放，预计两周后恢复。",
        "Closed for a local outbreak; expected to reopen in two weeks.",
    ),
    (
        "kunming",
        "昆明市图书馆（示例）",
        "Kunming Library (sample)",
        "云南省",
        "昆明市",
        "municipal",
        ServiceMode.OPEN,
        60,
        "",
        "",
    ),
]

PARTNERS = [
    ("湖北省博物馆（示例）", "Hubei Museum (sample)", "museum", ["wuhan"]),
    ("新华书店（示例）", "Xinhua Bookstore (sample)", "bookstore", ["hangzhou", "chengdu", "wuhan"]),
    ("城市快递（示例）", "City Courier (sample)", "courier", ["hangzhou", "chengdu"]),
    ("方舱医院阅读角（示例）", "Shelter Hospital Reading Corner (sample)", "hospital", ["wuhan"]),
    ("社区服务中心（示例）", "Community Service Centre (sample)", "community", ["harbin", "kunming"]),
]

# identifier, name, (role kind, library slug | "network")
ACCOUNTS = [
    ("admin@example.org", "演示管理员 Demo admin", None),
    ("coordinator@example.org", "联盟协调员 Network coordinator", (Role.Kind.COORDINATOR, "network")),
    ("manager.wuhan@example.org", "王馆长 Manager Wang", (Role.Kind.MANAGER, "wuhan")),
    ("staff.wuhan@example.org", "李老师 Librarian Li", (Role.Kind.STAFF, "wuhan")),
    ("staff.hangzhou@example.org", "陈老师 Librarian Chen", (Role.Kind.STAFF, "hangzhou")),
    ("researcher@example.org", "周研究员 Researcher Zhou", (Role.Kind.RESEARCHER, None)),
    ("coder@example.org", "吴编码员 Coder Wu", (Role.Kind.RESEARCHER, None)),
    ("reader@example.org", "张读者 Reader Zhang", None),
    ("13800138000", "刘读者 Reader Liu", None),
]


def load(stdout=None) -> dict:
    """Create the sample network; return {"network": ..., "libraries": {slug: Library}, "accounts": [...]}."""
    network, _created = Network.objects.get_or_create(
        slug="demo-network",
        defaults={
            "name_zh_hans": "示例城市图书馆联盟",
            "name_en": "Sample City Library Network",
            "kind": Network.Kind.CONSORTIUM,
            "is_demo": True,
        },
    )
    now = timezone.now()
    libraries = {}
    for slug, zh, en, province, city, level, mode, days, msg_zh, msg_en in LIBRARIES:
        library = Library.objects.filter(slug=slug).first()
        if library is None:
            library = Library.objects.create(
                slug=slug,
                name_zh_hans=zh,
                name_en=en,
                province=province,
                city=city,
                level=level,
                network=network,
                is_demo=True,
                address=f"{province}{city}示例路1号",
                phone="010-00000000",
                email=f"{slug}@library.example.org",
            )
            # A closure history: every library closed for the outbreak; some have stepped back since.
            if mode == ServiceMode.CLOSED:
                services.set_service_mode(
                    library,
                    mode,
                    since=now - datetime.timedelta(days=days),
                    reason="疫情防控 Epidemic",
                    message_zh=msg_zh,
                    message_en=msg_en,
                    expected_reopening=(now + datetime.timedelta(days=14)).date(),
                )
            else:
                services.set_service_mode(
                    library,
                    ServiceMode.CLOSED,
                    since=now - datetime.timedelta(days=days + 20),
                    reason="疫情防控 Epidemic",
                    message_zh="疫情防控期间暂停开放。",
                    message_en="Closed during the epidemic.",
                )
                services.set_service_mode(
                    library,
                    mode,
                    since=now - datetime.timedelta(days=days),
                    reason="分阶段恢复 Phased reopening",
                    message_zh=msg_zh,
                    message_en=msg_en,
                )
        libraries[slug] = library

    for zh, en, kind, slugs in PARTNERS:
        partner, created = Partner.objects.get_or_create(
            name_zh_hans=zh, defaults={"name_en": en, "kind": kind, "is_demo": True}
        )
        if created:
            partner.libraries.set([libraries[s] for s in slugs])

    User = get_user_model()
    accounts = []
    for identifier, name, role in ACCOUNTS:
        id_kind, username = services.normalize_identifier(identifier)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, name=name, **{id_kind: username})
            user.set_password(DEMO_PASSWORD)
            if identifier.startswith("admin@"):
                user.is_staff = user.is_superuser = True
            user.save()
            if role is None and not user.is_superuser:
                services.issue_card(user, libraries["wuhan"])
            elif role is not None:
                kind, where = role
                places = {"network": {"network": network}, None: {}}
                place = places.get(where, {"library": libraries.get(where)})
                services.grant_role(user, kind, **place)
        accounts.append((identifier, name, role))
    return {"network": network, "libraries": libraries, "accounts": accounts}
