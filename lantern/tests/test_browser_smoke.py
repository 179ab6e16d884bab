"""A reader's first visit, on a phone, in Chinese and in English: banner, language switch, no
horizontal scrolling, and no serious accessibility violation."""

import pytest

from lantern.conftest import PASSWORD
from lantern.core.models import ServiceMode
from lantern.core.services import set_service_mode

from .browser import DESKTOP, has_horizontal_scroll, screenshot, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def closed_library(library_a):
    set_service_mode(
        library_a,
        ServiceMode.CLOSED,
        message_zh="疫情防控期间暂停开放，线上服务照常。",
        message_en="Closed during the epidemic; online services continue.",
    )
    return library_a


def test_home_page_on_a_phone_in_chinese_then_english(live_server, phone_page, closed_library):
    page = phone_page
    page.goto(f"{live_server.url}/alpha/")
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    banner = page.get_by_role("region", name="服务状态")
    assert "暂停开放" in banner.inner_text()
    assert "线上服务照常" in banner.inner_text()
    assert not has_horizontal_scroll(page)
    assert serious_violations(page) == []
    screenshot(page, "home-phone-zh")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    banner = page.get_by_role("region", name="Service status")
    assert "Closed" in banner.inner_text()
    assert "online services continue" in banner.inner_text()
    assert page.get_by_role("navigation", name="Main menu").is_visible()
    assert not has_horizontal_scroll(page)
    assert serious_violations(page) == []
    screenshot(page, "home-phone-en")


def test_skip_link_is_the_first_stop_and_leads_to_the_content(live_server, phone_page, closed_library):
    page = phone_page
    page.goto(f"{live_server.url}/alpha/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # visible when focused


@pytest.mark.parametrize(
    "path", ["/", "/alpha/services/", "/accounts/register/?library=alpha", "/accounts/login/", "/api/v1/docs"]
)
def test_public_pages_pass_axe_on_a_phone_and_a_desktop(live_server, browser, closed_library, path):
    for name, viewport in (("phone", {"width": 360, "height": 780}), ("desktop", DESKTOP)):
        for locale in ("zh-CN", "en-US"):
            context = browser.new_context(viewport=viewport, locale=locale)
            page = context.new_page()
            page.goto(f"{live_server.url}{path}")
            assert serious_violations(page) == [], f"{path} {name} {locale}"
            assert not has_horizontal_scroll(page), f"{path} {name} {locale}"
            context.close()


def test_registration_errors_are_announced_and_keep_the_input(live_server, phone_page, closed_library):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/register/?library=alpha")
    page.get_by_label("手机号或电子邮箱").fill("12345")
    page.get_by_label("密码", exact=True).fill("password")
    page.get_by_label("确认密码").fill("password")
    page.get_by_role("button", name="创建账户").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").first.is_visible()
    assert "不是有效的" in page.content()
    assert page.get_by_label("手机号或电子邮箱").input_value() == "12345"
    assert serious_violations(page) == []
    screenshot(page, "register-errors-phone-zh")


def test_librarian_signs_in_and_reads_the_staff_page_on_a_phone(
    live_server, phone_page, closed_library, librarian_a, reader
):
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/?next=/alpha/staff/")
    page.get_by_label("手机号或电子邮箱").fill("bob@example.org")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/alpha/staff/")
    assert reader.cards.get().number in page.content()
    assert page.get_by_role("link", name="馆员", exact=True).get_attribute("aria-current") == "page"
    assert not has_horizontal_scroll(page)
    assert serious_violations(page) == []
    screenshot(page, "staff-phone-zh")
