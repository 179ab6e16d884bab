"""Sample rumour checks at the wuhan demo library about epidemic claims of 2020, one for each verdict (true,
false, misleading, unproven), in Chinese and English, with evidence from health authorities; and messages
readers doubt: two waiting in the queue, one answered by a check. Everything goes through the services
(ServiceRecords are real); running it again creates nothing.

Doubts have no `is_demo` flag: they are recognised by their text, and made only for demo accounts.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from lantern.core.models import Library
from lantern.core.services import normalize_identifier, notices_kept_not_sent

from .models import Doubt, RumourCheck, Topic
from .services import rumours as services

STAFF = "staff.wuhan@example.org"
MANAGER = "manager.wuhan@example.org"
READER = "reader@example.org"

# verdict, claim zh/en, where it circulated, first seen, summary zh/en, explanation zh/en, topic (English
# name, if the library has it), evidence [(title, url, publisher, date, note zh, note en)]
CHECKS = [
    (
        RumourCheck.Verdict.FALSE,
        "多喝热水、用高温就能杀死新冠病毒",
        "Drinking hot water kills the new coronavirus",
        "微信群 WeChat groups",
        datetime.date(2020, 1, 28),
        "错误：喝热水不能杀死体内的病毒，也不能预防感染。",
        "False: hot water does not kill the virus in the body and does not prevent infection.",
        "<p>体温调节让身体内部保持在约 37℃，喝下的热水很快降到体温，不可能把体内病毒“烫死”。</p>"
        "<p>世界卫生组织明确指出，洗热水澡或喝热水不能预防新冠肺炎。能降低风险的是勤洗手、戴口罩、保持社交距离。</p>",
        "<p>The body keeps itself at about 37 °C: the hot water you drink cools to body temperature at once and "
        "cannot ‘cook’ a virus inside you.</p><p>The World Health Organization says plainly that hot baths or "
        "hot drinks do not prevent COVID-19. Washing hands, wearing a mask and keeping a distance do.</p>",
        "Prevention measures",
        [
            (
                "Coronavirus disease (COVID-19) advice for the public: Mythbusters",
                "https://www.who.int/emergencies/diseases/novel-coronavirus-2019/advice-for-public/myth-busters",
                "World Health Organization",
                datetime.date(2020, 3, 1),
                "世卫组织：热水澡不能预防新冠肺炎。",
                "WHO: taking a hot bath does not prevent COVID-19.",
            ),
            (
                "新型冠状病毒感染的肺炎公众防护指南",
                "http://www.nhc.gov.cn/",
                "国家卫生健康委员会",
                datetime.date(2020, 1, 31),
                "防护要点：洗手、戴口罩、减少聚集。",
                "Protection: wash hands, wear a mask, avoid gatherings.",
            ),
        ],
    ),
    (
        RumourCheck.Verdict.TRUE,
        "图书馆会对读者归还的图书进行消毒或隔离后再借出",
        "Libraries disinfect or set aside returned books before lending them again",
        "读者留言 Readers' comments",
        datetime.date(2020, 3, 10),
        "正确：恢复开放的公共图书馆按指南对归还图书消毒或隔离存放后再上架。",
        "True: reopened public libraries disinfect returned books or keep them aside before shelving them again.",
        "<p>2020 年公共图书馆恢复开放时，文化和旅游部发布的指南要求对归还文献进行消毒处理。</p>"
        "<p>本馆的做法：还书箱收回的图书先隔离存放，再上架借出。</p>",
        "<p>When public libraries reopened in 2020, the Ministry of Culture and Tourism's guidelines asked them "
        "to disinfect returned items.</p><p>At this library, returned books are kept aside first, then shelved "
        "and lent again.</p>",
        "Prevention measures",
        [
            (
                "公共图书馆恢复开放疫情防控指南",
                "https://www.mct.gov.cn/",
                "文化和旅游部",
                datetime.date(2020, 2, 25),
                "指南要求对归还文献消毒。",
                "The guidelines ask libraries to disinfect returned items.",
            ),
        ],
    ),
    (
        RumourCheck.Verdict.MISLEADING,
        "双黄连口服液可以预防新冠病毒",
        "Shuanghuanglian oral liquid prevents the new coronavirus",
        "新闻转发与微信群 Forwarded news and WeChat groups",
        datetime.date(2020, 1, 31),
        "误导：实验室里的初步发现被说成了“能预防”，并没有证据表明服用能预防感染。",
        "Misleading: an early laboratory finding was turned into ‘it prevents’; nothing shows taking it "
        "prevents infection.",
        "<p>研究机构发布的是体外实验中“能抑制病毒”的初步结果，不等于人服用后能预防感染。</p>"
        "<p>人民日报等媒体随后提醒：不要抢购、不要自行服用。</p>",
        "<p>The research institute reported an early test-tube result (it inhibits the virus in the lab); that "
        "is not the same as preventing infection in people who take it.</p><p>Newspapers soon warned readers "
        "not to rush to buy it nor take it on their own.</p>",
        "Getting medical care",
        [
            (
                "双黄连能预防新冠病毒？别抢购了",
                "http://www.people.com.cn/",
                "人民日报",
                datetime.date(2020, 2, 1),
                "提醒公众不要抢购、自行服用。",
                "Asks the public not to rush to buy it or take it on their own.",
            ),
        ],
    ),
    (
        RumourCheck.Verdict.UNPROVEN,
        "大量补充维生素 C 能防止感染新冠病毒",
        "Taking large doses of vitamin C stops you catching the new coronavirus",
        "短视频平台 A video platform",
        datetime.date(2020, 2, 5),
        "未证实：目前没有证据表明大剂量维生素 C 能预防新冠病毒感染。",
        "Unproven: there is no evidence yet that large doses of vitamin C prevent infection.",
        "<p>维生素 C 是必需营养素，但截至目前没有研究证明大剂量服用能防止感染新冠病毒。</p>"
        "<p>临床研究仍在进行中。正常饮食即可，不必大量服用。</p>",
        "<p>Vitamin C is an essential nutrient, but no study so far shows that large doses stop infection with "
        "the new coronavirus.</p><p>Clinical studies are still running. A normal diet is enough.</p>",
        "Getting medical care",
        [
            (
                "Coronavirus disease (COVID-19) advice for the public: Mythbusters",
                "https://www.who.int/emergencies/diseases/novel-coronavirus-2019/advice-for-public/myth-busters",
                "World Health Organization",
                datetime.date(2020, 3, 1),
                "尚无证据表明任何膳食补充剂能预防新冠肺炎。",
                "No dietary supplement has been shown to prevent COVID-19.",
            ),
        ],
    ),
]

# text, sender (a demo account or an email), the English claim of the check answering it (None: open)
DOUBTS = [
    (
        "群里都在转：每天喝几次热水，把病毒冲到胃里用胃酸杀死，就不会得肺炎了。是真的吗？",
        READER,
        "Drinking hot water kills the new coronavirus",
    ),
    ("听说 5G 基站会传播新冠病毒，小区里有人要拆基站。", READER, None),
    (
        "A video says holding your breath for 10 seconds shows you do not have the virus. True?",
        "visitor@example.org",
        None,
    ),
]


def _user(identifier: str):
    return get_user_model().objects.filter(username=normalize_identifier(identifier)[1]).first()


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample checks and doubts; return how many new objects were made."""
    library = libraries.get("wuhan")
    if library is None:
        return 0
    made = 0
    staff, manager = _user(STAFF), _user(MANAGER)
    with transaction.atomic(), notices_kept_not_sent():
        for text, sender, _answer in DOUBTS:
            if Doubt.objects.filter(library=library, text=text).exists():
                continue
            reader = _user(sender) if sender == READER else None
            services.send_doubt(library, text=text, reader=reader, email="" if reader else sender)
            made += 1
        for row in CHECKS:
            if RumourCheck.objects.filter(library=library, is_demo=True, claim_en=row[2]).exists():
                continue
            _make(library, row, staff, manager)
            made += 1
    return made


def _make(library: Library, row, staff, manager) -> RumourCheck:
    verdict, claim_zh, claim_en, where, seen, summary_zh, summary_en, expl_zh, expl_en, topic, evidence = row
    values = {
        "claim_zh_hans": claim_zh,
        "claim_en": claim_en,
        "circulated_in": where,
        "first_seen_on": seen,
        "verdict": verdict,
        "summary_zh_hans": summary_zh,
        "summary_en": summary_en,
        "explanation_zh_hans": expl_zh,
        "explanation_en": expl_en,
    }
    topics = Topic.objects.filter(library=library, name_en=topic)
    check = services.save_check(library, values, topics=topics, by=staff)
    RumourCheck.objects.filter(pk=check.pk).update(is_demo=True)
    for title, url, publisher, date, note_zh, note_en in evidence:
        services.add_evidence(
            check,
            {
                "title": title,
                "url": url,
                "publisher": publisher,
                "published_on": date,
                "note_zh_hans": note_zh,
                "note_en": note_en,
            },
            by=staff,
        )
    for text, _sender, answer in DOUBTS:
        doubt = Doubt.objects.filter(library=library, text=text, status=Doubt.Status.OPEN).first()
        if answer == claim_en and doubt is not None:
            services.link_doubt(doubt, check, by=staff)
    if not services.submit_check(check, by=staff):
        # The library asks for a second person's approval: the manager approves.
        services.approve_check(check, by=manager)
    return check
