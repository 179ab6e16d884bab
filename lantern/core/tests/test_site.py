"""The site shell: language choice, banner, menu, error pages and security headers."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from lantern.core.models import ServiceMode, validate_library_slug
from lantern.core.services import set_service_mode


@pytest.mark.django_db
def test_browser_asking_for_chinese_gets_chinese_and_english_gets_english(client, library_a):
    zh = client.get(reverse("library_home", args=["alpha"]), HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
    en = client.get(reverse("library_home", args=["alpha"]), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="zh-Hans">' in zh.content.decode()
    assert "甲市图书馆" in zh.content.decode()
    assert '<html lang="en">' in en.content.decode()
    assert "Alpha City Library" in en.content.decode()


@pytest.mark.django_db
def test_chinese_is_the_default_for_a_browser_that_asks_nothing(client, library_a, settings):
    settings.LANGUAGE_CODE = "zh-hans"  # the shipped default (tests otherwise read English)
    page = client.get(reverse("library_home", args=["alpha"])).content.decode()
    assert '<html lang="zh-Hans">' in page


@pytest.mark.django_db
def test_language_switch_remembers_the_choice(client, library_a):
    home = reverse("library_home", args=["alpha"])
    response = client.post(reverse("set_language"), {"language": "en", "next": home}, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert response.status_code == 302 and response["Location"] == home
    page = client.get(home, HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()
    assert '<html lang="en">' in page
    assert 'value="zh-hans"' in page  # the switch now offers Chinese


@pytest.mark.django_db
def test_every_library_page_has_the_status_banner_and_menu(client, library_a):
    set_service_mode(library_a, ServiceMode.CONTACTLESS, message_en="Delivery and pickup only")
    for url in (reverse("library_home", args=["alpha"]), reverse("insights:library_records", args=["alpha"])):
        page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert 'data-mode="contactless"' in page
        assert "Delivery and pickup only" in page
        assert 'aria-label="Main menu"' in page
        assert 'href="#main"' in page


@pytest.mark.django_db
def test_footer_gives_the_librarys_contact(client, library_a):
    page = client.get(reverse("library_home", args=["alpha"])).content.decode()
    assert "027-1234" in page and "alpha@library.example.org" in page


@pytest.mark.django_db
def test_index_lists_libraries_with_their_status(client, library_a, library_b):
    set_service_mode(library_b, ServiceMode.CLOSED)
    page = client.get(reverse("index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Alpha City Library" in page and "Beta City Library" in page
    assert "status-closed" in page


@pytest.mark.django_db
def test_unknown_library_is_a_friendly_404(client):
    response = client.get("/no-such-library/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_with_a_nonce(client, library_a):
    response = client.get(reverse("library_home", args=["alpha"]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


@pytest.mark.django_db
def test_forms_are_protected_against_cross_site_requests(library_a):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("register"), {"identifier": "13812345678"})
    assert response.status_code == 403


def test_reserved_words_cannot_be_library_slugs():
    with pytest.raises(ValidationError):
        validate_library_slug("admin")
    validate_library_slug("wuhan")
