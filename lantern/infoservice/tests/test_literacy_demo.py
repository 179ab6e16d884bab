"""The sample guides: three published guides at Wuhan, in both languages, each with a quiz, counted as
information services (the two for groups as targeted), readable by a visitor; loading again creates nothing."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from lantern.core import demo as core_demo
from lantern.infoservice import demo_literacy
from lantern.infoservice.models import Guide, Publishable
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_demo_guides_are_published_in_both_languages_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    made = demo_literacy.load(libraries, timezone.now())
    assert made > 3
    guides = Guide.objects.filter(library__slug="wuhan")
    assert {g.title_en for g in guides} == {
        "How to check a health claim",
        "Finding reliable sources",
        "Using the library's databases from home",
    }
    for guide in guides:
        assert guide.status == Publishable.PUBLISHED and guide.is_demo
        assert guide.title_zh_hans and guide.body_zh_hans.startswith("<h2>") and guide.body_en.startswith("<h2>")
        assert 3 <= guide.questions.count() <= 4
        assert all(q.choices.filter(correct=True).count() == 1 and q.text_zh_hans for q in guide.questions.all())
    records = ServiceRecord.objects.filter(content_type=ContentType.objects.get_for_model(Guide))
    assert records.count() == 3 and all(r.information for r in records)
    assert records.filter(targeted_groups=True).count() == 2

    elders = client.get(
        reverse("infoservice:guides", args=["wuhan"]), {"audience": "elderly"}, headers={"accept-language": "en"}
    )
    text = elders.content.decode()
    assert "Using the library&#x27;s databases from home" in text and "How to check a health claim" in text
    assert "Finding reliable sources" not in text
    health = guides.get(title_en="How to check a health claim")
    page = client.get(reverse("infoservice:guide", args=["wuhan", health.pk]), headers={"accept-language": "zh-hans"})
    assert "如何核实一条健康说法" in page.content.decode() and "第一步" in page.content.decode()

    assert demo_literacy.load(libraries, timezone.now()) == 0
    assert Guide.objects.count() == 3
