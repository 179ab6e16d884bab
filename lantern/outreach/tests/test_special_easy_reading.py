"""The easy reading switch through real requests: it sets a year-long SameSite=Lax cookie, the body class and
the stylesheet follow it on every page, it goes back to the page it was pressed on (never to another site),
and it switches off again."""

import pytest
from django.urls import reverse

from lantern.outreach.easy_reading import COOKIE, ONE_YEAR

pytestmark = pytest.mark.django_db


def _switch(client, library, value, next_url="/"):
    url = reverse("outreach:easy_reading", args=[library.slug])
    return client.post(url, {"easy_reading": value, "next": next_url})


def test_switching_on_sets_the_cookie_and_the_body_class_and_returns_to_the_page(client, library_a):
    directory = reverse("outreach:access", args=[library_a.slug])
    before = client.get(directory).content.decode()
    assert "<body>" in before and "easy-reading.css" not in before
    assert 'aria-pressed="false"' in before and 'value="on"' in before

    response = _switch(client, library_a, "on", directory)
    assert response.status_code == 302 and response["Location"] == directory
    cookie = response.cookies[COOKIE]
    assert cookie.value == "on" and cookie["max-age"] == ONE_YEAR and cookie["samesite"] == "Lax"

    after = client.get(directory).content.decode()
    assert '<body class="easy-reading">' in after and "lantern/easy-reading.css" in after
    assert 'aria-pressed="true"' in after and "Easy reading is on." in after
    home = client.get(reverse("library_home", args=[library_a.slug])).content.decode()
    assert '<body class="easy-reading">' in home


def test_switching_off_removes_it_again(client, library_a):
    _switch(client, library_a, "on")
    response = _switch(client, library_a, "off")
    assert response.cookies[COOKIE].value == "" and response.cookies[COOKIE]["max-age"] == 0
    page = client.get(reverse("library_home", args=[library_a.slug])).content.decode()
    assert "<body>" in page and "easy-reading.css" not in page and "Easy reading is off." in page


def test_it_never_sends_the_reader_to_another_site_and_refuses_nonsense(client, library_a):
    home = reverse("library_home", args=[library_a.slug])
    assert _switch(client, library_a, "on", "https://evil.example.com/")["Location"] == home
    assert _switch(client, library_a, "on", "//evil.example.com/")["Location"] == home
    nonsense = _switch(client, library_a, "maybe", home)
    assert nonsense.status_code == 302 and COOKIE not in nonsense.cookies
    assert "Choose to switch easy reading on or off." in client.get(home).content.decode()


def test_the_switch_takes_only_a_post_and_only_a_real_library(client, library_a):
    assert client.get(reverse("outreach:easy_reading", args=[library_a.slug])).status_code == 405
    assert (
        client.post(reverse("outreach:easy_reading", args=["no-such-library"]), {"easy_reading": "on"}).status_code
        == 404
    )


def test_the_site_index_has_no_switch_but_keeps_the_reader_s_choice(client, library_a):
    _switch(client, library_a, "on")
    index = client.get(reverse("index")).content.decode()
    assert "outreach:easy_reading" not in index and "/easy-reading/" not in index
    assert '<body class="easy-reading">' in index


def test_it_works_for_signed_in_readers_too(client_as, library_a, reader):
    client = client_as(reader)
    _switch(client, library_a, "on")
    page = client.get(reverse("library_home", args=[library_a.slug])).content.decode()
    assert '<body class="easy-reading">' in page
