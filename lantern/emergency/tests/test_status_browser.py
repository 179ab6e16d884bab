"""Service status on a phone, in Chinese and in English: the network board (chart in a keyboard-reachable
scroll region) and the staff page that closes a library pass axe with no serious violation and do not
scroll sideways; closing works end to end by plain form posts."""

import pytest

from lantern.conftest import PASSWORD
from lantern.core.models import ServiceMode
from lantern.tests.browser import check_page, sign_in, switch_to_english

from .test_status_board import history

__all__ = ["history"]  # fixtures, imported so pytest finds them

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_network_board_on_a_phone_in_chinese_then_english(live_server, phone_page, history):
    page = phone_page
    page.goto(f"{live_server.url}/network/net/?start=2020-01-01&end=2020-04-30")
    assert page.locator("svg.timeline rect.mode-closed").count() == 2
    assert page.get_by_role("cell", name="2020-03-16").first.is_visible()
    region = page.locator(".timeline-scroll")
    region.focus()
    assert page.evaluate("document.activeElement.classList.contains('timeline-scroll')")
    check_page(page, "status-board-phone-zh")

    switch_to_english(page)
    assert page.get_by_role("row", name="Alpha City Library").is_visible()
    check_page(page, "status-board-phone-en")


def test_closing_a_library_on_a_phone_in_chinese_then_english(live_server, phone_page, manager_a, library_a, reader):
    page = phone_page
    sign_in(page, live_server.url, manager_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/status/")
    check_page(page, "status-staff-phone-zh")

    switch_to_english(page)
    check_page(page, "status-staff-phone-en")
    page.get_by_label("Closed").check()
    page.get_by_label("Banner message in English").fill("Closed for now; e-books still work.")
    page.get_by_label("Expected reopening").fill("2000-01-01")
    page.get_by_role("button", name="Review the change").click()
    page.wait_for_load_state()
    assert page.get_by_text("cannot be before the change starts").is_visible()
    check_page(page, "status-staff-error-phone-en")

    page.get_by_label("Expected reopening").fill("")
    page.get_by_label("Switch the home page to the online services").check()
    page.get_by_label("Notify readers").check()
    page.get_by_role("button", name="Review the change").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm the change"
    check_page(page, "status-confirm-phone-en")
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.OPEN

    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    assert page.get_by_text("1 readers were sent a notice.").is_visible()
    assert page.get_by_text("Closed for now; e-books still work.").is_visible()  # the banner
    check_page(page, "status-run-phone-en")
    library_a.refresh_from_db()
    assert library_a.service_mode == ServiceMode.CLOSED and library_a.online_first
