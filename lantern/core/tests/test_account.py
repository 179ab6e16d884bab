"""A reader's own account: data download, deletion, API tokens."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lantern.core.models import ApiToken, Card


@pytest.mark.django_db
def test_reader_downloads_what_the_library_holds_on_them(client_as, reader):
    response = client_as(reader).get(reverse("export_data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "alice@example.org"
    assert data["cards"][0]["library"] == "alpha"


@pytest.mark.django_db
def test_deleting_needs_the_confirmation_box(client_as, reader):
    client = client_as(reader)
    response = client.post(reverse("delete_account"), {}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    assert "Tick the box" in response.content.decode()
    assert get_user_model().objects.filter(pk=reader.pk).exists()


@pytest.mark.django_db
def test_reader_deletes_their_account_and_cards(client_as, reader):
    client = client_as(reader)
    client.post(reverse("delete_account"), {"confirm": "delete"})
    assert not get_user_model().objects.filter(pk=reader.pk).exists()
    assert not Card.objects.filter(reader_id=reader.pk).exists()


@pytest.mark.django_db
def test_creating_a_token_shows_the_key_once_and_stores_only_its_hash(client_as, reader):
    client = client_as(reader)
    response = client.post(reverse("create_token"), {"name": "Lobby kiosk"}, follow=True)
    key = response.context["key"]
    token = ApiToken.objects.get()
    assert key.startswith("lt_") and key in response.content.decode()
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    reloaded = client.get(reverse("token_created", args=[token.pk]))
    assert key not in reloaded.content.decode()
    assert ApiToken.objects.count() == 1


@pytest.mark.django_db
def test_a_token_without_a_name_is_refused(client_as, reader):
    response = client_as(reader).post(reverse("create_token"), {"name": "  "}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not ApiToken.objects.exists()
