"""The API of services for special groups: shown services with their lessons and captions addresses, one
service, and bad input (unknown library, hidden service, unknown audience) answered clearly."""

import pytest

from lantern.outreach.services import special as services

from .special_helpers import make_video_service, service_fields, use_own_media_root

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def test_the_list_has_shown_services_with_lessons_and_their_captions(client, library_a, librarian_a):
    video = make_video_service(library_a, librarian_a)
    services.create_service(library_a, by=librarian_a, **service_fields(title_en="Hidden"))
    answer = client.get(f"/api/v1/libraries/{library_a.slug}/access")
    assert answer.status_code == 200
    (service,) = answer.json()
    assert service["id"] == video.pk and service["audience"] == "deaf" and service["kind"] == "sign_language_video"
    assert service["title_zh"] == "手语防疫微课堂" and service["who"] == "Readers over 60"
    (lesson,) = service["lessons"]
    assert lesson["captions"].endswith(f"/access/{video.pk}/lessons/{lesson['id']}/captions.vtt")
    assert client.get(lesson["captions"]).content.decode().startswith("WEBVTT")


def test_the_list_filters_by_audience_and_refuses_an_unknown_one(client, library_a, librarian_a):
    make_video_service(library_a, librarian_a)
    assert client.get(f"/api/v1/libraries/{library_a.slug}/access?audience=elderly").json() == []
    bad = client.get(f"/api/v1/libraries/{library_a.slug}/access?audience=martians")
    assert bad.status_code == 422 and bad.json()["reason"] == "bad_audience"
    assert "deaf" in bad.json()["detail"]


def test_one_service_and_what_is_not_found(client, library_a, library_b, librarian_a):
    video = make_video_service(library_a, librarian_a)
    one = client.get(f"/api/v1/libraries/{library_a.slug}/access/{video.pk}")
    assert one.status_code == 200 and one.json()["title_en"] == "Sign-language lessons"
    assert client.get(f"/api/v1/libraries/{library_b.slug}/access/{video.pk}").status_code == 404
    assert client.get("/api/v1/libraries/nowhere/access").status_code == 404
    assert client.get(f"/api/v1/libraries/{library_a.slug}/access/abc").status_code in (400, 422)
    services.unpublish_service(video, by=librarian_a)
    assert client.get(f"/api/v1/libraries/{library_a.slug}/access/{video.pk}").status_code == 404
