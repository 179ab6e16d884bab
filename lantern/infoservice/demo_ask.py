"""Sample questions in the demo network's joint queue, in Chinese and English: one asked at Wuhan by the demo
reader and answered (and rated) by Hangzhou's librarian, one asked at Hangzhou by an email-only reader,
answered by Wuhan and published to the knowledge base, an open one, an overdue one, and canned answers at
both libraries. Everything goes through the services (the ServiceRecord of the published answer is real);
running it again creates nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.core.models import Library
from lantern.core.services import normalize_identifier, notices_kept_not_sent

from .models import CannedAnswer, KnowledgeEntry, Question
from .services import ask as services
from .services import ask_queue as queue

CANNED = [
    (
        "wuhan",
        "远程访问数据库 Databases from home",
        "<p>持读者证登录图书馆网站“数字资源”栏目，即可在家使用电子书和数据库。</p>"
        "<p>Sign in on the library's website with your card, then open “Digital resources” "
        "to use e-books and databases from home.</p>",
    ),
    (
        "hangzhou",
        "可靠的健康信息 Reliable health information",
        "<p>请以国家卫生健康委员会和本地疾控中心发布的信息为准。</p>"
        "<p>Rely on what the National Health Commission and the local CDC publish.</p>",
    ),
]

# key, asked at, answered by (None: open), language, asker (None: the demo reader), subject, body, answer,
# rating, published, hours overdue
QUESTIONS = [
    (
        "rated",
        "wuhan",
        "hangzhou",
        "zh-hans",
        None,
        "闭馆期间怎么借电子书？",
        "图书馆闭馆了，我想给孩子借一些电子绘本，应该怎么操作？",
        "<p>您好！闭馆期间电子资源照常开放：登录图书馆网站，在“数字资源”中选择少儿电子书即可在线阅读。</p>",
        5,
        False,
        0,
    ),
    (
        "published",
        "hangzhou",
        "wuhan",
        "en",
        ("Emma Brown", "emma.brown@example.org"),
        "How can I check whether a health rumour is true?",
        "My name is Emma Brown. A message in my family chat says vinegar kills the virus. "
        "How can I check it? You can call me on 138 0013 8000.",
        "<p>Look for the original source, then compare it with the National Health Commission and the local "
        "CDC. Our rumour checks page lists claims we have already checked.</p>",
        None,
        True,
        0,
    ),
    (
        "open",
        "wuhan",
        None,
        "en",
        None,
        "Where can I find the latest reopening rules?",
        "I would like to know which rules apply when the library reopens.",
        "",
        None,
        False,
        0,
    ),
    (
        "overdue",
        "hangzhou",
        None,
        "zh-hans",
        ("王先生", "wang.reader@example.org"),
        "老年人如何预约进馆？",
        "我父亲七十多岁，不会用手机，怎么预约进馆？",
        "",
        None,
        False,
        6,
    ),
]


def _user(identifier: str):
    return get_user_model().objects.filter(username=normalize_identifier(identifier)[1]).first()


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample questions and canned answers; return how many objects were made."""
    now = now or timezone.now()
    reader = _user("reader@example.org")
    staff = {"wuhan": _user("staff.wuhan@example.org"), "hangzhou": _user("staff.hangzhou@example.org")}
    made = 0
    with transaction.atomic(), notices_kept_not_sent():
        for slug, title, body in CANNED:
            library = libraries.get(slug)
            if library is None or CannedAnswer.objects.filter(library=library, title=title).exists():
                continue
            queue.save_canned(library, title=title, body=body, by=staff[slug])
            made += 1
        for row in QUESTIONS:
            made += _question(libraries, row, reader, staff, now)
    return made


def _question(libraries, row, reader, staff, now) -> int:
    _key, asked_at, answered_by, language, asker, subject, body, answer, rating, published, overdue = row
    library, helper = libraries.get(asked_at), libraries.get(answered_by) if answered_by else None
    if library is None or Question.objects.filter(library=library, subject=subject).exists():
        return 0
    if asker is None and reader is None:
        return 0
    name, email = asker or ("", "")
    question = services.ask(
        library,
        subject=subject,
        body=body,
        reader=None if asker else reader,
        name=name,
        email=email,
        joint=True,
        language=language,
    )
    made = 1
    if overdue:
        asked = now - datetime.timedelta(hours=overdue + 24)
        Question.objects.filter(pk=question.pk).update(
            created_at=asked, respond_by=now - datetime.timedelta(hours=overdue)
        )
    if helper is not None and staff.get(answered_by) is not None:
        librarian = staff[answered_by]
        queue.claim(question, by=librarian, library=helper)
        queue.answer(question, answer, by=librarian, library=helper)
        made += 1
        question.refresh_from_db()
        if rating:
            services.rate(question, rating, "很有帮助，谢谢！")
        if published and not KnowledgeEntry.objects.filter(source=question).exists():
            question_text, answer_text = services.masked_draft(question)
            queue.publish(
                question,
                question_text=question_text,
                answer_text=answer_text,
                by=librarian,
                library=helper,
                demo=True,
            )
            made += 1
    return made
