"""The sample briefs: one final brief to a city office at each of the wuhan and hangzhou demo libraries (one in
Chinese, one in English), citing the sample notices, seen by the library's staff only, loaded once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lantern.core import demo as core_demo
from lantern.core.services import normalize_identifier
from lantern.infoservice import demo_briefs, demo_hub
from lantern.infoservice.models import Brief
from lantern.insights.models import ServiceRecord

pytestmark = pytest.mark.django_db


def test_demo_briefs_are_final_seen_by_staff_only_and_load_once(client):
    libraries = core_demo.load()["libraries"]
    demo_hub.load(libraries)
    assert demo_briefs.load(libraries) == 2
    briefs = Brief.objects.filter(is_demo=True, status="final")
    assert {b.language for b in briefs} == {"zh-hans", "en"}
    assert all(b.bulletins.exists() and b.recipient_kind == "government" for b in briefs)
    wuhan = briefs.get(library__slug="wuhan")
    record = ServiceRecord.objects.get(title_zh_hans=wuhan.title)
    assert record.information and record.cross_industry

    url = reverse("infoservice:staff_brief", args=["wuhan", wuhan.pk])
    reader = get_user_model().objects.get(username=normalize_identifier("reader@example.org")[1])
    client.force_login(reader, backend="lantern.core.auth.EmailOrPhoneBackend")
    assert client.get(url).status_code == 404
    staff = get_user_model().objects.get(username=normalize_identifier("staff.wuhan@example.org")[1])
    client.force_login(staff, backend="lantern.core.auth.EmailOrPhoneBackend")
    page = client.get(url).content.decode()
    assert "武汉市卫生健康委员会" in page or "发热门诊" in page
    assert client.get(reverse("infoservice:staff_brief_pdf", args=["wuhan", wuhan.pk])).content.startswith(b"%PDF")

    assert demo_briefs.load(libraries) == 0
    assert Brief.objects.count() == 2
