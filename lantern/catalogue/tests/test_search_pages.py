"""The search page, the record page and the records API, as a reader and an app see them."""

import json
import re

import pytest
from django.urls import reverse

from lantern.catalogue import search
from lantern.catalogue.models import Copy, EResource, Isbn, Record


@pytest.fixture(autouse=True)
def in_english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def make_record(library, title, **extra):
    isbns = extra.pop("isbns", ())
    record = Record.objects.create(library=library, title=title, **extra)
    for value in isbns:
        Isbn.objects.create(record=record, value=value)
    search.index_records([record])
    return record


@pytest.fixture
def shelf(library_a, library_b):
    records = {
        "hlm": make_record(
            library_a,
            "红楼梦",
            authors=["曹雪芹"],
            isbns=["9787020002207"],
            publisher="人民文学出版社",
            year=1996,
            language="chi",
            subjects=["章回小说—中国—清代"],
            summary="中国古典小说。<script>",
        ),
        "guide": make_record(library_a, "红楼梦人物研究", language="chi", format="ebook", subjects=["红学"]),
        "plague": make_record(library_a, "The Plague", authors=["Albert Camus"], language="eng"),
        "beta": make_record(library_b, "紅樓夢", authors=["曹雪芹"], language="chi"),
    }
    Copy.objects.create(record=records["hlm"], library=library_a, barcode="A1", location="二楼", status="on_loan")
    Copy.objects.create(record=records["hlm"], library=library_a, barcode="A2", location="三楼", status="available")
    EResource.objects.create(
        record=records["guide"],
        library=library_a,
        platform="超星",
        url="https://e.example.org/hlm",
        access_note="Free during the closure",
    )
    return records


def page_titles(response):
    return re.findall(r'class="result-title" href="[^"]+">([^<]+)</a>', response.content.decode())


def test_search_page_finds_traditional_and_puts_exact_title_first(client, shelf):
    response = client.get("/alpha/catalogue/", {"q": "紅樓夢"})
    assert response.status_code == 200
    assert page_titles(response) == ["红楼梦", "红楼梦人物研究"]
    assert "2 records found" in response.content.decode()


def test_search_page_stays_in_its_library_unless_asked(client, shelf, library_b):
    assert "紅樓夢" not in page_titles(client.get("/alpha/catalogue/", {"q": "hongloumeng"}))
    everywhere = client.get("/alpha/catalogue/", {"q": "hongloumeng", "network": "1"})
    assert sorted(page_titles(everywhere)) == ["紅樓夢", "红楼梦", "红楼梦人物研究"]
    assert library_b.name in everywhere.content.decode()


def test_facet_link_narrows_and_can_be_removed(client, shelf):
    body = client.get("/alpha/catalogue/", {"q": "红楼梦"}).content.decode()
    assert "E-book (1)" in body and "Available now (2)" in body
    narrowed = client.get("/alpha/catalogue/", {"q": "红楼梦", "format": "ebook"})
    assert page_titles(narrowed) == ["红楼梦人物研究"]
    assert "Clear all filters" in narrowed.content.decode()


def test_availability_is_no_link_when_nothing_found_is_available(client, shelf):
    # A link to an empty page would only waste a reader's tap.
    body = client.get("/alpha/catalogue/", {"q": "The Plague"}).content.decode()
    assert '<span class="muted">Available now (0)</span>' in body
    assert "available=1" not in body
    assert "available=1" in client.get("/alpha/catalogue/", {"q": "红楼梦"}).content.decode()
    chosen = client.get("/alpha/catalogue/", {"q": "红楼梦", "available": "1"}).content.decode()
    assert re.search(r'aria-current="true">Available now \(\d+\) ✕</a>', chosen)


def test_no_results_page_helps(client, shelf):
    body = client.get("/alpha/catalogue/", {"q": "量子力学"}).content.decode()
    assert "Nothing found" in body and "pinyin" in body


@pytest.mark.parametrize(
    "params", [{"q": "x", "page": "0"}, {"q": "x", "page": "abc"}, {"q": "x" * 201}, {"q": "x", "format": "scroll"}]
)
def test_search_page_rejects_bad_parameters(client, shelf, params):
    response = client.get("/alpha/catalogue/", params)
    assert response.status_code == 400
    assert "Please correct the search below." in response.content.decode()


def test_search_page_without_query_shows_the_box(client, shelf):
    response = client.get("/alpha/catalogue/")
    assert response.status_code == 200 and 'type="search"' in response.content.decode()


def test_paging_links(client, library_a):
    for number in range(25):
        make_record(library_a, f"防疫读本 第{number}册")
    body = client.get("/alpha/catalogue/", {"q": "防疫"}).content.decode()
    assert "Page 1 of 2" in body and "page=2" in body
    second = client.get("/alpha/catalogue/", {"q": "防疫", "page": "2"})
    assert len(page_titles(second)) == 5


def test_record_page_shows_copies_access_and_json_ld(client, shelf):
    response = client.get(shelf["hlm"].get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    for text in (
        "曹雪芹",
        "人民文学出版社",
        "1996",
        "9787020002207",
        "章回小说—中国—清代",
        "二楼",
        "On loan",
        "Available",
    ):
        assert text in body
    script = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', body, re.S)
    data = json.loads(script.group(1))
    assert data["@type"] == "Book" and data["name"] == "红楼梦" and data["isbn"] == ["9787020002207"]
    assert "<script>" not in script.group(1)  # the summary's markup is escaped inside the JSON


def test_record_page_shows_current_eresource_note(client, shelf):
    body = client.get(shelf["guide"].get_absolute_url()).content.decode()
    assert "超星" in body and "Free during the closure" in body


def test_record_of_another_library_is_not_found_under_this_one(client, shelf):
    assert client.get(f"/alpha/catalogue/records/{shelf['beta'].pk}/").status_code == 404


def test_api_matches_the_page(client, shelf):
    page = client.get("/alpha/catalogue/", {"q": "红楼梦"})
    api = client.get("/api/v1/records", {"q": "红楼梦", "library": "alpha"}).json()
    assert api["count"] == 2
    assert [item["title"] for item in api["items"]] == page_titles(page)
    item = api["items"][0]
    assert item["isbns"] == ["9787020002207"] and item["library"] == "alpha" and item["year"] == 1996
    assert item["url"].endswith(shelf["hlm"].get_absolute_url()) and item["authors"] == ["曹雪芹"]


def test_api_searches_every_library_without_library(client, shelf):
    api = client.get("/api/v1/records", {"q": "hong lou meng"}).json()
    assert api["count"] == 3


def test_api_record_detail(client, shelf):
    data = client.get(f"/api/v1/records/{shelf['hlm'].pk}").json()
    assert data["title"] == "红楼梦" and {c["status"] for c in data["copies"]} == {"on_loan", "available"}
    assert client.get("/api/v1/records/999999").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"q": ""},
        {"q": "  "},
        {"q": "x", "page": "0"},
        {"q": "x", "per_page": "1000"},
        {"q": "x", "library": "nowhere"},
        {"q": "x", "page": "two"},
    ],
)
def test_api_rejects_bad_parameters(client, shelf, params):
    response = client.get("/api/v1/records", params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_reindex_command(shelf, capsys):
    from django.core.management import call_command

    search.delete_records([record.pk for record in shelf.values()])
    call_command("reindex")
    assert "Indexed 4 records." in capsys.readouterr().out
    assert search.search("紅樓夢").count == 3


def test_demo_loads_once_and_is_searchable(library_a, library_b):
    from lantern.catalogue import demo

    created = demo.load({"alpha": library_a, "beta": library_b})
    assert created == 2 * demo.PER_LIBRARY
    assert demo.load({"alpha": library_a, "beta": library_b}) == 0
    assert search.search("紅樓夢", filters=search.Filters(libraries=[library_a.pk])).records[0].title == "红楼梦"
    assert Copy.objects.filter(library=library_a).exclude(status="available").exists()
    assert EResource.objects.filter(library=library_a, access_note_en="Free during the closure").exists()
    assert reverse("catalogue:record", args=["alpha", 1])


@pytest.mark.django_db
def test_a_format_link_without_a_query_lists_every_record_of_that_format(client, library_a):
    Record.objects.create(library=library_a, title="An e-book", format="ebook", year=2020)
    Record.objects.create(library=library_a, title="A print book", format="print_book", year=2020)
    page = client.get("/alpha/catalogue/?format=ebook").content.decode()
    assert "An e-book" in page and "A print book" not in page
    assert "1 record." in page
