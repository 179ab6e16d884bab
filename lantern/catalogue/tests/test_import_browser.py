"""The upload page and the result page on a phone, in Chinese and English: a librarian uploads a file
with a damaged record, reads the result, and axe finds nothing serious on either page."""

import pytest

from lantern.conftest import PASSWORD
from lantern.tests.browser import PHONE, has_horizontal_scroll, screenshot, serious_violations, sign_in

from .test_import_readers import REALDATA

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("locale", "rejected_heading"), [("zh-CN", None), ("en-US", "Rejected records")])
def test_librarian_uploads_a_file_and_reads_the_result_on_a_phone(
    live_server, browser, librarian_a, locale, rejected_heading
):
    context = browser.new_context(viewport=PHONE, locale=locale)
    page = context.new_page()
    sign_in(page, live_server.url, "bob@example.org", PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/catalogue/import/")
    assert serious_violations(page) == []
    assert not has_horizontal_scroll(page)
    screenshot(page, f"import-upload-{locale}")

    page.locator("#id_file").set_input_files(str(REALDATA / "bad_records.mrc"))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/alpha/staff/catalogue/import/" in page.url and page.url.rstrip("/").split("/")[-1].isdigit()
    assert page.locator("dl.import-counts dd").all_inner_texts() == ["8", "1", "1", "6", "0", "0"]
    assert page.locator("td.problem-message").count() == 6
    if rejected_heading:
        assert page.get_by_role("heading", name=rejected_heading).is_visible()
    assert serious_violations(page) == []
    assert not has_horizontal_scroll(page)
    screenshot(page, f"import-result-{locale}")

    # The recent imports list links back to the result.
    page.goto(f"{live_server.url}/alpha/staff/catalogue/import/")
    assert page.get_by_role("link", name="bad_records.mrc").is_visible()
    assert serious_violations(page) == []
    context.close()


def test_a_bad_upload_shows_the_message_on_the_page(live_server, browser, librarian_a):
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    sign_in(page, live_server.url, "bob@example.org", PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/catalogue/import/")
    page.locator("#id_file").set_input_files(str(REALDATA / "marc.dat"))
    page.locator("#id_format").select_option("marcxml")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "This file is not in MARCXML." in page.content()
    assert serious_violations(page) == []
    assert not has_horizontal_scroll(page)
    screenshot(page, "import-error-en")
    context.close()


@pytest.mark.parametrize(("locale", "heading"), [("zh-CN", "需核查的复本"), ("en-US", "Copies to check")])
def test_copies_to_check_are_listed_with_their_record_on_a_phone(
    live_server, browser, librarian_a, tmp_path, locale, heading
):
    from .test_import_holdings import iso2709, koha_952, marc21

    path = tmp_path / "holdings.mrc"
    path.write_bytes(iso2709(marc21("b1", "Holdings on a phone", koha_952("99001"), koha_952("", location="GEN"))))
    context = browser.new_context(viewport=PHONE, locale=locale)
    page = context.new_page()
    sign_in(page, live_server.url, "bob@example.org", PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/catalogue/import/")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("dl.import-counts dd").all_inner_texts() == ["1", "1", "0", "0", "1", "0"]
    assert page.get_by_role("heading", name=heading).is_visible()
    assert page.get_by_role("link", name="Holdings on a phone").is_visible()
    assert serious_violations(page) == []
    assert not has_horizontal_scroll(page)
    screenshot(page, f"import-copies-{locale}")
    context.close()
