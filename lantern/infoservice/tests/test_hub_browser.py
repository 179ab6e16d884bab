"""In a browser at phone width: a reader reads the information page and a notice in Chinese, then in English;
a librarian writes a notice with the staff form (bad input first) and publishes it. Every page passes axe with
no serious violation and does not scroll sideways."""

import pytest

from lantern.conftest import PASSWORD
from lantern.infoservice.models import Bulletin
from lantern.infoservice.services import hub as services
from lantern.tests.browser import check_page, sign_in, switch_to_english

from .hub_helpers import make_notice

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_information_page_and_notice_in_chinese_and_english(live_server, phone_page, library_a, librarian_a):
    topic = services.create_topic(library_a, by=librarian_a, name_zh="就医指引", name_en="Getting medical care")
    make_notice(library_a, librarian_a, pinned=True, topics=[topic])
    make_notice(
        library_a,
        librarian_a,
        title_zh_hans="居家防护指引",
        title_en="Staying safe at home",
        body_zh_hans="<ul><li>勤洗手。</li><li>每天开窗通风。</li></ul>",
        body_en="<ul><li>Wash your hands often.</li><li>Air rooms every day.</li></ul>",
        authority="湖北省疾病预防控制中心 Hubei Provincial Center for Disease Control and Prevention",
        expires_at=None,
    )
    page = phone_page
    page.goto(f"{live_server.url}/{library_a.slug}/information/")
    main = page.locator("main").inner_text()
    assert "发热门诊名单" in main and main.index("发热门诊名单") < main.index("居家防护指引")
    assert page.locator("link[rel=alternate][type='application/rss+xml']").count() == 1
    check_page(page, "hub-information-phone-zh")
    page.get_by_role("link", name="居家防护指引").click()
    page.wait_for_load_state()
    assert "每天开窗通风" in page.locator("main").inner_text()
    check_page(page, "hub-notice-phone-zh")

    switch_to_english(page)
    assert "Air rooms every day." in page.locator("main").inner_text()
    check_page(page, "hub-notice-phone-en")
    page.goto(f"{live_server.url}/{library_a.slug}/information/")
    assert "Staying safe at home" in page.locator("main").inner_text()
    page.get_by_role("link", name="Getting medical care").click()
    page.wait_for_load_state()
    assert "Staying safe at home" not in page.locator("main").inner_text()
    check_page(page, "hub-information-phone-en")


def test_staff_notice_form_at_phone_width(live_server, browser, library_a, librarian_a):
    page = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/{library_a.slug}/staff/information/notices/new/")
    check_page(page, "hub-staff-form-phone-en")
    # What the browser lets through but the library refuses: a notice issued in the future.
    page.locator("input[name=title_en]").fill("Fever clinics")
    page.locator("input[name=authority]").fill("Wuhan Municipal Health Commission")
    page.locator("input[name=issued_on]").fill("2999-01-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    main = page.locator("main").inner_text()
    assert "nothing was saved" in main and "A notice cannot be issued in the future." in main
    check_page(page, "hub-staff-form-errors-phone-en")
    page.locator("input[name=issued_on]").fill("2020-02-01")
    page.locator("input[name=title_zh_hans]").fill("发热门诊名单")
    page.locator("textarea[name=body_en]").fill("All fever clinics are open 24 hours.")
    page.locator("input[name=source_url]").fill("https://wjw.example.gov.cn/1")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Draft notice saved" in page.content()
    check_page(page, "hub-staff-notice-phone-en")
    page.get_by_role("button", name="Submit to publish").click()
    page.wait_for_load_state()
    assert Bulletin.objects.get().status == "published"
    page.close()
