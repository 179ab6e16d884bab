"""The public archive in a browser on a phone (360×780), in Chinese and then in English: the archive's home, a
collection and an item, reached by following links, each with no serious axe-core violation, no sideways
scrolling and pictures that fit the screen; the staff collection pages likewise. Screenshots go to
test-artifacts/archive/."""

import pytest

from lantern.conftest import PASSWORD
from lantern.tests.browser import ARTIFACTS, check_page, sign_in, switch_to_english

from .collections_helpers import small_archive
from .helpers import accepted_item, photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits(page) -> bool:
    return page.evaluate("() => [...document.images].every(i => i.getBoundingClientRect().right <= 361)")


def test_a_visitor_browses_home_collection_and_item_on_a_phone_in_both_languages(live_server, phone_page, library_a):
    archive = small_archive(library_a)
    archive["city"].calls_for_contributions = True
    archive["city"].call_text_zh_hans = "请寄来您在这段日子里写下的信和拍下的照片。"
    archive["city"].call_text_en = "Send us the letters you wrote and the photos you took in these days."
    archive["city"].save()
    tall = accepted_item(
        library_a,
        archive["city"],
        files=[photo("tall.jpg", size=(600, 1400), colour=(40, 90, 160))],
        title="一张很长很长的竖幅照片，标题也很长很长很长很长很长很长很长很长",
        description="第一行\n第二行",
    )
    (ARTIFACTS / "archive").mkdir(parents=True, exist_ok=True)
    page = phone_page
    base = live_server.url

    page.goto(f"{base}/alpha/archive/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    check_page(page, "archive/public-home-phone-zh")
    page.get_by_role("link", name="我们城市的抗疫记忆").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "我们城市的抗疫记忆"
    check_page(page, "archive/public-collection-phone-zh")
    page.get_by_role("link", name=tall.title).click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == tall.title
    assert _fits(page)
    check_page(page, "archive/public-item-phone-zh")

    switch_to_english(page)
    check_page(page, "archive/public-item-phone-en")
    assert page.get_by_role("heading", name="Using this item").is_visible()
    page.get_by_role("link", name="Community memory archive").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Community memory archive"
    check_page(page, "archive/public-home-phone-en")
    page.get_by_role("link", name="Our city in the epidemic").first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Our city in the epidemic"
    check_page(page, "archive/public-collection-phone-en")
    page.get_by_role("link", name="Photo", exact=True).click()
    page.wait_for_load_state()
    assert "kind=photo" in page.url
    check_page(page, "archive/public-collection-filtered-phone-en")
    page.get_by_role("link", name=archive["photo"].title).click()
    page.wait_for_load_state()
    assert _fits(page)
    check_page(page, "archive/public-photo-phone-en")


def test_search_reads_well_on_a_phone(live_server, phone_page, library_a):
    small_archive(library_a)
    (ARTIFACTS / "archive").mkdir(parents=True, exist_ok=True)
    page = phone_page
    page.goto(f"{live_server.url}/alpha/archive/")
    page.get_by_role("searchbox").fill("紅樓")
    page.locator("search form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="給醫護人員的一封信").is_visible()
    check_page(page, "archive/public-search-phone-zh")


def test_staff_collection_pages_read_well_on_a_phone(live_server, phone_page, library_a, librarian_a):
    small_archive(library_a)
    (ARTIFACTS / "archive").mkdir(parents=True, exist_ok=True)
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/archive/collections/")
    check_page(page, "archive/collections-staff-list-phone-zh")
    switch_to_english(page)
    page.get_by_role("button", name="New collection").click()
    page.wait_for_load_state()
    page.get_by_label("Short name").fill("our-city")
    page.get_by_label("Title in English").fill("Taken")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_text("Another collection of this library already uses “our-city”").is_visible()
    check_page(page, "archive/collections-staff-refused-phone-en")
    page.goto(f"{live_server.url}/alpha/staff/archive/collections/our-city/unpublish/")
    check_page(page, "archive/collections-staff-unpublish-phone-en")
    page.get_by_role("button", name="Take back to a draft").click()
    page.wait_for_load_state()
    assert page.get_by_text("is a draft again").is_visible()
