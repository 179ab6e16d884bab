"""Donations in a browser, on phones: a librarian in Chinese records a gift of books and passes some on to a
hospital through the donation form's line rows; a librarian in English records a gift of money and looks at
a donation; a visitor in each language reads the thank-you page and checks the receipt. Every page passes
axe with no serious violation and does not scroll sideways."""

import pytest

from lantern.conftest import PASSWORD
from lantern.outreach.models import IncomingDonation, OutgoingDonation
from lantern.outreach.services import donations as services
from lantern.tests.browser import PHONE, check_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_forms_and_public_pages_on_phones_in_both_languages(live_server, browser, phone_page, librarian_a):
    base = f"{live_server.url}/alpha"

    # A librarian in Chinese, on a phone: record a gift of books.
    zh = phone_page
    sign_in(zh, live_server.url, librarian_a.username, PASSWORD)
    zh.goto(f"{base}/staff/donations/")
    check_page(zh, "donations-staff-list-phone-zh")
    zh.goto(f"{base}/staff/gifts/new/")
    check_page(zh, "donations-gift-form-phone-zh")
    zh.locator("input[name=kind][value=books]").check()
    zh.locator("input[name=donor_name]").fill("长江出版社")
    zh.locator("select[name=donor_kind]").select_option("company")
    zh.locator("input[name=donor_email]").fill("press@example.org")
    zh.locator("input[name=may_name]").check()
    zh.locator("input[name=description]").fill("儿童绘本")
    zh.locator("input[name=quantity]").fill("50")
    zh.locator("input[name=received_on]").fill("2020-02-10")
    zh.locator("main form button[type=submit]").click()
    zh.wait_for_load_state()
    gift = IncomingDonation.objects.get()
    assert zh.url.endswith(f"/staff/gifts/{gift.number}/")
    check_page(zh, "donations-gift-phone-zh")

    # ... and pass 60 of its 50 books on: refused, nothing written; then 30.
    zh.goto(f"{base}/staff/donations/new/")
    check_page(zh, "donations-donation-form-phone-zh")
    zh.locator("input[name=recipient]").fill("雷神山医院")
    zh.locator("select[name=recipient_kind]").select_option("hospital")
    zh.locator("input[name=given_on]").fill("2020-02-20")
    zh.locator("input[name='lines-0-description']").fill("绘本")
    zh.locator("input[name='lines-0-quantity']").fill("60")
    zh.locator("select[name='lines-0-from_incoming']").select_option(str(gift.pk))
    zh.locator("main form button[type=submit]").click()
    zh.wait_for_load_state()
    assert gift.number in zh.locator("[role=alert]").first.inner_text()
    assert not OutgoingDonation.objects.exists()
    check_page(zh, "donations-donation-refused-phone-zh")
    zh.locator("input[name='lines-0-quantity']").fill("30")
    zh.locator("main form button[type=submit]").click()
    zh.wait_for_load_state()
    donation = OutgoingDonation.objects.get()
    assert zh.url.endswith(f"/staff/donations/{donation.number}/")
    check_page(zh, "donations-donation-phone-zh")
    assert services.books_left(gift) == 20

    # A visitor in Chinese: the thank-you page and the receipt check.
    zh.goto(f"{base}/donations/thanks/")
    assert "长江出版社" in zh.locator("main").inner_text() and "press@example.org" not in zh.content()
    check_page(zh, "donations-thanks-phone-zh")
    zh.goto(f"{base}/donations/receipts/{donation.number}/")
    assert donation.number in zh.locator("main").inner_text()
    check_page(zh, "donations-receipt-check-phone-zh")

    # A librarian in English, on another phone: a gift of money from someone not to be named.
    en = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_in(en, live_server.url, librarian_a.username, PASSWORD)
    en.goto(f"{base}/staff/gifts/new/")
    assert en.locator("html").get_attribute("lang") == "en"
    check_page(en, "donations-gift-form-phone-en")
    en.locator("input[name=kind][value=money]").check()
    en.locator("input[name=donor_name]").fill("Li Secret")
    en.locator("select[name=donor_kind]").select_option("person")
    en.locator("input[name=description]").fill("For the reading corner")
    en.locator("input[name=received_on]").fill("2020-02-12")
    en.locator("main form button[type=submit]").click()
    en.wait_for_load_state()
    assert "amount above zero" in en.locator("main").inner_text()
    check_page(en, "donations-gift-form-error-phone-en")
    en.locator("input[name=amount]").fill("500")
    en.locator("main form button[type=submit]").click()
    en.wait_for_load_state()
    assert IncomingDonation.objects.filter(kind="money", amount=500).exists()
    check_page(en, "donations-gift-phone-en")
    en.goto(f"{base}/staff/donations/new/")
    check_page(en, "donations-donation-form-phone-en")
    en.goto(f"{base}/staff/donations/{donation.number}/")
    check_page(en, "donations-donation-phone-en")
    en.goto(f"{base}/staff/donations/")
    check_page(en, "donations-staff-list-phone-en")

    # A visitor in English: the unconsenting donor is "anonymous".
    en.goto(f"{base}/donations/thanks/")
    text = en.locator("main").inner_text()
    assert "Anonymous donor" in text and "Li Secret" not in text
    check_page(en, "donations-thanks-phone-en")
    en.goto(f"{base}/donations/receipts/{donation.number}/")
    assert "is genuine" in en.locator("main").inner_text()
    check_page(en, "donations-receipt-check-phone-en")
    en.goto(f"{base}/donations/receipts/NOPE-1/")
    check_page(en, "donations-receipt-unknown-phone-en")
