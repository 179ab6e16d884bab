"""htmx on a phone, in Chinese and in English: a reader types a search and picks a facet, a librarian moves a
reading-list entry, and each time the page changes in place (no new page), the address follows the search,
focus stays where the person was, and axe finds no serious violation."""

import pytest
from playwright.sync_api import expect

from lantern.catalogue import search
from lantern.catalogue.models import Record
from lantern.conftest import PASSWORD
from lantern.tests.browser import PHONE, check_page, sign_in

from .test_lists_views import books, published_list

__all__ = ["books", "published_list"]  # fixtures, imported so pytest finds them

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "zh-CN": {
        "ebook": "电子书",
        "count": "找到 2 条",
        "up": "将《国家数字图书馆》上移",
        "moved": "现在是第 2 项，共 3 项",
    },
    "en-US": {
        "ebook": "E-book",
        "count": "2 records found",
        "up": "Move “国家数字图书馆” up",
        "moved": "now number 2 of 3",
    },
}


@pytest.fixture
def catalogue(library_a, books, published_list):
    study = Record.objects.create(library=library_a, title="红楼梦人物研究", language="chi", format="ebook")
    search.index_records([*books, study])
    return published_list


def stay_here(page) -> None:
    """Mark the loaded page: the mark survives an in-place update and is gone after a page load."""
    page.evaluate("window.lanternStayed = true")


def stayed(page) -> bool:
    return page.evaluate("window.lanternStayed === true")


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_search_facet_and_list_entry_change_in_place(live_server, browser, catalogue, librarian_a, locale):
    words = WORDS[locale]
    context = browser.new_context(viewport=PHONE, locale=locale)
    page = context.new_page()

    # Typing searches by itself, and the address follows (so it can be shared).
    page.goto(f"{live_server.url}/alpha/catalogue/")
    stay_here(page)
    page.locator("#id_q").press_sequentially("紅樓夢")
    expect(page.locator(".result-title")).to_have_count(2)
    expect(page.locator("#search-count")).to_contain_text(words["count"])
    assert stayed(page) and "q=%E7%B4%85%E6%A8%93%E5%A4%A2" in page.url
    expect(page.locator("#id_q")).to_be_focused()
    check_page(page, f"htmx-search-typed-{locale}")

    # A facet narrows in place; focus goes to the count, which says what happened.
    page.locator(".facets a", has_text=words["ebook"]).first.click()
    expect(page.locator(".result-title")).to_have_count(1)
    expect(page.locator(".result-title")).to_have_text("红楼梦人物研究")
    assert stayed(page) and "format=ebook" in page.url
    # The focus moves once the swap settles: waited for, as a screen reader user would.
    expect(page.locator("#search-count")).to_be_focused()
    check_page(page, f"htmx-search-facet-{locale}")

    # Back goes to the search before the facet.
    page.go_back()
    expect(page.locator(".result-title")).to_have_count(2)
    assert "format=ebook" not in page.url

    # A librarian moves an entry up: the entries change in place and the button keeps the focus.
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/lists/{catalogue.pk}/")
    stay_here(page)
    titles = page.locator(".editor-entries h3")
    expect(titles).to_have_text(["红楼梦", "The Plague", "国家数字图书馆"])
    page.get_by_role("button", name=words["up"]).click()
    expect(titles).to_have_text(["红楼梦", "国家数字图书馆", "The Plague"])
    expect(page.locator("#list-status")).to_contain_text(words["moved"])
    assert stayed(page)
    moved = catalogue.entries.get(title="国家数字图书馆")
    expect(page.locator(f"#entry-{moved.pk}-up")).to_be_focused()
    check_page(page, f"htmx-list-moved-{locale}")
    context.close()


def test_an_entry_gone_meanwhile_reloads_the_editor(live_server, browser, catalogue, librarian_a):
    # Another librarian removed the entry while this page was open: the answer is 404, so the page reloads
    # and shows the list as it is, instead of failing silently.
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/lists/{catalogue.pk}/")
    stay_here(page)
    catalogue.entries.get(title="国家数字图书馆").delete()
    page.get_by_role("button", name="Move “国家数字图书馆” up").click()
    expect(page.locator(".editor-entries h3")).to_have_text(["红楼梦", "The Plague"])
    assert not stayed(page)
    context.close()
