"""Easy reading in a browser, on a phone, in Chinese and in English: switched on from the header, the home
page, the services directory and a service page with a captioned lesson pass axe with no serious or critical
violation and no sideways scroll; the text is larger; the choice survives a new page load; switching it off
brings the normal text back. The staff lesson form refuses a captions file that is not WebVTT."""

import pytest

from lantern.conftest import PASSWORD
from lantern.outreach.models import Lesson
from lantern.outreach.services import special as services
from lantern.tests.browser import check_page, sign_in, switch_to_english

from .special_helpers import make_video_service, service_fields, use_own_media_root

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SWITCH = ".easy-reading-switch button"
FONT_SIZE = "() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def _press_switch(page) -> None:
    with page.expect_navigation():
        page.locator(SWITCH).click()
    page.wait_for_load_state()


def _is_on(page) -> bool:
    pressed = page.locator(SWITCH).get_attribute("aria-pressed") == "true"
    has_class = page.evaluate("() => document.body.classList.contains('easy-reading')")
    assert pressed == has_class
    return pressed


def _check_three_pages(page, base, slug, service, language) -> None:
    for path, name in (
        (f"/{slug}/", "home"),
        (f"/{slug}/access/", "access-directory"),
        (f"/{slug}/access/{service.pk}/", "access-service"),
    ):
        page.goto(f"{base}{path}")
        assert _is_on(page), f"easy reading is remembered on {path}"
        check_page(page, f"easy-reading-{name}-phone-{language}")


def test_easy_reading_on_a_phone_in_both_languages_passes_axe_and_survives_a_new_page(
    live_server, phone_page, library_a, librarian_a
):
    service = make_video_service(library_a, librarian_a)
    phone = services.create_service(library_a, by=librarian_a, **service_fields())
    services.publish_service(phone, by=librarian_a)
    page, base, slug = phone_page, live_server.url, library_a.slug

    page.goto(f"{base}/{slug}/access/")
    assert not _is_on(page)
    normal = page.evaluate(FONT_SIZE)
    _press_switch(page)
    assert page.url == f"{base}/{slug}/access/", "the switch returns to the same page"
    assert _is_on(page)
    assert page.evaluate(FONT_SIZE) >= normal * 1.2, "the text is larger"
    assert page.locator("video track[kind=captions]").count() == 0  # the directory has no video
    _check_three_pages(page, base, slug, service, "zh")
    assert page.locator("video track[kind=captions][default]").count() == 1
    assert page.evaluate("() => document.querySelector('main a').getBoundingClientRect().width <= 360")

    page.reload()
    assert _is_on(page), "the choice survives a new page load"
    switch_to_english(page)
    assert _is_on(page)
    _check_three_pages(page, base, slug, service, "en")
    assert page.locator(SWITCH).inner_text().startswith("Easy reading")

    _press_switch(page)
    assert not _is_on(page)
    assert page.evaluate(FONT_SIZE) < normal * 1.1
    page.goto(f"{base}/{slug}/")
    assert not _is_on(page), "off stays off on a new page"
    check_page(page, "easy-reading-off-home-phone-en")


def test_a_staff_member_is_told_a_captions_file_is_not_webvtt(live_server, phone_page, library_a, librarian_a):
    service = make_video_service(library_a, librarian_a, publish=False)
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    switch_to_english(page)
    page.goto(f"{live_server.url}/{library_a.slug}/staff/access/{service.pk}/")
    check_page(page, "access-staff-service-phone-en")
    page.goto(f"{live_server.url}/{library_a.slug}/staff/access/{service.pk}/lessons/new/")
    page.locator("input[name=title_en]").fill("Washing hands")
    page.locator("input[name=video_url]").fill("https://video.example.org/hands.mp4")
    page.locator("input[name=captions]").set_input_files(
        {"name": "hands.vtt", "mimeType": "text/vtt", "buffer": b"1\n00:00:00,000 --> 00:00:02,000\nHi\n"}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "The captions file is not WebVTT text" in page.locator("main").inner_text()
    assert page.locator("input[name=title_en]").input_value() == "Washing hands"
    check_page(page, "access-lesson-form-refused-phone-en")
    assert Lesson.objects.count() == 1
