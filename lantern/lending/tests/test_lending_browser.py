"""The whole loop in a browser, as people do it: a reader orders on a phone in Chinese, staff fulfil it from
the queue in English, the reader sees it on loan, staff check the return in, the copy waits in quarantine and
goes back on the shelf. Every page passes axe with no serious violation and does not scroll sideways."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from lantern.catalogue.models import Copy
from lantern.conftest import PASSWORD
from lantern.lending.models import Order
from lantern.tests.browser import check_page, sign_in, switch_to_english

from .factories import make_carrier, make_copies, make_rules, make_zone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_order_deliver_return_quarantine_and_back_on_the_shelf(
    live_server, browser, phone_page, reader, librarian_a, library_a
):
    make_rules(library_a, fee_rule="zone")
    copy = make_copies(library_a, title="活着")[0]
    make_zone(library_a, name="武昌区", fee="3")
    make_carrier(library_a, name="EMS")

    # The reader, on a phone, in Chinese (the browser asks for it).
    page = phone_page
    sign_in(page, live_server.url, reader.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/catalogue/records/{copy.record_id}/")
    page.locator("form[action$='/orders/new/'] button").click()
    page.wait_for_load_state()
    check_page(page, "lending-order-form-phone-zh")
    page.locator("input[name=method][value=delivery]").check()
    page.locator("select[name=zone]").select_option(index=1)
    page.locator("input[name=recipient]").fill("Alice")
    page.locator("input[name=phone]").fill("13800138000")
    page.locator("input[name=address]").fill("中北路 1 号")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page, "lending-order-confirm-phone-zh")
    assert "3.00" in page.locator("main").inner_text()
    page.locator("button[name=confirm]").click()
    page.wait_for_load_state()
    order = Order.objects.get(reader=reader)
    assert page.url.endswith(f"/alpha/orders/{order.number}/")
    check_page(page, "lending-order-page-phone-zh")

    # Staff, at a desk, in English: pick, pack, hand over, delivered.
    staff = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(staff, live_server.url, librarian_a.username, PASSWORD)
    staff.goto(f"{live_server.url}/alpha/staff/orders/")
    check_page(staff, "lending-queue-desktop-en")
    for step in ("picking", "packed"):
        staff.locator(f"button[name=step][value={step}]").first.click()
        staff.wait_for_load_state()
    staff.locator("select[name=carrier]").first.select_option(label="EMS")
    staff.locator("input[name=tracking_number]").first.fill("EMS123456789")
    staff.locator("button[name=step][value=shipped]").first.click()
    staff.wait_for_load_state()
    staff.goto(f"{live_server.url}/alpha/staff/orders/{order.number}/")
    check_page(staff, "lending-staff-order-desktop-en")
    staff.locator("button[name=step][value=delivered]").click()
    staff.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == "on_loan"

    # The reader sees the loan, then switches to English.
    page.goto(f"{live_server.url}/alpha/loans/")
    assert "活着" in page.locator("main").inner_text()
    check_page(page, "lending-loans-phone-zh")
    switch_to_english(page)
    page.goto(f"{live_server.url}/alpha/orders/{order.number}/")
    assert "On loan" in page.locator("main").inner_text()
    check_page(page, "lending-order-page-phone-en")

    # The book comes back through the book drop: checked in, in quarantine, then on the shelf again.
    staff.goto(f"{live_server.url}/alpha/staff/returns/")
    staff.locator("input[name=barcode]").fill(copy.barcode)
    staff.locator("select[name=method]").select_option("book_drop")
    staff.locator("#return-form button[type=submit]").click()
    staff.wait_for_load_state()
    assert "quarantine" in staff.locator("main").inner_text().lower()
    check_page(staff, "lending-returns-desktop-en")
    copy.refresh_from_db()
    order.refresh_from_db()
    assert copy.status == "in_quarantine" and order.status == "returned"

    call_command("release_quarantine", stdout=open("/dev/null", "w"))  # noqa: SIM115
    copy.refresh_from_db()
    assert copy.status == "in_quarantine"  # 72 hours for paper are not up
    later = timezone.now() + datetime.timedelta(hours=73)
    from lantern.lending.services.returns import release_quarantine

    assert release_quarantine(now=later) == 1
    assert Copy.objects.get(pk=copy.pk).status == "available"
