"""The staff preservation page in a browser, on a phone (360×780), in Chinese and in English: a librarian sees
the missing and changed files a check found, runs a check of the library's files with the button, and reads
how to export a bag. Every page passes axe with no serious or critical violation and no sideways scroll;
screenshots go to test-artifacts/archive/."""

import pytest

from lantern.archive.models import FixityRun
from lantern.archive.services import fixity
from lantern.conftest import PASSWORD
from lantern.tests.browser import ARTIFACTS, PHONE, check_page, sign_in, switch_to_english

from .helpers import collection
from .preservation_helpers import change_one_byte, delete_original, item_with_three_files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def artifacts():
    (ARTIFACTS / "archive").mkdir(parents=True, exist_ok=True)


def test_a_librarian_sees_the_problems_and_runs_a_check_on_a_phone(
    live_server, browser, phone_page, library_a, librarian_a
):
    city = collection(library_a)
    item = item_with_three_files(library_a, city, title="封控第十天的日记")
    delete_original(item.files.get(position=1))
    change_one_byte(item.files.get(position=2))
    fixity.run_fixity_check()
    url = f"{live_server.url}/alpha/staff/archive/preservation/"

    # In Chinese, the site's own language.
    zh = phone_page
    sign_in(zh, live_server.url, librarian_a.username, PASSWORD)
    zh.goto(url)
    assert zh.locator("html").get_attribute("lang").lower() == "zh-hans"
    main = zh.locator("main").inner_text()
    assert item.reference in main and "封控第十天的日记" in main
    assert "lantern archive-export alpha/our-city" in main
    check_page(zh, "archive/preservation-phone-zh")
    with zh.expect_navigation():
        zh.locator("main form button[type=submit]").click()
    zh.wait_for_load_state()
    assert FixityRun.objects.count() == 2
    assert zh.locator(".messages").count() == 1
    check_page(zh, "archive/preservation-checked-phone-zh")

    # In English, on another phone.
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    en = context.new_page()
    sign_in(en, live_server.url, librarian_a.username, PASSWORD)
    en.goto(url)
    if en.locator("html").get_attribute("lang") != "en":
        switch_to_english(en)
    main = en.locator("main").inner_text()
    assert "Missing: the file is not in storage" in main
    assert "Changed: its SHA-256 is not the one recorded" in main
    check_page(en, "archive/preservation-phone-en")
    with en.expect_navigation():
        en.get_by_role("button", name="Check our files now").click()
    en.wait_for_load_state()
    assert "3 files checked, 2 are missing or changed" in en.locator(".messages").inner_text()
    check_page(en, "archive/preservation-checked-phone-en")
    context.close()
