"""The browser-test harness every family extends: Debian's Chromium driven by Playwright, with
axe-core for accessibility. Nothing here downloads a browser."""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM = os.environ.get("LANTERN_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# This machine has no internet: without these flags Chromium stalls on refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop; the ORM in the test's own thread is still synchronous.
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make system-deps` (Debian package chromium).")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def phone_page(browser):
    """A page at 360×780, as on a phone; its language follows the `locale` of each test's context."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page, as readable lines."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def screenshot(page, name: str) -> None:
    """Keep a picture of what the reader saw, for people to look at (test-artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def has_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth + 1")


def sign_in(page, base_url: str, username: str, password: str) -> None:
    """Sign in through the real form, as a person would."""
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()


def switch_to_english(page) -> None:
    """Use the language switch in the header, and check the page came back in English."""
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"


def check_page(page, name: str) -> None:
    """What every page must pass: no sideways scrolling, no serious axe violation; keep a screenshot."""
    assert not has_horizontal_scroll(page), name
    assert serious_violations(page) == [], name
    screenshot(page, name)
