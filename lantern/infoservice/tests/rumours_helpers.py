"""Builders for the rumour-check tests: a check with its evidence, published or not."""

from lantern.infoservice.models import RumourCheck
from lantern.infoservice.services import rumours as services

HEALTH = {"title": "Mythbusters", "url": "https://www.who.int/myths", "publisher": "World Health Organization"}


def check_values(**changes) -> dict:
    values = {
        "claim_zh_hans": "喝热水能杀死病毒",
        "claim_en": "Drinking hot water kills the virus",
        "circulated_in": "WeChat groups",
        "first_seen_on": None,
        "verdict": RumourCheck.Verdict.FALSE,
        "summary_zh_hans": "错误：热水不能杀死体内的病毒。",
        "summary_en": "False: hot water does not kill the virus in the body.",
        "explanation_zh_hans": "<p>身体保持在 37 度。</p>",
        "explanation_en": "<p>The body stays at 37 degrees.</p>",
    }
    values.update(changes)
    return values


def make_check(library, by, *, publish=False, evidence=(HEALTH,), topics=(), **changes) -> RumourCheck:
    check = services.save_check(library, check_values(**changes), topics=topics, by=by)
    for item in evidence:
        services.add_evidence(check, dict(item), by=by)
    if publish:
        services.submit_check(check, by=by, base_url="http://testserver/")
        check.refresh_from_db()
    return check
