"""The volunteer's loop in a browser, on phones: a person applies in Chinese, a librarian approves them in
English, the volunteer takes a shift, logs hours, sees "My hours" in English and downloads the certificate,
whose code the public page verifies. Every page passes axe and does not scroll sideways."""

import pytest
from django.utils import timezone

from lantern.conftest import PASSWORD
from lantern.outreach import certificate
from lantern.outreach.models import HoursEntry, ShiftSignup, Volunteer
from lantern.tests.browser import PHONE, check_page, sign_in, switch_to_english

from .volunteers_helpers import make_shift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_apply_approve_take_a_shift_log_hours_and_get_the_certificate(
    live_server, browser, phone_page, reader, librarian_a, library_a
):
    shift = make_shift(library_a, capacity=2, title_zh_hans="方舱阅读站值班", title_en="Reading station duty")
    base = f"{live_server.url}/alpha/volunteer"

    # The person, on a phone, in Chinese: the sign-up page, then the application.
    zh = phone_page
    sign_in(zh, live_server.url, reader.username, PASSWORD)
    zh.goto(f"{base}/")
    check_page(zh, "volunteers-apply-phone-zh")
    zh.locator("input[name=skills]").fill("朗读、整理图书")
    zh.locator("input[name=languages]").fill("普通话、中国手语")
    zh.locator("input[name=signs]").check()
    zh.locator("input[name=availability]").fill("周末")
    zh.locator("input[name=consent]").check()
    zh.locator("main form button[type=submit]").click()
    zh.wait_for_load_state()
    assert Volunteer.objects.get(user=reader).signs
    check_page(zh, "volunteers-applied-phone-zh")

    # The librarian, on another phone, in English: approve.
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    en = context.new_page()
    sign_in(en, live_server.url, librarian_a.username, PASSWORD)
    en.goto(f"{live_server.url}/alpha/staff/volunteers/")
    assert en.locator("html").get_attribute("lang") == "en"
    check_page(en, "volunteers-staff-list-phone-en")
    en.get_by_role("button", name="Approve").first.click()
    en.wait_for_load_state()
    assert Volunteer.objects.get(user=reader).status == "approved"
    check_page(en, "volunteers-staff-approved-phone-en")

    # The volunteer takes the shift.
    zh.goto(f"{base}/shifts/")
    assert "方舱阅读站值班" in zh.locator("main").inner_text()
    check_page(zh, "volunteers-shifts-phone-zh")
    zh.locator(f"form[action$='/shifts/{shift.pk}/sign-up/'] button").click()
    zh.wait_for_load_state()
    assert ShiftSignup.objects.get(volunteer__user=reader).status == "booked"
    check_page(zh, "volunteers-signed-up-phone-zh")

    # Logs hours, which staff approve; then "My hours" in English.
    zh.goto(f"{base}/hours/")
    check_page(zh, "volunteers-my-hours-phone-zh")
    zh.locator("input[name=worked_on]").fill(timezone.localdate().isoformat())
    zh.locator("input[name=hours]").fill("2.5")
    zh.locator("input[name=description]").fill("整理捐赠图书")
    zh.locator("main form[method=post] button[type=submit]").click()
    zh.wait_for_load_state()
    entry = HoursEntry.objects.get(volunteer__user=reader)
    assert entry.status == "pending"
    en.goto(f"{live_server.url}/alpha/staff/volunteers/")
    en.get_by_role("button", name="Approve the hours").click()
    en.wait_for_load_state()
    context.close()
    switch_to_english(zh)
    text = zh.locator("main").inner_text()
    assert "My hours" in text and "2.50" in text
    check_page(zh, "volunteers-my-hours-phone-en")

    # The certificate: a PDF; its code opens the public verification page.
    pdf = zh.request.get(f"{base}/hours/certificate.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    html = certificate.certificate_html(Volunteer.objects.get(user=reader), lambda p: live_server.url + p)
    check_url = html.split('<p class="code">')[2].split("<")[0]
    zh.goto(check_url)
    assert "This certificate is genuine." in zh.locator("main").inner_text()
    check_page(zh, "volunteers-certificate-check-phone-en")
