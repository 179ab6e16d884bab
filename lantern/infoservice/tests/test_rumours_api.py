"""The rumour-check API: published checks only (search, topic), one check with its evidence, and sending a
message one doubts (its reference back; bad input answered 422 with nothing saved; rate-limited)."""

import pytest
from django.core.cache import cache

from lantern.core.services import create_api_token
from lantern.infoservice.models import Doubt, Topic
from lantern.infoservice.services import rumours as services

from .rumours_helpers import make_check

pytestmark = pytest.mark.django_db
API = "/api/v1/libraries/alpha"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_list_shows_published_checks_searched_and_by_topic(client, library_a, librarian_a):
    topic = Topic.objects.create(library=library_a, name="Prevention", slug="prevention")
    check = make_check(library_a, librarian_a, publish=True, topics=[topic])
    make_check(
        library_a,
        librarian_a,
        publish=True,
        claim_en="Garlic protects you",
        claim_zh_hans="大蒜",
        summary_zh_hans="未证实",
    )
    make_check(library_a, librarian_a, claim_en="A draft")
    rows = client.get(f"{API}/rumour-checks").json()
    assert {row["claim_en"] for row in rows} == {check.claim_en, "Garlic protects you"}
    found = client.get(f"{API}/rumour-checks", {"q": "熱水"}).json()
    assert [row["id"] for row in found] == [check.pk]
    assert found[0]["verdict"] == "false" and found[0]["verdict_label"] == "False"
    assert found[0]["page"] == f"http://testserver/alpha/rumours/{check.pk}/"
    assert [row["id"] for row in client.get(f"{API}/rumour-checks", {"topic": "prevention"}).json()] == [check.pk]


def test_bad_filters_are_refused(client, library_a):
    assert client.get(f"{API}/rumour-checks", {"topic": "nope"}).json()["reason"] == "bad_topic"
    assert client.get(f"{API}/rumour-checks", {"q": "x" * 201}).status_code == 422
    assert client.get("/api/v1/libraries/nowhere/rumour-checks").status_code == 404


def test_one_check_with_evidence_and_drafts_hidden(client, library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    data = client.get(f"{API}/rumour-checks/{check.pk}").json()
    assert data["evidence"][0]["publisher"] == "World Health Organization"
    assert "<p>" in data["explanation"] and data["verdict"] == "false"
    draft = make_check(library_a, librarian_a)
    assert client.get(f"{API}/rumour-checks/{draft.pk}").status_code == 404
    assert client.get(f"/api/v1/libraries/beta/rumour-checks/{check.pk}").status_code == 404


def test_sending_a_doubt_returns_its_reference_and_matches(client, library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    response = client.post(
        f"{API}/doubts",
        {"text": "喝热水能杀死病毒吗？", "email": "v@example.org"},
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    doubt = Doubt.objects.get(reference=data["reference"])
    assert doubt.email == "v@example.org" and doubt.reader is None
    assert data["page"].endswith(f"/alpha/rumours/doubts/{doubt.reference}/")
    assert [row["id"] for row in data["matches"]] == [check.pk]


def test_a_bearer_token_makes_the_doubt_the_readers_own(client, library_a, reader):
    _token, key = create_api_token(reader, "phone")
    response = client.post(
        f"{API}/doubts",
        {"link": "https://example.com/video"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201
    assert Doubt.objects.get().reader == reader


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"text": "   "},
        {"link": "not a link"},
        {"link": "javascript:alert(1)"},
        {"text": "x", "email": "nope"},
        {"text": "x" * 5001},
        {"text": "x", "email": "a" * 250 + "@example.org"},
        {"link": "https://example.org/" + "a" * 500},
        {"text": 5},
    ],
)
def test_bad_doubts_are_refused_and_nothing_is_saved(client, library_a, payload):
    response = client.post(f"{API}/doubts", payload, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not Doubt.objects.exists()


def test_the_api_shares_the_rate_limit(client, library_a):
    for i in range(services.DOUBTS_PER_HOUR):
        client.post(f"{API}/doubts", {"text": f"message {i}"}, content_type="application/json")
    response = client.post(f"{API}/doubts", {"text": "more"}, content_type="application/json")
    assert response.status_code == 429 and response.json()["reason"] == "too_many"
