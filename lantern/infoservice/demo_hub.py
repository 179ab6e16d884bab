"""Sample information notices at the wuhan and hangzhou demo libraries, in Chinese and English: topics,
current notices from health and government authorities (one pinned), and one that has expired, so a visitor
sees the information page, the feed and an expired notice's own page. Everything goes through the services
(the ServiceRecords are real); running it again creates nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.core.models import Library
from lantern.core.services import normalize_identifier, notices_kept_not_sent

from .models import Bulletin, Topic
from .services import hub as services

# library: [(zh, en)] topics
TOPICS = {
    "wuhan": [("防控措施", "Prevention measures"), ("就医指引", "Getting medical care"), ("出行", "Travel")],
    "hangzhou": [("防控措施", "Prevention measures"), ("健康码", "Health codes")],
}
STAFF = {"wuhan": "staff.wuhan@example.org", "hangzhou": "staff.hangzhou@example.org"}

# library, zh title, en title, zh text, en text, zh authority / en authority, source, region, days ago issued,
# verification, days until it expires (None: no expiry; negative: expired), pinned, topic English names
NOTICES = [
    (
        "wuhan",
        "武汉市发热门诊与定点医院名单",
        "Fever clinics and designated hospitals in Wuhan",
        "<p>全市发热门诊均 24 小时接诊。出现发热、干咳等症状，请佩戴口罩就近就诊，避免乘坐公共交通。</p>",
        "<p>All fever clinics in the city are open 24 hours. With fever or a dry cough, wear a mask and go to the "
        "nearest one; avoid public transport.</p>",
        "武汉市卫生健康委员会 Wuhan Municipal Health Commission",
        "https://wjw.wuhan.gov.cn/",
        "武汉市 Wuhan",
        2,
        Bulletin.Verification.VERIFIED,
        30,
        True,
        ["Getting medical care"],
    ),
    (
        "wuhan",
        "居家防护指引（第二版）",
        "Staying safe at home (second edition)",
        "<ul><li>勤洗手，每次至少 20 秒。</li><li>每天开窗通风。</li><li>外出佩戴口罩，保持一米以上距离。</li></ul>",
        "<ul><li>Wash your hands often, for at least 20 seconds.</li><li>Air rooms every day.</li>"
        "<li>Wear a mask outside and keep a metre apart.</li></ul>",
        "湖北省疾病预防控制中心 Hubei Provincial CDC",
        "https://www.hbcdc.cn/",
        "湖北省 Hubei",
        5,
        Bulletin.Verification.OFFICIAL,
        None,
        False,
        ["Prevention measures"],
    ),
    (
        "wuhan",
        "春节期间公共交通临时调整",
        "Temporary public transport changes over the Spring Festival",
        "<p>春节期间地铁、公交临时调整运营时间，已于节后恢复。</p>",
        "<p>Metro and bus hours were changed over the Spring Festival; normal service has resumed.</p>",
        "武汉市人民政府 Wuhan Municipal People's Government",
        "https://www.wuhan.gov.cn/",
        "武汉市 Wuhan",
        20,
        Bulletin.Verification.VERIFIED,
        -3,
        False,
        ["Travel"],
    ),
    (
        "hangzhou",
        "杭州健康码申领与使用说明",
        "How to get and use the Hangzhou health code",
        "<p>通过支付宝或浙里办申领健康码。绿码可在市内通行；红码、黄码请按提示隔离并上报。</p>",
        "<p>Apply for the health code in Alipay or the Zheliban app. A green code lets you move around the city; "
        "with a red or yellow code, follow the instructions to isolate and report.</p>",
        "杭州市人民政府 Hangzhou Municipal People's Government",
        "https://www.hangzhou.gov.cn/",
        "杭州市 Hangzhou",
        3,
        Bulletin.Verification.VERIFIED,
        60,
        True,
        ["Health codes"],
    ),
    (
        "hangzhou",
        "公共场所佩戴口罩的要求",
        "Wearing masks in public places",
        "<p>进入商场、图书馆、医院等公共场所须佩戴口罩并接受体温检测。</p>",
        "<p>Masks and a temperature check are required in shops, libraries, hospitals and other public places.</p>",
        "浙江省卫生健康委员会 Zhejiang Provincial Health Commission",
        "https://wsjkw.zj.gov.cn/",
        "浙江省 Zhejiang",
        6,
        Bulletin.Verification.OFFICIAL,
        None,
        False,
        ["Prevention measures"],
    ),
    (
        "hangzhou",
        "一季度返岗复工健康申报",
        "Health declaration for returning to work (first quarter)",
        "<p>返岗人员须提前三天完成健康申报；本通知已到期。</p>",
        "<p>People returning to work had to declare their health three days ahead; this notice has expired.</p>",
        "杭州市疫情防控指挥部 Hangzhou Epidemic Prevention and Control Headquarters",
        "https://www.hangzhou.gov.cn/",
        "杭州市 Hangzhou",
        30,
        Bulletin.Verification.VERIFIED,
        -5,
        False,
        ["Prevention measures"],
    ),
]


def _user(identifier: str):
    return get_user_model().objects.filter(username=normalize_identifier(identifier)[1]).first()


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create the sample topics and notices; return how many new objects were made."""
    now = now or timezone.now()
    made = 0
    with transaction.atomic(), notices_kept_not_sent():
        for slug, names in TOPICS.items():
            library = libraries.get(slug)
            if library is None:
                continue
            for zh, en in names:
                if not Topic.objects.filter(library=library, name_en=en).exists():
                    services.create_topic(library, by=_user(STAFF[slug]), name_zh=zh, name_en=en)
                    made += 1
        for row in NOTICES:
            library = libraries.get(row[0])
            if library is None or Bulletin.objects.filter(library=library, is_demo=True, title_en=row[2]).exists():
                continue
            _make(library, row, now)
            made += 1
    return made


def _make(library: Library, row, now: datetime.datetime) -> Bulletin:
    slug, zh, en, body_zh, body_en, authority, source, region, ago, verification, expires, pinned, topics = row
    by = _user(STAFF[slug])
    today = timezone.localdate(now)
    # An expired notice is published while it was current, then its expiry passes (the service refuses a past
    # expiry, as it should for staff).
    valid_for = datetime.timedelta(days=abs(expires)) if expires is not None else None
    bulletin = services.create_bulletin(
        library,
        by=by,
        topics=Topic.objects.filter(library=library, name_en__in=topics),
        title_zh_hans=zh,
        title_en=en,
        body_zh_hans=body_zh,
        body_en=body_en,
        authority=authority,
        source_url=source,
        region=region,
        issued_on=today - datetime.timedelta(days=ago),
        verification=verification,
        expires_at=max(now, timezone.now()) + valid_for if valid_for else None,
        pinned=pinned,
    )
    Bulletin.objects.filter(pk=bulletin.pk).update(is_demo=True)
    services.submit_bulletin(bulletin, by=by)
    if expires is not None and expires < 0:
        Bulletin.objects.filter(pk=bulletin.pk).update(expires_at=now + datetime.timedelta(days=expires))
    return bulletin
