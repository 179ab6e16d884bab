"""A sample decision-support brief at the wuhan and hangzhou demo libraries: a final brief to a city office
(wuhan's in Chinese, hangzhou's in English), citing the library's published notices (and its rumour checks
when their sample data is there). Goes through the services; running it again creates nothing. Load it after
demo_hub."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lantern.core.models import Library
from lantern.core.services import normalize_identifier

from .models import Brief
from .services import briefs as services

STAFF = {"wuhan": "staff.wuhan@example.org", "hangzhou": "staff.hangzhou@example.org"}
BRIEFS = {
    "wuhan": (
        "武汉市新冠肺炎疫情信息周报（第 6 期）",
        "武汉市新冠肺炎疫情防控指挥部办公室",
        "<h2>本周要点</h2><p>市民咨询集中在发热门诊位置、居家防护和出行安排。"
        "网传“喝高度白酒可以预防病毒”等谣言仍在微信群传播，建议通过社区网格员加强辟谣。</p>"
        "<h2>建议</h2><ul><li>在社区公告栏张贴发热门诊名单。</li><li>为老年人提供电话咨询渠道。</li></ul>",
        "国家卫生健康委员会 新型冠状病毒肺炎防控方案 https://www.nhc.gov.cn/\n湖北省疾病预防控制中心 https://www.hbcdc.cn/",
        "zh-hans",
    ),
    "hangzhou": (
        "Information needs as Hangzhou returns to work",
        "General Office of the Hangzhou Municipal People's Government",
        "<h2>Overview</h2><p>Readers ask most about applying for the health code and about masks in public "
        "places. Employees want to know how to declare their health before returning to work.</p>"
        "<h2>Recommendation</h2><p>Put a health-code FAQ on the front page of the government website.</p>",
        "Zhejiang Provincial Health Commission https://wsjkw.zj.gov.cn/",
        "en",
    ),
}


def load(libraries: dict[str, Library], now: datetime.datetime | None = None) -> int:
    """Create and finalise one brief per demo library; return how many were made."""
    now = now or timezone.now()
    made = 0
    users = get_user_model().objects
    with transaction.atomic():
        for slug, (title, recipient, summary, sources, language) in BRIEFS.items():
            library = libraries.get(slug)
            if library is None or Brief.objects.filter(library=library, is_demo=True, title=title).exists():
                continue
            by = users.filter(username=normalize_identifier(STAFF[slug])[1]).first()
            today = timezone.localdate(now)
            brief = services.create_brief(
                library,
                by=by,
                title=title,
                recipient=recipient,
                recipient_kind=Brief.RecipientKind.GOVERNMENT,
                language=language,
                period_start=today - datetime.timedelta(days=7),
                period_end=today,
                summary=summary,
                sources=sources,
                bulletins=services.usable_bulletins(library),
                rumour_checks=services.usable_checks(library)[:3],
            )
            Brief.objects.filter(pk=brief.pk).update(is_demo=True)
            services.finalise_brief(brief, by=by)
            made += 1
    return made
