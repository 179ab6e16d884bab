"""The search page kept whole for readers who are not signed in: each reader still gets their own form token
and script nonce, a signed-in reader never gets the kept page, and what the page shows about the library is
never older than the library itself."""

import re

import pytest
from django.test import Client

from lantern.catalogue import search
from lantern.catalogue.models import Record
from lantern.core import page_cache
from lantern.core.services import set_service_mode
from lantern.outreach import easy_reading

URL = "/alpha/catalogue/?q=%E7%BA%A2%E6%A5%BC%E6%A2%A6"  # 红楼梦


@pytest.fixture(autouse=True)
def in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def book(library_a):
    record = Record.objects.create(library=library_a, title="红楼梦", authors=["曹雪芹"], language="chi")
    search.index_records([record])
    return record


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _nonce(html: str) -> str:
    return re.search(r'<script[^>]* nonce="([^"]+)"', html).group(1)


def test_each_reader_gets_their_own_token_and_nonce_from_the_kept_page(client, book):
    first = client.get(URL)
    again = Client(HTTP_ACCEPT_LANGUAGE="en").get(URL)  # another reader: none of the first one's cookies
    for response in (first, again):
        html = response.content.decode()
        assert response.status_code == 200 and "红楼梦" in html
        assert page_cache.CSRF_MARK not in html and page_cache.NONCE_MARK not in html
        # The nonce is the one the browser is told to trust, so the page's scripts run.
        assert f"'nonce-{_nonce(html)}'" in response.headers["Content-Security-Policy"]
        assert "csrftoken" in response.cookies  # the page's forms post with the reader's own cookie
    assert _nonce(first.content.decode()) != _nonce(again.content.decode())


def test_a_form_on_the_kept_page_posts(client, book):
    client.get(URL)
    checked = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    html = checked.get(URL).content.decode()  # served from the kept page
    response = checked.post("/i18n/setlang/", {"language": "zh-hans", "next": URL, "csrfmiddlewaretoken": _token(html)})
    assert response.status_code == 302


def test_a_signed_in_reader_never_gets_the_kept_page(client, client_as, reader, book):
    client.get(URL)
    html = client_as(reader).get(URL).content.decode()
    assert "My account" in html and "Sign in" not in html


def test_a_status_change_shows_at_once_on_the_kept_page(client, library_a, book):
    assert "status-closed" not in client.get(URL).content.decode()
    set_service_mode(library_a, "closed", message_en="Closed for disinfection.")
    html = client.get(URL).content.decode()
    assert "status-closed" in html and "Closed for disinfection." in html


def test_easy_reading_is_kept_apart(client, book):
    assert "easy-reading.css" not in client.get(URL).content.decode()
    client.cookies[easy_reading.COOKIE] = easy_reading.ON
    assert "easy-reading.css" in client.get(URL).content.decode()


def test_a_kept_page_is_served_with_one_plain_query(client, book, django_assert_num_queries):
    client.get(URL)
    # Only the library's row, read for the key: no form, no search, no library built through the ORM.
    with django_assert_num_queries(1):
        assert "红楼梦" in client.get(URL).content.decode()


def test_a_name_change_shows_at_once_and_an_unknown_library_is_still_not_found(client, library_a, book):
    client.get(URL)
    library_a.name_en = "Alpha Renamed Library"
    library_a.save()
    assert "Alpha Renamed Library" in client.get(URL).content.decode()
    assert client.get(URL.replace("/alpha/", "/no-such-library/")).status_code == 404


def test_an_invalid_address_is_answered_as_such_and_never_kept(client, book):
    bad = URL + "&page=abc"
    for _ in range(2):
        response = client.get(bad)
        assert response.status_code == 400
