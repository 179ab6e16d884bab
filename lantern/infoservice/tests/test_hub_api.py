"""The hub's API: a library's current notices (by topic) and one notice; withdrawn, draft and other libraries'
notices are not found; bad input answers a clear 4xx, never a 500. Briefs are not in the API."""

import datetime

import pytest
from django.utils import timezone

from lantern.infoservice.models import Bulletin
from lantern.infoservice.services import hub as services

from .hub_helpers import make_notice

pytestmark = pytest.mark.django_db


def test_current_notices_are_listed_pinned_first_and_by_topic(client, library_a, librarian_a):
    topic = services.create_topic(library_a, by=librarian_a, name_zh="出行", name_en="Travel")
    make_notice(library_a, librarian_a, title_en="Ordinary")
    make_notice(library_a, librarian_a, title_en="Pinned", pinned=True, topics=[topic])
    make_notice(library_a, librarian_a, title_en="Draft", publish=False)
    old = make_notice(library_a, librarian_a, title_en="Old")
    Bulletin.objects.filter(pk=old.pk).update(expires_at=timezone.now() - datetime.timedelta(hours=1))
    notices = client.get(f"/api/v1/libraries/{library_a.slug}/notices").json()
    assert [n["title_en"] for n in notices] == ["Pinned", "Ordinary"]
    first = notices[0]
    assert first["authority"] == "武汉市卫生健康委员会" and first["verification"] == "verified"
    assert first["topics"] == [{"slug": topic.slug, "name": "Travel"}] and first["expired"] is False
    assert first["page"].endswith(f"/{library_a.slug}/information/notices/{first['id']}/")
    assert "24 hours" in first["text"] and "<p>" in first["body"]
    by_topic = client.get(f"/api/v1/libraries/{library_a.slug}/notices", {"topic": topic.slug}).json()
    assert [n["title_en"] for n in by_topic] == ["Pinned"]


def test_one_notice_and_what_is_not_found(client, library_a, library_b, librarian_a):
    bulletin = make_notice(library_a, librarian_a)
    answer = client.get(f"/api/v1/libraries/{library_a.slug}/notices/{bulletin.pk}").json()
    assert answer["id"] == bulletin.pk and answer["source_url"] == "https://wjw.example.gov.cn/notice/1"
    assert client.get(f"/api/v1/libraries/{library_b.slug}/notices/{bulletin.pk}").status_code == 404
    draft = make_notice(library_a, librarian_a, publish=False)
    assert client.get(f"/api/v1/libraries/{library_a.slug}/notices/{draft.pk}").status_code == 404
    services.withdraw_bulletin(bulletin, by=librarian_a)
    assert client.get(f"/api/v1/libraries/{library_a.slug}/notices/{bulletin.pk}").status_code == 404


def test_bad_input_answers_clearly(client, library_a):
    response = client.get(f"/api/v1/libraries/{library_a.slug}/notices", {"topic": "nope"})
    assert response.status_code == 422 and response.json()["reason"] == "bad_topic"
    assert client.get("/api/v1/libraries/no-such-library/notices").status_code == 404
    assert client.get(f"/api/v1/libraries/{library_a.slug}/notices/abc").status_code == 422
    assert client.get(f"/api/v1/libraries/{library_a.slug}/notices/99999999").status_code == 404


def test_briefs_are_not_in_the_api(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert not [path for path in schema["paths"] if "brief" in path]
