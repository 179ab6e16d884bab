"""The search page with htmx: typing, a facet or a page link swaps only the results region (the address still
loads the whole page without JavaScript), and the rendered results are kept until the index changes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lantern.catalogue import search
from lantern.catalogue.models import Copy, Record

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def make_records(library, *titles, **extra):
    records = [Record.objects.create(library=library, title=title, **extra) for title in titles]
    search.index_records(records)
    return records


def titles(body: str) -> list[str]:
    return re.findall(r'class="result-title" href="[^"]+">([^<]+)</a>', body)


@pytest.fixture
def shelf(library_a):
    dream = make_records(library_a, "红楼梦", language="chi")[0]
    Copy.objects.create(record=dream, library=library_a, barcode="A1", status=Copy.Status.AVAILABLE)
    make_records(library_a, "红楼梦人物研究", language="chi", format="ebook")
    return dream


def test_htmx_search_answers_the_results_region_alone(client, shelf):
    response = client.get("/alpha/catalogue/", {"q": "紅樓夢"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and 'class="site-header"' not in body and "<form" not in body
    assert titles(body) == ["红楼梦", "红楼梦人物研究"]
    # The count goes into the live region that stays in the page; the title follows the query.
    assert '<p id="search-count" hx-swap-oob="innerHTML">2 records found for “紅樓夢”.</p>' in body
    assert "<title>“紅樓夢” in the catalogue · " in body
    assert "HX-Request" in response["Vary"]


def test_the_same_address_without_htmx_is_the_whole_page_with_htmx_attributes(client, shelf):
    body = client.get("/alpha/catalogue/", {"q": "紅樓夢"}).content.decode()
    assert "<html" in body and titles(body) == ["红楼梦", "红楼梦人物研究"]
    assert 'hx-get="/alpha/catalogue/" hx-target="#search-results" hx-push-url="true"' in body
    # Facet links keep their address, so they work without JavaScript, and htmx loads the same one.
    facet = re.search(r'<a href="([^"]+format=ebook)" hx-get="([^"]+)"', body)
    assert facet and facet.group(1) == facet.group(2)
    assert '<p id="search-count" class="result-count" role="status">2 records found' in body


def test_facet_and_page_links_swap_the_region(client, library_a):
    make_records(library_a, *[f"防疫读本 第{number}册" for number in range(25)], format="ebook")
    make_records(library_a, "防疫手册")
    narrowed = client.get("/alpha/catalogue/", {"q": "防疫", "format": "ebook"}, headers=HTMX).content.decode()
    assert len(titles(narrowed)) == 20 and "防疫手册" not in titles(narrowed)
    assert "26 records" not in narrowed and "25 records found" in narrowed
    second = client.get("/alpha/catalogue/", {"q": "防疫", "format": "ebook", "page": "2"}, headers=HTMX)
    body = second.content.decode()
    assert len(titles(body)) == 5 and "Page 2 of 2" in body
    assert 'rel="prev"' in body and 'hx-get="?q=%E9%98%B2%E7%96%AB&amp;format=ebook"' in body


def test_a_library_facet_is_an_ordinary_link(client, library_a, library_b):
    make_records(library_a, "红楼梦")
    make_records(library_b, "紅樓夢")
    body = client.get("/alpha/catalogue/", {"q": "红楼梦", "network": "1"}).content.decode()
    link = re.search(r'<a href="/beta/catalogue/\?[^"]*"([^>]*)>', body)
    assert link and "hx-get" not in link.group(1)


def test_bad_input_by_htmx_comes_back_as_a_message_in_the_form(client, shelf):
    response = client.get("/alpha/catalogue/", {"q": "x", "page": "0"}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 400
    assert '<div id="search-errors" hx-swap-oob="innerHTML"><div class="form-errors" role="alert">' in body
    assert "Please correct the search below." in body and "<html" not in body


def test_a_cleared_box_empties_the_results(client, shelf):
    response = client.get("/alpha/catalogue/", {"q": ""}, headers=HTMX)
    body = response.content.decode()
    assert response.status_code == 200 and titles(body) == []
    assert '<p id="search-count" hx-swap-oob="innerHTML"></p>' in body


def test_history_restore_gets_the_whole_page(client, shelf):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    body = client.get("/alpha/catalogue/", {"q": "红楼梦"}, headers=headers).content.decode()
    assert "<html" in body and titles(body) == ["红楼梦", "红楼梦人物研究"]


def test_rendered_results_are_kept_until_the_index_changes(client, shelf, library_a):
    first = client.get("/alpha/catalogue/", {"q": "红楼梦"}).content.decode()
    with CaptureQueriesContext(connection) as context:
        again = client.get("/alpha/catalogue/", {"q": "红楼梦"}).content.decode()
    assert titles(again) == titles(first)
    # The library and the menu's own questions only: nothing is searched or read for the results.
    assert not any("catalogue_" in query["sql"] for query in context.captured_queries)
    make_records(library_a, "红楼梦新证")
    assert "红楼梦新证" in titles(client.get("/alpha/catalogue/", {"q": "红楼梦"}).content.decode())


def test_kept_results_follow_the_language_and_the_address(client, shelf):
    english = client.get("/alpha/catalogue/", {"q": "红楼梦"}).content.decode()
    chinese = client.get("/alpha/catalogue/", {"q": "红楼梦"}, headers={"accept-language": "zh-hans"})
    assert "records found" in english and "相关的记录" in chinese.content.decode()
    narrowed = client.get("/alpha/catalogue/", {"q": "红楼梦", "format": "ebook"}).content.decode()
    assert titles(narrowed) == ["红楼梦人物研究"]
