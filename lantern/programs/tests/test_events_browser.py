"""The acceptance loop in a browser, on phones: a reader in Chinese takes the last seat, a reader in English
finds the event full and joins the waiting list, the first cancels (after a confirmation page), and the second
sees the seat is now theirs, with the link to join. Every page passes axe and does not scroll sideways."""

import pytest

from lantern.conftest import PASSWORD, make_user
from lantern.programs.models import Registration
from lantern.programs.services import events as services
from lantern.tests.browser import PHONE, check_page, sign_in

from .events_helpers import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_fill_wait_cancel_and_promotion(live_server, browser, phone_page, reader, library_a):
    event = make_event(library_a, capacity=1, title_zh_hans="线上读书会", title_en="Online reading club")
    english_reader = make_user("emma@example.org", "Emma", language="en")
    event_url = f"{live_server.url}/alpha/events/{event.pk}/"

    # The reader in Chinese, on a phone: the events page, the event, register.
    zh = phone_page
    sign_in(zh, live_server.url, reader.username, PASSWORD)
    zh.goto(f"{live_server.url}/alpha/events/")
    assert "线上读书会" in zh.locator("main").inner_text()
    check_page(zh, "events-list-phone-zh")
    zh.goto(event_url)
    check_page(zh, "events-event-phone-zh")
    zh.locator("form[action$='/register/'] button").click()
    zh.wait_for_load_state()
    assert Registration.objects.get(reader=reader).status == "confirmed"
    assert "https://meet.example.org/talk" in zh.locator("main").inner_text()
    check_page(zh, "events-registered-phone-zh")

    # The reader in English, on another phone: the event is full, so the waiting list.
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    en = context.new_page()
    sign_in(en, live_server.url, english_reader.username, PASSWORD)
    en.goto(event_url)
    assert en.locator("html").get_attribute("lang") == "en"
    assert "Join the waiting list" in en.locator("main").inner_text()
    check_page(en, "events-full-phone-en")
    en.locator("form[action$='/register/'] button").click()
    en.wait_for_load_state()
    text = en.locator("main").inner_text()
    assert "You are number 1 on the waiting list." in text and "meet.example.org" not in text
    check_page(en, "events-waiting-phone-en")

    # The first reader cancels, after a confirmation page.
    zh.locator("a[href$='/cancel/']").click()
    zh.wait_for_load_state()
    check_page(zh, "events-cancel-confirm-phone-zh")
    zh.locator("main form button[type=submit]").click()
    zh.wait_for_load_state()
    assert Registration.objects.get(reader=reader).status == "cancelled"
    check_page(zh, "events-cancelled-phone-zh")

    # The second reader has moved up: the seat and the link are theirs, and a notice says so.
    en.reload()
    text = en.locator("main").inner_text()
    assert "Your seat is confirmed." in text and "https://meet.example.org/talk" in text
    check_page(en, "events-promoted-phone-en")
    assert english_reader.notices.get().subject == "A seat is yours: Online reading club"
    en.goto(f"{live_server.url}/alpha/events/mine/")
    assert "Online reading club" in en.locator("main").inner_text()
    check_page(en, "events-mine-phone-en")
    context.close()


def test_staff_pages_pass_axe_on_a_phone(live_server, phone_page, librarian_a, reader, library_a):
    event = make_event(library_a, capacity=1, mode="hybrid", title_en="Hybrid talk")
    services.register(event, reader)
    services.register(event, make_user("w@example.org", "Wen"))
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    for path, name in [
        ("/alpha/staff/events/", "events-staff-list-phone"),
        ("/alpha/staff/events/new/", "events-staff-form-phone"),
        (f"/alpha/staff/events/{event.pk}/", "events-staff-event-phone"),
        (f"/alpha/staff/events/{event.pk}/cancel/", "events-staff-cancel-phone"),
    ]:
        page.goto(f"{live_server.url}{path}")
        check_page(page, name)
    page.goto(f"{live_server.url}/alpha/staff/events/{event.pk}/edit/")
    page.locator("input[name=place]").fill("")  # a hybrid event needs a place
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "请填写活动地点。" in page.locator("main").inner_text()  # "Say where the event takes place."
    check_page(page, "events-staff-form-errors-phone")
