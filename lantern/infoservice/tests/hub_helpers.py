"""Helpers of the hub and briefs tests: a notice's form values, and a notice or rumour check made quickly."""

import datetime

from django.utils import timezone

from lantern.infoservice.models import Bulletin, Publishable, RumourCheck
from lantern.infoservice.services import hub as services


def notice_values(**changes) -> dict:
    values = {
        "title_zh_hans": "发热门诊名单",
        "title_en": "Fever clinics",
        "body_zh_hans": "<p>全市发热门诊 24 小时接诊。</p>",
        "body_en": "<p>All fever clinics are open 24 hours.</p>",
        "authority": "武汉市卫生健康委员会",
        "source_url": "https://wjw.example.gov.cn/notice/1",
        "region": "武汉市",
        "issued_on": timezone.localdate() - datetime.timedelta(days=1),
        "verification": Bulletin.Verification.VERIFIED,
        "expires_at": timezone.now() + datetime.timedelta(days=7),
        "pinned": False,
    }
    values.update(changes)
    return values


def make_notice(library, by, *, publish=True, topics=(), **changes) -> Bulletin:
    bulletin = services.create_bulletin(library, by=by, topics=topics, **notice_values(**changes))
    if publish:
        services.submit_bulletin(bulletin, by=by)
        bulletin.refresh_from_db()
    return bulletin


def make_check(
    library, *, status=Publishable.PUBLISHED, claim="Drinking strong liquor prevents the virus"
) -> RumourCheck:
    check = RumourCheck.objects.create(
        library=library,
        claim_zh_hans="喝高度白酒可以预防病毒",
        claim_en=claim,
        verdict=RumourCheck.Verdict.FALSE,
        summary_zh_hans="白酒不能预防病毒。",
        summary_en="Liquor does not prevent the virus.",
        explanation_zh_hans="<p>没有证据。</p>",
        explanation_en="<p>There is no evidence.</p>",
        status=status,
        published_at=timezone.now() if status == Publishable.PUBLISHED else None,
    )
    check.evidence.create(title="WHO myth busters", url="https://www.who.example.int/myths", publisher="WHO")
    return check
