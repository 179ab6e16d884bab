"""An exhibition in a browser, as readers and staff meet it: the exhibition and an item page on a phone in
Chinese and in English pass axe with no serious violation and no sideways scroll; the keyboard reaches the
table of contents and the next-item link with a visible focus; the staff form refuses a renamed program."""

import pytest

from lantern.conftest import PASSWORD
from lantern.programs.models import Item
from lantern.programs.services import exhibitions as services
from lantern.tests.browser import check_page, sign_in, switch_to_english

from .exhibitions_helpers import WINDOWS_PROGRAM, make_exhibition, make_museum, png, upload, use_own_media_root

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MAX_TABS = 80


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    return use_own_media_root(settings, tmp_path)


def _published(library, by):
    exhibition = make_exhibition(library, by, partners=[make_museum(library)], audience="elderly")
    section = exhibition.sections.get()
    services.add_item(
        section, by=by, kind="image", image=upload("b.png", png((900, 1400), (30, 90, 160))),
        caption_zh="一张很长的海报，说明文字也很长很长很长很长很长很长很长很长", caption_en="A tall poster",
        alt_zh="蓝色的竖幅海报", alt_en="A tall blue poster", rights="© Test Museum",
    )  # fmt: skip
    services.add_item(
        section, by=by, kind="video", video_url="https://video.example.org/talk.mp4", caption_zh="讲座录像",
        caption_en="The talk, recorded",
    )  # fmt: skip
    second = services.add_section(exhibition, by=by, title_zh="第二部分", title_en="Part two", text_en="More.")
    services.add_item(
        second, by=by, kind="image", image=upload("c.png", png((1200, 800))), caption_zh="红色",
        caption_en="Red", alt_zh="一块红色", alt_en="A red field",
    )  # fmt: skip
    services.publish_exhibition(exhibition, by=by)
    return exhibition


def _tab_until(page, selector: str) -> bool:
    """Press Tab from the top of the page until `selector` has the focus; say whether it got there."""
    page.locator("body").focus()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return True
    return False


def _focus_is_visible(page) -> bool:
    return page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle !== 'none'")


def test_an_exhibition_reads_well_on_a_phone_in_both_languages_and_by_keyboard(
    live_server, phone_page, library_a, librarian_a
):
    exhibition = _published(library_a, librarian_a)
    first = Item.objects.filter(section__exhibition=exhibition).order_by("section__position", "position").first()
    page = phone_page
    base = live_server.url

    page.goto(f"{base}/alpha/exhibitions/{exhibition.pk}/")
    assert page.locator("h1").inner_text() == "家书"
    check_page(page, "exhibition-page-phone-zh")
    assert page.evaluate("() => [...document.images].every(i => i.getBoundingClientRect().width <= 360)")
    assert _tab_until(page, ".toc a"), "the table of contents is reachable by keyboard"
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.url.endswith(f"#section-{exhibition.sections.order_by('position').first().pk}")

    page.goto(f"{base}/alpha/exhibitions/{exhibition.pk}/items/{first.pk}/")
    check_page(page, "exhibition-item-phone-zh")
    assert _tab_until(page, "a[rel=next]"), "the next-item link is reachable by keyboard"
    assert _focus_is_visible(page)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/items/" in page.url and not page.url.endswith(f"/items/{first.pk}/")

    switch_to_english(page)
    check_page(page, "exhibition-item-phone-en")
    page.goto(f"{base}/alpha/exhibitions/{exhibition.pk}/")
    assert page.locator("h1").inner_text() == "Letters home"
    check_page(page, "exhibition-page-phone-en")
    page.goto(f"{base}/alpha/exhibitions/")
    check_page(page, "exhibition-list-phone-en")


def test_staff_editor_and_a_refused_upload_in_the_browser(live_server, phone_page, library_a, librarian_a):
    exhibition = make_exhibition(library_a, librarian_a)
    section = exhibition.sections.get()
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    switch_to_english(page)
    page.goto(f"{live_server.url}/alpha/exhibitions/{exhibition.pk}/edit/")
    check_page(page, "exhibition-editor-phone-en")
    page.goto(f"{live_server.url}/alpha/exhibitions/{exhibition.pk}/edit/sections/{section.pk}/items/new/")
    check_page(page, "exhibition-item-form-phone-en")
    page.locator("input[name=caption_en]").fill("My caption")
    page.locator("input[name=alt_en]").fill("My description")
    page.locator("input[name=image]").set_input_files(
        {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": WINDOWS_PROGRAM}
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "This file is not an image (it looks like a Windows program)." in page.locator("main").inner_text()
    assert page.locator("input[name=caption_en]").input_value() == "My caption"
    check_page(page, "exhibition-item-form-refused-phone-en")
    assert Item.objects.count() == 1
