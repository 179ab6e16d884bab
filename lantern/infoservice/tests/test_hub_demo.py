"""The sample notices: what a visitor to the wuhan and hangzhou demo libraries sees (topics, current notices
from health and government authorities, one pinned, an expired one gone from the page and the feed), in both
languages, loaded once."""

import feedparser
import pytest
from django.urls import reverse

from lantern.core import demo as core_demo
from lantern.infoservice import demo_hub
from lantern.infoservice.models import Bulletin, Topic
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_demo_notices_show_what_a_visitor_expects_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    made = demo_hub.load(libraries)
    assert made == sum(len(t) for t in demo_hub.TOPICS.values()) + len(demo_hub.NOTICES)
    assert all(b.title_zh_hans and b.title_en and b.body_zh_hans and b.body_en for b in Bulletin.objects.all())
    assert Bulletin.objects.filter(is_demo=True, status="published").count() == len(demo_hub.NOTICES)

    page = client.get(reverse("infoservice:hub", args=["wuhan"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert page.index("Fever clinics and designated hospitals in Wuhan") < page.index("Staying safe at home")
    assert "Temporary public transport changes" not in page
    chinese = client.get(reverse("infoservice:hub", args=["hangzhou"]), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "杭州健康码申领与使用说明" in chinese and "一季度返岗复工健康申报" not in chinese

    expired = Bulletin.objects.get(title_en__startswith="Temporary public transport")
    assert client.get(expired.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    feed = feedparser.parse(client.get(reverse("infoservice:feed", args=["wuhan"])).content)
    assert len(feed.entries) == 2

    records = ServiceRecord.objects.filter(information=True)
    assert records.count() == len(demo_hub.NOTICES) and all(r.cross_industry for r in records)
    assert Topic.objects.filter(library=libraries["wuhan"]).count() == 3

    assert demo_hub.load(libraries) == 0
    assert Bulletin.objects.count() == len(demo_hub.NOTICES)
