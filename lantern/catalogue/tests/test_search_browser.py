"""A reader searches the catalogue on a phone, in Chinese and in English, and opens a record: facets,
no horizontal scrolling, no serious accessibility violation."""

import pytest
from playwright.sync_api import expect

from lantern.catalogue import search
from lantern.catalogue.models import Copy, EResource, Isbn, Record
from lantern.tests.browser import has_horizontal_scroll, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shelf(library_a):
    records = [
        Record.objects.create(
            library=library_a,
            title="红楼梦",
            authors=["曹雪芹", "高鹗"],
            publisher="人民文学出版社",
            year=1996,
            language="chi",
            subjects=["章回小说—中国—清代", "古典小说"],
            summary="中国古典小说的巅峰之作。",
        ),
        Record.objects.create(
            library=library_a,
            title="红楼梦人物研究（一部标题很长很长的学术专著，用来检验手机上的换行）",
            language="chi",
            format="ebook",
            subjects=["红学"],
        ),
    ]
    Isbn.objects.create(record=records[0], value="9787020002207")
    Copy.objects.create(
        record=records[0],
        library=library_a,
        barcode="A1",
        location="二楼 中文图书借阅区",
        shelf_mark="I242.4/C12",
        status=Copy.Status.AVAILABLE,
    )
    EResource.objects.create(
        record=records[1],
        library=library_a,
        platform="超星电子书 Chaoxing",
        url="https://e.example.org/1",
        access_note="闭馆期间免费开放",
    )
    search.index_records(records)
    return records


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_search_then_record_on_a_phone(live_server, browser, shelf, locale):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/alpha/catalogue/")
    page.locator("#id_q").fill("紅樓夢")
    page.locator("#id_q").press("Enter")
    page.wait_for_load_state()
    results = page.locator(".result-title")
    expect(results).to_have_count(2)
    assert results.first.inner_text() == "红楼梦"
    assert not has_horizontal_scroll(page)
    assert serious_violations(page) == []
    screenshot(page, f"catalogue-search-{locale}")

    # The facet narrows the results in place (htmx): wait for them rather than for a new page.
    page.locator(".facets a", has_text="E-book" if locale == "en-US" else "电子书").first.click()
    expect(page.locator(".result-title")).to_have_count(1)

    page.goto(f"{live_server.url}{shelf[0].get_absolute_url()}")
    assert page.locator("h1").inner_text() == "红楼梦"
    assert "二楼 中文图书借阅区" in page.locator("table").inner_text()
    assert not has_horizontal_scroll(page)
    assert serious_violations(page) == []
    screenshot(page, f"catalogue-record-{locale}")
    context.close()


def test_a_kept_search_page_works_for_each_reader_in_a_real_browser(live_server, browser, shelf):
    """The second reader of a search address gets the page kept for readers not signed in (filled with their
    own form token and script nonce): it narrows in place like a fresh page, and its forms post."""
    address = f"{live_server.url}/alpha/catalogue/?q=%E7%BA%A2%E6%A5%BC%E6%A2%A6"
    for reader in ("first", "second"):
        context = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-US")
        page = context.new_page()
        console = []
        page.on("console", lambda message, console=console: console.append(message.text))
        page.goto(address)
        expect(page.locator(".result-title")).to_have_count(2)
        page.evaluate("window.sameDocument = true")
        page.locator(".facets a", has_text="E-book").first.click()
        expect(page.locator(".result-title")).to_have_count(1)
        assert page.evaluate("window.sameDocument === true"), reader  # narrowed in place, not a new page
        # The language switch is a form with the page's CSRF token: it must be this reader's own.
        page.locator("form.language-switch button[value='zh-hans']").click()
        expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
        assert not [text for text in console if "Content Security Policy" in text], reader
        context.close()
