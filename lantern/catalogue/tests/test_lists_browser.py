"""Reading lists on a phone, in Chinese and in English: the public list page and the staff editor pass
axe with no serious violation and do not scroll sideways; the editor's forms answer in place (htmx)."""

import pytest
from playwright.sync_api import expect

from lantern.conftest import PASSWORD
from lantern.tests.browser import check_page, sign_in, switch_to_english

from .test_lists_views import books, published_list

__all__ = ["books", "published_list"]  # fixtures, imported so pytest finds them

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_list_page_on_a_phone_in_chinese_then_english(live_server, phone_page, published_list):
    page = phone_page
    page.goto(f"{live_server.url}/alpha/lists/")
    check_page(page, "lists-index-phone-zh")
    page.get_by_role("link", name="居家读经典").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "居家读经典"
    assert page.get_by_text("四大名著之一").is_visible()
    assert page.locator("img[src$='qr.svg']").count() == 4
    check_page(page, "list-page-phone-zh")

    switch_to_english(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Classics at home"
    assert page.get_by_text("One of the four classics").is_visible()
    check_page(page, "list-page-phone-en")


def test_staff_list_editor_on_a_phone_in_chinese_then_english(live_server, phone_page, published_list, librarian_a):
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/lists/{published_list.pk}/?q=红楼梦")
    assert page.get_by_role("heading", level=1).inner_text() == "居家读经典"
    check_page(page, "list-editor-phone-zh")

    switch_to_english(page)
    page.get_by_label("Title of the e-resource").fill("WHO advice")
    page.get_by_label("Address").fill("not a web address")
    # The editor's forms answer in place (htmx): wait for what changes rather than for a new page.
    page.get_by_role("button", name="Add the e-resource").click()
    expect(page.get_by_text("is not a web address").first).to_be_visible()
    check_page(page, "list-editor-error-phone-en")

    page.get_by_label("Address").fill("https://www.who.int/")
    page.get_by_role("button", name="Add the e-resource").click()
    expect(page.get_by_role("heading", name="WHO advice")).to_be_visible()
    page.get_by_role("button", name="Move “WHO advice” up").click()
    expect(page.locator(".editor-entries h3").nth(2)).to_have_text("WHO advice")
    check_page(page, "list-editor-phone-en")

    page.get_by_role("link", name="Take back to a draft").click()
    page.wait_for_load_state()
    check_page(page, "list-unpublish-confirm-phone-en")
    page.get_by_role("button", name="Take back to a draft").click()
    page.wait_for_load_state()
    assert page.get_by_text("draft again").is_visible()
