"""Readers on a phone, in Chinese then in English: search the rumour checks, open one, send a message that
matches a check (and see it at once), send one that does not (and get its reference page). Every page passes
axe with no serious violation and does not scroll sideways."""

import pytest
from django.core.cache import cache

from lantern.infoservice.models import Doubt, RumourCheck
from lantern.tests.browser import check_page, switch_to_english

from .rumours_helpers import make_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_open_and_send_doubts_on_a_phone_in_both_languages(live_server, phone_page, library_a, librarian_a):
    cache.clear()
    check = make_check(library_a, librarian_a, publish=True, verdict=RumourCheck.Verdict.FALSE)
    page = phone_page
    base = f"{live_server.url}/alpha/rumours/"

    # In Chinese (the browser asks for it): search, open the check.
    page.goto(base)
    check_page(page, "rumours-list-phone-zh")
    page.locator("input[name=q]").fill("热水")
    page.locator("form[role=search] button").click()
    page.wait_for_load_state()
    check_page(page, "rumours-search-phone-zh")
    page.get_by_role("link", name=check.claim_zh_hans).click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/alpha/rumours/{check.pk}/")
    assert "身体保持在 37 度" in page.locator("main").inner_text()
    check_page(page, "rumours-check-phone-zh")

    # A message that matches: the check is shown at once, nothing is sent.
    page.goto(f"{base}doubts/new/")
    check_page(page, "rumours-doubt-form-phone-zh")
    page.locator("textarea[name=text]").fill("朋友圈都在传：喝热水能杀死病毒！")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page, "rumours-doubt-matches-phone-zh")
    assert page.locator(f"main a[href='/alpha/rumours/{check.pk}/']").count() == 1
    assert not Doubt.objects.exists()

    # One that does not match: sent, with its reference page.
    page.goto(f"{base}doubts/new/")
    page.locator("textarea[name=text]").fill("听说 5G 基站会传播病毒")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    doubt = Doubt.objects.get()
    assert page.url.endswith(f"/alpha/rumours/doubts/{doubt.reference}/")
    assert doubt.reference in page.locator("main").inner_text()
    check_page(page, "rumours-doubt-page-phone-zh")

    # In English: the same, and this time the matching message is sent anyway.
    page.goto(base)
    switch_to_english(page)
    page.locator("input[name=q]").fill("hot water")
    page.locator("form[role=search] button").click()
    page.wait_for_load_state()
    check_page(page, "rumours-search-phone-en")
    page.get_by_role("link", name=check.claim_en).click()
    page.wait_for_load_state()
    assert "Verdict: False" in page.locator("main").inner_text()
    check_page(page, "rumours-check-phone-en")

    page.goto(f"{base}doubts/new/")
    page.locator("textarea[name=text]").fill("Someone said drinking hot water kills the virus")
    page.locator("input[name=email]").fill("visitor@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Has it already been checked?" in page.locator("main").inner_text()
    check_page(page, "rumours-doubt-matches-phone-en")
    page.get_by_role("button", name="Send it anyway").click()
    page.wait_for_load_state()
    sent = Doubt.objects.get(email="visitor@example.org")
    assert page.url.endswith(f"/alpha/rumours/doubts/{sent.reference}/")
    check_page(page, "rumours-doubt-page-phone-en")

    page.goto(f"{base}doubts/new/")
    page.locator("textarea[name=text]").fill("Bananas cure every illness")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Waiting for a check" in page.locator("main").inner_text()
    assert Doubt.objects.count() == 3
