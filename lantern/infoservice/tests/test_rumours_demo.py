"""The sample rumour checks: what a visitor to the wuhan demo library sees (a check for each verdict, in both
languages, with health-authority sources), the doubts in the queue, loaded once."""

import pytest

from lantern.core import demo as core_demo
from lantern.infoservice import demo_rumours
from lantern.infoservice.models import Doubt, RumourCheck
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_demo_checks_show_each_verdict_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    made = demo_rumours.load(libraries)
    assert made == len(demo_rumours.CHECKS) + len(demo_rumours.DOUBTS)
    checks = RumourCheck.objects.filter(library__slug="wuhan", is_demo=True, status="published")
    assert {check.verdict for check in checks} == set(RumourCheck.Verdict.values)
    assert all(c.claim_zh_hans and c.claim_en and c.explanation_zh_hans and c.explanation_en for c in checks)
    assert ServiceRecord.objects.filter(information=True, cross_industry=True).count() == len(demo_rumours.CHECKS)

    page = client.get("/wuhan/rumours/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Drinking hot water kills the new coronavirus" in page and "Misleading" in page
    hot = checks.get(claim_en="Drinking hot water kills the new coronavirus")
    shown = client.get(hot.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "多喝热水" in shown and "World Health Organization" in shown

    assert Doubt.objects.filter(library__slug="wuhan", status="open").count() == 2
    answered = Doubt.objects.get(library__slug="wuhan", status="answered")
    assert answered.answer == hot and answered.reader.username == "reader@example.org"

    assert demo_rumours.load(libraries) == 0
    assert RumourCheck.objects.count() == len(demo_rumours.CHECKS) and Doubt.objects.count() == 3
