"""The acceptance story in a browser at phone width: a librarian (in English) opens a station at a quarantine
hotel and sends it 40 copies; the hotel's contact (in Chinese, no account) asks for more books through the
link; the librarian rotates the collection (10 back, 15 new); the counts add up on the staff page and on the
site's page, in both languages. Every page passes axe with no serious violation and does not scroll sideways."""

import datetime

import pytest
from django.utils import timezone

from lantern.conftest import PASSWORD
from lantern.outreach.models import Station
from lantern.tests.browser import PHONE, check_page, sign_in, switch_to_english

from .stations_helpers import barcodes, clear_rate_limit, make_copies, make_partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def counts_on(page) -> dict:
    return {
        key: int(page.locator(f"dd[data-count={key}]").inner_text())
        for key in ("at_station", "sent", "returned", "lost")
    }


def test_a_quarantine_hotel_station_on_a_phone(live_server, browser, phone_page, librarian_a, library_a):
    clear_rate_limit()
    hotel = make_partner(library_a, name="Harbour Quarantine Hotel")
    first = make_copies(library_a, 40, title="活着")
    new = make_copies(library_a, 15, title="围城")
    base = live_server.url

    staff = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_in(staff, base, librarian_a.username, PASSWORD)
    staff.goto(f"{base}/alpha/staff/stations/new/")
    check_page(staff, "stations-form-phone-en")
    staff.locator("input[name=name_zh_hans]").fill("港湾隔离酒店阅读角")
    staff.locator("input[name=name_en]").fill("Harbour hotel reading corner")
    staff.locator("select[name=site]").select_option("quarantine_hotel")
    staff.locator("input[name=address]").fill("江汉路 1 号")
    staff.locator("select[name=host]").select_option(str(hotel.pk))
    staff.locator("input[name=contact_name]").fill("陈经理")
    staff.locator("input[name=opens_on]").fill(str(timezone.localdate() - datetime.timedelta(days=3)))
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    staff.locator("form[action$='/open/'] button").click()
    staff.wait_for_load_state()
    assert "The station is open" in staff.locator("main").inner_text()
    staff.locator("textarea[name=barcodes]").fill(barcodes(first))
    staff.locator("form[action$='/send/'] button").click()
    staff.wait_for_load_state()
    assert "40 copies were checked out to the station." in staff.locator("main").inner_text()
    check_page(staff, "stations-sent-phone-en")
    station = Station.objects.get()
    staff.goto(f"{base}/alpha/staff/stations/{station.pk}/link/")
    check_page(staff, "stations-link-phone-en")
    link = staff.locator(".station-link a").inner_text()

    # The hotel's contact, on a phone, in Chinese, without an account.
    site = phone_page
    site.goto(link)
    assert "港湾隔离酒店阅读角" in site.locator("h1").inner_text()
    assert counts_on(site)["at_station"] == 40
    check_page(site, "stations-site-phone-zh")
    site.locator("form[action$='/more/'] input[name=quantity]").fill("15")
    site.locator("form[action$='/more/'] textarea[name=message]").fill("住客想看小说")
    site.locator("form[action$='/more/'] button").click()
    site.wait_for_load_state()
    assert site.locator(".messages").count() == 1
    check_page(site, "stations-site-asked-phone-zh")

    # The librarian sees the request and rotates: 10 back, 15 new.
    staff.goto(f"{base}/alpha/staff/stations/")
    assert "住客想看小说" in staff.locator("main").inner_text()
    check_page(staff, "stations-overview-phone-en")
    staff.goto(f"{base}/alpha/staff/stations/{station.pk}/rotate/")
    for box in staff.locator("input[name=deposits]").all()[:10]:
        box.check()
    staff.locator("textarea[name=barcodes]").fill(barcodes(new))
    check_page(staff, "stations-rotate-phone-en")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_load_state()
    assert "15 copies were checked out to the station." in staff.locator("main").inner_text()
    staff.goto(f"{base}/alpha/staff/stations/{station.pk}/")
    assert counts_on(staff) == {"at_station": 45, "sent": 55, "returned": 10, "lost": 0}
    check_page(staff, "stations-station-phone-en")

    site.reload()
    assert counts_on(site) == {"at_station": 45, "sent": 55, "returned": 10, "lost": 0}
    switch_to_english(site)
    assert "Ask for more books" in site.locator("main").inner_text()
    check_page(site, "stations-site-phone-en")
