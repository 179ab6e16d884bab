"""Sample online reading group at the closed demo library (Wuhan): reading 《鼠疫》 (The Plague) with a guest
writer and a librarian as hosts, a bookstore partner, three sessions, members (reader@example.org among them)
and posts in Chinese and English, one still waiting for approval. Everything goes through the services, so the
ServiceRecord and the audit log are real. Running it again creates nothing once the group exists."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.catalogue.models import Record
from lantern.core.demo import DEMO_PASSWORD
from lantern.core.models import Library, Partner
from lantern.core.services import normalize_identifier, notices_kept_not_sent

from .models import ReadingGroup
from .services import groups as services
from .services import groups_board as board

LIBRARY = "wuhan"
BOOK = "鼠疫"
STAFF = "staff.wuhan@example.org"
WRITER = ("writer@example.org", "林溪（示例作家） Writer Lin Xi")
WRITER_INTRODUCTION = "小说家，长居武汉，著有长篇小说《江城纪事》（示例）。 Novelist living in Wuhan (sample)."
MEMBERS = [
    ("reader@example.org", ""),
    ("13800138000", ""),
    ("reader.chen@example.org", "陈读者 Reader Chen"),
    ("reader.he@example.org", "何读者 Reader He"),
]
SESSIONS = [  # days from now, topic zh, topic en
    (2, "第一部：封城之前", "Part one: before the city closed"),
    (9, "第二、三部：隔离中的人们", "Parts two and three: people in isolation"),
    (16, "第四、五部：希望与记忆", "Parts four and five: hope and memory"),
]
POSTS = [  # member index (or "writer"), text, approved
    ("writer", "欢迎大家！读的时候留意里厄医生每天做的小事。", True),
    (0, "读到奥兰封城那一段，窗外的武汉也是这样安静。\n\n我们都在等待。", True),
    (2, "I am reading the English translation. Rieux says the only way to fight the plague is decency.", True),
    (3, "塔鲁说“我们都在鼠疫之中”，这句话让我想了很久。", True),
    (1, "<strong>推荐</strong>配合有声书一起听，效果很好。", False),
]


def _account(identifier: str, name: str):
    users = get_user_model().objects
    kind, username = normalize_identifier(identifier)
    user = users.filter(username=username).first()
    if user is None:
        user = users.model(username=username, name=name, **{kind: username})
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample reading group; return how many objects were made (0 when it is there already)."""
    library = libraries.get(LIBRARY)
    if library is None or ReadingGroup.objects.filter(library=library, is_demo=True).exists():
        return 0
    now = now or timezone.now()
    book = Record.objects.filter(library=library, title=BOOK).first() or Record.objects.filter(library=library).first()
    staff = get_user_model().objects.filter(username=STAFF).first()
    if book is None or staff is None:
        return 0
    users_before = get_user_model().objects.count()
    writer = _account(*WRITER)
    members = [_account(identifier, name) for identifier, name in MEMBERS]
    partners = Partner.objects.filter(kind=Partner.Kind.BOOKSTORE, is_demo=True, libraries=library)[:1]
    made = 0
    with transaction.atomic(), notices_kept_not_sent():
        group = services.create_group(
            library,
            by=staff,
            name_zh="封城共读：加缪《鼠疫》",
            name_en="Reading together in lockdown: Camus, The Plague",
            description_zh="每周一次线上共读，由作家林溪和图书馆员李老师主持。在讨论区写下你的感想。",
            description_en="An online reading group once a week, led by the writer Lin Xi and librarian Li. "
            "Share your thoughts on the board.",
            record=book,
            partners=list(partners),
            premoderated=True,
        )
        ReadingGroup.objects.filter(pk=group.pk).update(is_demo=True)
        services.add_host(group, WRITER[0], introduction=WRITER_INTRODUCTION, by=staff)
        services.add_host(group, STAFF, introduction="武汉图书馆阅读推广馆员 Reading-promotion librarian", by=staff)
        made += 3
        for days, topic_zh, topic_en in SESSIONS:
            starts = timezone.localtime(now + datetime.timedelta(days=days)).replace(
                hour=19, minute=30, second=0, microsecond=0
            )
            services.add_session(
                group,
                by=staff,
                topic_zh=topic_zh,
                topic_en=topic_en,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=1, minutes=30),
                online_link=f"https://meeting.example.org/lantern-demo-{days}",
            )
            made += 1
        services.publish_group(group, by=staff, now=now)
        for member in members:
            services.join(group, member)
            made += 1
        for who, text, approved in POSTS:
            author = writer if who == "writer" else members[who]
            post = board.post_to_board(group, author, text)
            if approved and post.status != post.Status.VISIBLE:
                board.approve_post(post, by=writer)
            made += 1
    return made + get_user_model().objects.count() - users_before
