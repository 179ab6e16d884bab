"""The sample services for special groups: shown at Wuhan in both languages, the sign-language lessons with
Chinese captions served from the site, each counted as a social service for a targeted group; loaded once."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from lantern.core import demo as core_demo
from lantern.insights.models import ServiceRecord
from lantern.outreach import demo_special
from lantern.outreach.models import AccessibleService, Lesson

from .special_helpers import use_own_media_root

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def test_demo_services_are_shown_at_wuhan_in_both_languages_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    assert demo_special.load(libraries, timezone.now()) == 6  # 4 services + 2 lessons

    shown = AccessibleService.objects.filter(library__slug="wuhan", published=True, is_demo=True)
    assert shown.count() == 4
    assert all(s.title_zh_hans and s.title_en and s.who_zh_hans and s.who_en and s.how_en for s in shown)
    records = ServiceRecord.objects.filter(content_type=ContentType.objects.get_for_model(AccessibleService))
    assert records.count() == 4 and all(r.social and r.targeted_groups for r in records)

    chinese = client.get(reverse("outreach:access", args=["wuhan"]), headers={"accept-language": "zh-hans"})
    assert "手语防疫微课堂" in chinese.content.decode() and 'href="tel:027-85886000"' in chinese.content.decode()
    english = client.get(reverse("outreach:access", args=["wuhan"]), headers={"accept-language": "en"})
    assert "Ordering books by phone for older readers" in english.content.decode()

    lessons = Lesson.objects.filter(service__title_zh_hans="手语防疫微课堂").order_by("position")
    assert [lesson.title_zh_hans for lesson in lessons] == ["第一课：正确佩戴口罩", "第二课：七步洗手法"]
    service = lessons[0].service
    page = client.get(reverse("outreach:service", args=["wuhan", service.pk])).content.decode()
    assert page.count("<video controls") == 2 and "七步洗手法" in page
    track = client.get(reverse("outreach:lesson_captions", args=["wuhan", service.pk, lessons[1].pk]))
    assert track["Content-Type"].startswith("text/vtt") and "每次洗手至少二十秒" in track.content.decode()

    assert demo_special.load(libraries, timezone.now()) == 0
    assert AccessibleService.objects.count() == 4 and Lesson.objects.count() == 2
