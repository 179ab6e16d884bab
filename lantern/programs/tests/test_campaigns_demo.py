"""The sample joint campaign: published across the demo network, four libraries with activities in both
languages, ServiceRecords for each, what a visitor sees on its page; loaded once."""

import pytest
from django.utils import timezone

from lantern.core import demo as core_demo
from lantern.insights.models import ServiceRecord
from lantern.programs import demo_campaigns
from lantern.programs.models import Activity, Campaign, Participation

pytestmark = pytest.mark.django_db


def test_demo_campaign_is_published_joined_and_loads_once(client):
    libraries = core_demo.load()["libraries"]
    assert demo_campaigns.load(libraries, timezone.now()) == 1 + 2 + 4 + 5

    campaign = Campaign.objects.get()
    assert campaign.is_demo and campaign.status == "published" and campaign.network.slug == "demo-network"
    assert campaign.created_by.username == "coordinator@example.org"
    assert Participation.objects.filter(campaign=campaign).count() == 4
    assert not Activity.objects.filter(title_en=None).exists() and not Activity.objects.filter(title_zh_hans=None)
    records = ServiceRecord.objects.filter(title_en=demo_campaigns.TITLE_EN)
    assert records.count() == 4
    assert all(r.reading_online and r.social_participation and r.cross_industry for r in records)

    page = client.get(campaign.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ("One city, one book", "#同读一本书", "Wuhan Library (sample)", "The director reads chapter one"):
        assert text in page
    page = client.get(campaign.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "同读一本书·抗疫共读" in page and "馆长领读第一章" in page
    assert "同读一本书" in client.get("/wuhan/campaigns/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()

    assert demo_campaigns.load(libraries, timezone.now()) == 0
    assert Campaign.objects.count() == 1 and Activity.objects.count() == 5
