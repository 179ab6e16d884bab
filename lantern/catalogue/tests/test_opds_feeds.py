"""The OPDS 1.2 catalogue: every feed parses, uses the right link relations, and its local links resolve."""

import datetime
from urllib.parse import urlsplit

import feedparser
import pytest
from django.utils import timezone

from lantern.catalogue.models import EResource, Record
from lantern.catalogue.services import lists as services

from .test_lists_views import books, published_list

__all__ = ["books", "published_list"]  # fixtures, imported so pytest finds them

NAVIGATION = "application/atom+xml;profile=opds-catalog;kind=navigation"
ACQUISITION = "application/atom+xml;profile=opds-catalog;kind=acquisition"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


def crawl(client, start="/opds/"):
    """Every feed reachable from the root, and every local link checked along the way."""
    seen, queue, feeds = set(), [start], {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response, feed = parse(client, url)
        feeds[url] = (response, feed)
        links = [*feed.feed.get("links", []), *(link for entry in feed.entries for link in entry.get("links", []))]
        for link in links:
            parts = urlsplit(link["href"])
            if parts.netloc != "testserver":
                continue
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            if "profile=opds-catalog" in link.get("type", ""):
                queue.append(local)
            else:
                assert client.get(local).status_code == 200, local
    return feeds


@pytest.fixture
def catalogue(published_list, library_a, library_b):
    past = Record.objects.create(library=library_a, title="Expired database", format="database")
    EResource.objects.create(record=past, library=library_a, platform="Old", url="https://old.example.org/",
                             ends_on=timezone.localdate() - datetime.timedelta(days=1))  # fmt: skip
    card = Record.objects.create(library=library_a, title="知网", format="database")
    EResource.objects.create(record=card, library=library_a, platform="CNKI", url="https://cnki.example.org/",
                             access_note_zh_hans="需要读者证", access_note_en="Library card needed")  # fmt: skip
    return published_list


def test_every_feed_parses_and_every_local_link_resolves(client, catalogue):
    feeds = crawl(client)
    assert "/opds/" in feeds and "/opds/alpha/" in feeds and "/opds/beta/" in feeds
    assert "/opds/alpha/eresources/" in feeds and f"/opds/alpha/lists/{catalogue.pk}/" in feeds


def test_feeds_declare_their_kind(client, catalogue):
    root, _feed = parse(client, "/opds/")
    assert root["Content-Type"].startswith(NAVIGATION)
    library, feed = parse(client, "/opds/alpha/")
    assert library["Content-Type"].startswith(NAVIGATION)
    kinds = {entry.title: entry.links[0]["type"] for entry in feed.entries}
    assert kinds[catalogue.title] == ACQUISITION
    rels = {link["rel"]: link["type"] for link in feed.feed.links}
    assert rels["self"] == NAVIGATION and rels["start"] == NAVIGATION and rels["up"] == NAVIGATION
    eresources, _feed = parse(client, "/opds/alpha/eresources/")
    assert eresources["Content-Type"].startswith(ACQUISITION)


def test_eresources_feed_has_current_access_with_open_access_where_free(client, catalogue, books):
    _response, feed = parse(client, "/opds/alpha/eresources/")
    titles = [entry.title for entry in feed.entries]
    assert "The Plague" in titles and "知网" in titles
    assert "Expired database" not in titles  # its access has ended
    assert "红楼梦" not in titles  # print only
    by_title = {entry.title: entry for entry in feed.entries}
    plague = {link["rel"]: link["href"] for link in by_title["The Plague"].links}
    assert plague["http://opds-spec.org/acquisition/open-access"] == "https://ebooks.example.org/plague"
    assert plague["alternate"] == f"http://testserver{books[1].get_absolute_url()}"
    cnki = {link["rel"] for link in by_title["知网"].links}
    assert "http://opds-spec.org/acquisition" in cnki and "http://opds-spec.org/acquisition/open-access" not in cnki


def test_list_feed_has_the_entries_in_order_with_notes(client, catalogue, books, chinese):
    response, feed = parse(client, f"/opds/alpha/lists/{catalogue.pk}/")
    assert [entry.title for entry in feed.entries] == ["红楼梦", "The Plague", "国家数字图书馆"]
    assert feed.entries[0].summary == "四大名著之一"
    assert "<dc:identifier>urn:isbn:9787020002207</dc:identifier>" in response.content.decode()
    dream = {link["rel"] for link in feed.entries[0].links}
    assert "http://opds-spec.org/acquisition/borrow" in dream  # print: borrow through the record page
    outside = {link["rel"]: link["href"] for link in feed.entries[2].links}
    assert outside["http://opds-spec.org/acquisition/open-access"] == "https://www.nlc.cn/"


def test_a_draft_list_is_not_in_the_catalogue(client, catalogue, librarian_a):
    services.unpublish_list(catalogue, by=librarian_a)
    assert client.get(f"/opds/alpha/lists/{catalogue.pk}/").status_code == 404
    _response, feed = parse(client, "/opds/alpha/")
    assert catalogue.title not in [entry.title for entry in feed.entries]


def test_unknown_library_is_not_found(client, db):
    assert client.get("/opds/nowhere/").status_code == 404


def test_a_long_eresource_feed_is_paged(client, library_a):
    for n in range(55):
        record = Record.objects.create(library=library_a, title=f"E-book {n:02d}", format="ebook")
        EResource.objects.create(record=record, library=library_a, platform="P", url=f"https://e.example.org/{n}")
    _response, first = parse(client, "/opds/alpha/eresources/")
    assert len(first.entries) == 50
    following = {link["rel"]: link["href"] for link in first.feed.links}["next"]
    _response, second = parse(client, urlsplit(following).path + "?" + urlsplit(following).query)
    assert len(second.entries) == 5
