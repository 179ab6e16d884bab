"""Reservations on a phone, in Chinese and in English: the visit page, a ticket and the check-in page pass
axe with no serious violation and do not scroll sideways; booking and checking in work by plain forms."""

import pytest

from lantern.conftest import PASSWORD
from lantern.emergency.models import Booking
from lantern.tests.browser import check_page, sign_in, switch_to_english

from .reservations_helpers import make_slot, make_zone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_books_a_visit_and_sees_the_ticket(live_server, phone_page, reader, library_a):
    make_slot(library_a, hours_from_now=3, capacity=5)
    make_slot(library_a, zone=make_zone(library_a, "外借大厅", "Lending hall"), hours_from_now=3, capacity=1)
    page = phone_page
    sign_in(page, live_server.url, reader.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/visit/")
    check_page(page, "visit-phone-zh")
    page.locator("form[action$='/book/'] button").first.click()
    page.wait_for_load_state()
    booking = Booking.objects.get(reader=reader)
    assert page.url.endswith(f"/alpha/visit/tickets/{booking.code}/")
    assert page.locator("svg.ticket-qr").is_visible()
    check_page(page, "ticket-phone-zh")
    switch_to_english(page)
    assert page.locator("figcaption code").inner_text() == booking.code
    check_page(page, "ticket-phone-en")
    page.goto(f"{live_server.url}/alpha/visit/")
    assert page.get_by_role("heading", name="My bookings").is_visible()
    check_page(page, "visit-phone-en")


def test_check_in_page_with_a_scanner_typing_the_code(live_server, phone_page, reader, librarian_a, library_a):
    from lantern.emergency.services.reservations import book

    booking = book(reader, make_slot(library_a, hours_from_now=0))
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/visits/check-in/")
    assert page.evaluate("document.activeElement.name") == "code"
    check_page(page, "checkin-phone-zh")
    page.keyboard.type(booking.code)  # what a USB scanner does: the code, then Enter
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".checkin-ok").is_visible()
    check_page(page, "checkin-ok-phone-zh")
    switch_to_english(page)
    page.locator("input[name=code]").fill(booking.code)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Already used" in page.locator(".checkin-refused").inner_text()
    check_page(page, "checkin-refused-phone-en")
    page.goto(f"{live_server.url}/alpha/staff/visits/")
    check_page(page, "visits-staff-phone-en")
