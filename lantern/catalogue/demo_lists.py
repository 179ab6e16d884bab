"""Sample reading lists for `lantern demo`: the lists libraries really published in the 2020 closures
(classics at home, epidemic knowledge for the elderly, family reading, reading therapy for medical staff),
built from each demo library's own records plus free outside e-resources, and published.

Safe to run again: a list is matched by its library and Chinese title, and only missing lists are created.
Libraries without records are skipped (load the records demo first).
"""

from django.db import transaction
from django.db.models import Q

from lantern.core.models import Library

from .models import ReadingList, Record
from .services import lists as services

PER_LIST = 6

# zh title, en title, zh theme, en theme, audience, purpose, title/subject keywords, notes (zh, en), outside
LISTS = [
    (
        "居家读经典",
        "Classics at home",
        "闭馆不闭学：馆员为居家的读者挑选的中外经典，电子版可以在家直接阅读。",
        "The building is closed, reading is not: classics from China and abroad chosen for readers at home.",
        ReadingList.Audience.GENERAL,
        ReadingList.Purpose.CLASSICS_AT_HOME,
        ["红楼梦", "三国演义", "西游记", "水浒传", "呐喊", "围城", "活着", "乡土中国", "文学", "小说", "Fiction"],
        [
            ("值得一读再读的经典，适合整块的居家时间。", "A classic worth rereading, for long days at home."),
            ("馆员推荐：每天读一章，一个月读完。", "Librarian's tip: a chapter a day, finished in a month."),
        ],
        [
            (
                "国家图书馆 中华古籍资源库",
                "http://read.nlc.cn/thematDataSearch/toGujiIndex",
                "免费在线阅读古籍善本",
                "Rare classical books online, free",
            ),
            (
                "Project Gutenberg",
                "https://www.gutenberg.org/",
                "七万余种公版电子书，免费下载",
                "Over 70,000 free public-domain e-books",
            ),
        ],
    ),
    (
        "老年人防疫知识",
        "Epidemic knowledge for the elderly",
        "字大、话简单、来源可靠：帮助长辈了解防护知识，辨别谣言。",
        "Large print, plain words, trusted sources: helping older readers protect themselves and spot rumours.",
        ReadingList.Audience.ELDERLY,
        ReadingList.Purpose.EPIDEMIC_KNOWLEDGE,
        ["防疫", "疫情", "瘟疫", "传染", "病毒", "防护", "健康", "Epidemic", "Influenza", "Plague"],
        [
            ("讲清楚病毒怎样传播、怎样防护。", "Explains how the virus spreads and how to protect yourself."),
            ("可以请家人帮忙扫码，在手机上放大阅读。", "Ask a relative to scan the code and enlarge the text."),
        ],
        [
            (
                "国家卫生健康委员会 疫情防控",
                "http://www.nhc.gov.cn/",
                "官方发布的防控知识与最新通报",
                "Official prevention advice and daily updates",
            ),
            (
                "World Health Organization: advice for the public",
                "https://www.who.int/emergencies/diseases",
                "世界卫生组织面向公众的防护建议",
                "The WHO's advice for the public",
            ),
        ],
    ),
    (
        "亲子阅读：在家陪孩子读书",
        "Family reading at home",
        "停课不停学：适合家长和孩子一起读的图书和有声书。",
        "School is out, stories are in: books and audiobooks for parents and children to share.",
        ReadingList.Audience.FAMILIES,
        ReadingList.Purpose.FAMILY_READING,
        ["儿童", "少儿", "童话", "绘本", "亲子", "科普", "Children", "Juvenile"],
        [
            ("适合睡前亲子共读，每次读一小段。", "Good for bedtime reading together, a little each night."),
            ("读完可以和孩子聊聊书里的问题。", "Talk about the questions in the book with your child afterwards."),
        ],
        [
            (
                "International Children's Digital Library",
                "http://childrenslibrary.org/",
                "多语种儿童图书，免费在线阅读",
                "Children's books in many languages, free online",
            ),
        ],
    ),
    (
        "医护人员阅读疗愈书单",
        "Reading therapy for medical staff",
        "献给一线的医护人员：短小、温暖、可以随时放下的阅读。",
        "For the medical staff on the front line: short, warm reading you can put down at any moment.",
        ReadingList.Audience.MEDICAL_STAFF,
        ReadingList.Purpose.READING_THERAPY,
        ["心理", "散文", "诗", "随笔", "生活", "Love", "Mind", "Poetry"],
        [
            ("十分钟读一篇，帮助在忙碌间隙放松。", "Ten minutes a piece, to unwind between shifts."),
            ("有声版适合下班路上收听。", "The audio edition suits the journey home."),
        ],
        [
            (
                "喜马拉雅 心理疗愈专辑",
                "https://www.ximalaya.com/",
                "免费收听的心理疏导音频",
                "Free audio for stress and sleep",
            ),
        ],
    ),
]


def _pick_records(library: Library, keywords: list[str]) -> list[Record]:
    """Records whose title (or subjects) match the keywords, in keyword order; filled up with any records."""
    chosen: list[Record] = []
    for keyword in keywords:
        if len(chosen) >= PER_LIST:
            break
        match = (
            Record.objects.at(library)
            .filter(Q(title__icontains=keyword) | Q(subjects__icontains=keyword))
            .exclude(pk__in=[r.pk for r in chosen])
            .order_by("pk")
            .first()
        )
        if match:
            chosen.append(match)
    if len(chosen) < PER_LIST:
        others = Record.objects.at(library).exclude(pk__in=[r.pk for r in chosen]).order_by("pk")
        chosen += list(others[: PER_LIST - len(chosen)])
    return chosen


def _create(library: Library, spec) -> ReadingList:
    title_zh, title_en, theme_zh, theme_en, audience, purpose, keywords, notes, outside = spec
    reading_list = services.create_list(
        library,
        title_zh=title_zh,
        title_en=title_en,
        theme_zh=theme_zh,
        theme_en=theme_en,
        audience=audience,
        purpose=purpose,
    )
    for n, record in enumerate(_pick_records(library, keywords)):
        note_zh, note_en = notes[n % len(notes)]
        services.add_record_entry(reading_list, record, note_zh=note_zh, note_en=note_en)
    for title, url, note_zh, note_en in outside:
        services.add_outside_entry(reading_list, title=title, url=url, note_zh=note_zh, note_en=note_en)
    services.publish_list(reading_list)
    return reading_list


def load(libraries: dict[str, Library]) -> int:
    """Create the missing sample lists of each library that has records; return how many were created."""
    created = 0
    for library in libraries.values():
        if not Record.objects.at(library).exists():
            continue
        for spec in LISTS:
            if ReadingList.objects.at(library).filter(title_zh_hans=spec[0]).exists():
                continue
            with transaction.atomic():
                _create(library, spec)
            created += 1
    return created
