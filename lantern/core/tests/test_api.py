"""The API: libraries with their status, the signed-in person, JSON errors, the OpenAPI document."""

import pytest
from openapi_spec_validator import validate

from lantern.core import api as core_api
from lantern.core.models import ServiceMode
from lantern.core.services import create_api_token, revoke_api_token, set_service_mode


@pytest.mark.django_db
def test_libraries_are_listed_with_slugs_and_status(client, library_a, library_b):
    set_service_mode(library_b, ServiceMode.CLOSED, message_en="Closed for now")
    data = client.get("/api/v1/libraries", HTTP_ACCEPT_LANGUAGE="en").json()
    by_slug = {lib["slug"]: lib for lib in data}
    assert set(by_slug) == {"alpha", "beta"}
    assert by_slug["beta"]["status"]["mode"] == "closed"
    assert by_slug["beta"]["status"]["message"] == "Closed for now"
    assert by_slug["alpha"]["name_zh"] == "甲市图书馆"
    assert by_slug["alpha"]["url"].endswith("/alpha/")


@pytest.mark.django_db
def test_libraries_can_be_filtered_by_mode(client, library_a, library_b):
    set_service_mode(library_b, ServiceMode.CLOSED)
    assert [lib["slug"] for lib in client.get("/api/v1/libraries?mode=closed").json()] == ["beta"]


@pytest.mark.django_db
def test_library_detail_and_unknown_library(client, library_a):
    detail = client.get("/api/v1/libraries/alpha").json()
    assert detail["email"] == "alpha@library.example.org"
    assert "service_records" in detail["feeds"]
    missing = client.get("/api/v1/libraries/nowhere", HTTP_ACCEPT_LANGUAGE="en")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Not found."}


@pytest.mark.django_db
def test_me_needs_a_session_or_a_token(client):
    response = client.get("/api/v1/me", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.mark.django_db
def test_me_with_a_session_shows_only_ones_own_cards(client_as, reader, other_reader):
    data = client_as(reader).get("/api/v1/me").json()
    assert data["username"] == "alice@example.org"
    assert [c["number"] for c in data["cards"]] == [reader.cards.get().number]


@pytest.mark.django_db
def test_me_with_a_bearer_token_and_after_revoking_it(client, librarian_a):
    token, key = create_api_token(librarian_a, "kiosk")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    data = client.get("/api/v1/me", **auth).json()
    assert data["staff_of"] == ["alpha"]
    revoke_api_token(token)
    assert client.get("/api/v1/me", **auth).status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer lt_forged").status_code == 401


@pytest.mark.django_db
def test_bad_query_parameters_get_a_json_error(client, library_a):
    response = client.get("/api/v1/libraries/alpha/service-records?limit=lots")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_openapi_document_is_valid_openapi_3(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    validate(document)
    assert "/api/v1/libraries" in document["paths"]
    assert "/api/v1/me" in document["paths"]


def test_api_docs_list_every_endpoint_in_the_readers_language(client):
    page = client.get("/api/v1/docs", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "GET /api/v1/libraries" in page and "GET /api/v1/me" in page
    assert "needs a session or a token" in page
    assert "/api/v1/openapi.json" in page


@pytest.mark.django_db
def test_an_unexpected_error_is_a_json_500_not_an_html_page(client, library_a, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(core_api, "_library", broken)
    response = client.get("/api/v1/libraries", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 500
    assert response.json() == {"detail": "Something went wrong on our side. Try again later."}
