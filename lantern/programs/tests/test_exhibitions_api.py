"""The exhibitions API: published exhibitions only, texts in the asked language, image URLs that work, and
clear answers to bad input."""

import pytest

from lantern.programs.models import Item
from lantern.programs.services import exhibitions as services

from .exhibitions_helpers import make_exhibition, make_museum, use_own_media_root

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


@pytest.fixture
def published(library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a, partners=[make_museum(library_a)])
    services.publish_exhibition(exhibition, by=librarian_a)
    return exhibition


def test_a_librarys_published_exhibitions_are_listed(client, published, library_a, librarian_a):
    make_exhibition(library_a, librarian_a, title_en="Draft")
    body = client.get("/api/v1/libraries/alpha/exhibitions").json()
    assert [e["title"] for e in body] == ["Letters home"]
    assert body[0]["item_count"] == 1
    assert body[0]["partners"] == [{"name": "Test Museum", "kind": "museum"}]
    assert body[0]["url"].endswith(f"/alpha/exhibitions/{published.pk}/")


def test_one_exhibition_comes_with_sections_items_and_working_image_urls(client, published):
    body = client.get(f"/api/v1/exhibitions/{published.pk}").json()
    item = body["sections"][0]["items"][0]
    assert item["caption"] == "A letter" and item["alt_text"] == "A handwritten letter"
    assert item["rights"] == "CC BY 4.0" and item["document"] is None
    image = client.get(item["image"])
    assert image.status_code == 200 and image["Content-Type"] == "image/jpeg"
    assert item["width"] == Item.objects.get().width


def test_texts_follow_the_asked_language(client, published):
    body = client.get(f"/api/v1/exhibitions/{published.pk}", headers={"accept-language": "zh-hans"}).json()
    assert body["title"] == "家书"
    assert body["sections"][0]["items"][0]["alt_text"] == "一封手写的信"


def test_a_draft_is_not_found(client, library_a, librarian_a):
    draft = make_exhibition(library_a, librarian_a)
    assert client.get(f"/api/v1/exhibitions/{draft.pk}").status_code == 404


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/libraries/nowhere/exhibitions", 404),
        ("/api/v1/libraries/alpha/exhibitions?limit=0", 422),
        ("/api/v1/libraries/alpha/exhibitions?limit=many", 422),
        ("/api/v1/exhibitions/abc", 422),
        ("/api/v1/exhibitions/999999", 404),
    ],
)
def test_bad_input_gets_a_clear_answer(client, published, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["detail"]


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/libraries/{slug}/exhibitions" in paths and "/api/v1/exhibitions/{exhibition_id}" in paths
