"""Contributing in a browser, on a phone (360×780), in Chinese and in English, without JavaScript doing any of
the work: the form is filled with a real file upload and reaches the receipt; a refused file brings the form
back with what was typed; the status page with a reviewer's question takes an answer. Every page passes axe
with no serious or critical violation and no sideways scroll; screenshots go to test-artifacts/archive/."""

import pytest
from django.core.cache import cache

from lantern.archive.models import Item, Message
from lantern.tests.browser import ARTIFACTS, check_page, switch_to_english

from .helpers import jpeg_bytes, submitted_item, zip_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fresh_rate_limit_and_artifacts():
    cache.clear()
    (ARTIFACTS / "archive").mkdir(parents=True, exist_ok=True)
    yield
    cache.clear()


def _fill(page, title: str, *, files) -> None:
    page.locator("select[name=kind]").select_option("photo")
    page.locator("input[name=title]").fill(title)
    page.locator("textarea[name=description]").fill("二〇二〇年二月，小区门口的志愿者在测体温。")
    page.locator("input[name=date]").fill("2020-02")
    page.locator("input[name=place]").fill("武汉市江岸区")
    page.locator("input[name=licence][value=cc_by_nc]").check()
    page.locator("input[name=contributor_name]").fill("王小明")
    page.locator("input[name=show_name]").check()
    page.locator("input[name=contact_email]").fill("xiaoming@example.org")
    page.locator("input[name=files]").set_input_files(files)


def _send(page) -> None:
    with page.expect_navigation():
        page.locator("main form.contribute-form button[type=submit]").click()
    page.wait_for_load_state()


def _contribute(page, base: str, language: str, title: str) -> Item:
    page.goto(f"{base}/alpha/archive/contribute/")
    check_page(page, f"archive/contribute-form-phone-{language}")

    _fill(page, title, files=[{"name": "photos.jpg", "mimeType": "image/jpeg", "buffer": zip_file().read()}])
    _send(page)
    assert "photos.jpg" in page.locator("main").inner_text()
    assert page.locator("input[name=title]").input_value() == title
    assert page.locator("input[name=place]").input_value() == "武汉市江岸区"
    assert page.locator("input[name=show_name]").is_checked()
    assert page.locator("input[name=licence][value=cc_by_nc]").is_checked()
    assert not Item.objects.filter(title=title).exists()
    check_page(page, f"archive/contribute-refused-phone-{language}")

    page.locator("input[name=files]").set_input_files(
        [
            {"name": "gate.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes(gps=True)},
            {"name": "note.txt", "mimeType": "text/plain", "buffer": "封闭第十天。".encode()},
        ]
    )
    _send(page)
    item = Item.objects.get(title=title)
    assert f"/alpha/archive/contributions/{item.reference}/" in page.url
    assert page.locator(".reference-value").inner_text() == item.reference
    assert "xiaoming@example.org" not in page.locator("body").inner_text()
    assert item.files.count() == 2
    check_page(page, f"archive/contribute-receipt-phone-{language}")
    return item


def test_contributing_on_a_phone_in_chinese_and_in_english(live_server, phone_page, library_a):
    page, base = phone_page, live_server.url
    _contribute(page, base, "zh", "小区门口的志愿者")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    switch_to_english(page)
    _contribute(page, base, "en", "Volunteers at the gate")
    assert page.locator("html").get_attribute("lang") == "en"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_answering_a_question_on_a_phone(live_server, phone_page, library_a, language):
    item = submitted_item(library_a)
    Message.objects.create(item=item, text="这张照片是在哪个小区拍的？")
    Item.objects.filter(pk=item.pk).update(status=Item.Status.ASKED)
    page = phone_page
    page.goto(f"{live_server.url}/alpha/archive/contributions/{item.reference}/")
    if language == "en":
        switch_to_english(page)
    check_page(page, f"archive/contribution-asked-phone-{language}")
    page.locator("textarea[name=text]").fill("在江岸区的一个小区。")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "在江岸区的一个小区。" in page.locator("main").inner_text()
    item.refresh_from_db()
    assert item.status == Item.Status.SUBMITTED
    check_page(page, f"archive/contribution-answered-phone-{language}")
