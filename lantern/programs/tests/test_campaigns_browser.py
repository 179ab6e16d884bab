"""A joint campaign in a browser, on phones: the coordinator creates and publishes it in Chinese, a librarian
joins and adds an activity in English, and a reader finds the library and its activity on the public page in
both languages. Every page passes axe with no serious violation and does not scroll sideways."""

import datetime

import pytest
from django.utils import timezone

from lantern.conftest import PASSWORD
from lantern.programs.models import Activity, Campaign, Participation
from lantern.tests.browser import PHONE, check_page, sign_in, switch_to_english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page, form_selector: str) -> None:
    page.locator(f"{form_selector} button[type=submit]").click()
    page.wait_for_load_state()


def test_coordinator_publishes_a_librarian_joins_and_readers_see_it(
    live_server, browser, phone_page, coordinator, librarian_a, library_a
):
    base = live_server.url
    start = timezone.localdate()
    end = start + datetime.timedelta(days=20)

    # The coordinator, on a phone, in Chinese.
    page = phone_page
    sign_in(page, base, coordinator.username, PASSWORD)
    page.goto(f"{base}/network/net/campaigns/manage/")
    check_page(page, "campaigns-manage-phone-zh")
    page.goto(f"{base}/network/net/campaigns/new/")
    page.locator("input[name=title_zh_hans]").fill("同读一本书")
    page.locator("input[name=title_en]").fill("One city, one book")
    page.locator("textarea[name=reader_action_zh_hans]").fill("每天读一章，发一段读书视频。")
    page.locator("textarea[name=reader_action_en]").fill("Read a chapter a day and post a reading video.")
    page.locator("input[name=hashtag]").fill("同读一本书")
    page.locator("input[name=starts_on]").fill(start.isoformat())
    page.locator("input[name=ends_on]").fill(end.isoformat())
    check_page(page, "campaigns-new-phone-zh")
    submit(page, "main form")
    campaign = Campaign.objects.get()
    assert page.url.endswith(f"/network/net/campaigns/{campaign.pk}/edit/")
    page.locator("input[name=resource-title_zh]").fill("共读电子书")
    page.locator("input[name=resource-title_en]").fill("The shared e-book")
    page.locator("input[name=resource-url]").fill("https://read.publisher.example.com/book")
    submit(page, "form[action$='/resources/']")
    check_page(page, "campaigns-edit-phone-zh")
    submit(page, "form[action$='/publish/']")
    check_page(page, "campaigns-publish-confirm-phone-zh")
    submit(page, "main form")
    campaign.refresh_from_db()
    assert campaign.status == "published"

    # A librarian of library A, on another phone, in English.
    staff = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    sign_in(staff, base, librarian_a.username, PASSWORD)
    switch_to_english(staff)
    staff.goto(f"{base}/alpha/staff/campaigns/")
    assert "One city, one book" in staff.locator("main").inner_text()
    check_page(staff, "campaigns-staff-list-phone-en")
    submit(staff, "form[action$='/join/']")
    check_page(staff, "campaigns-join-confirm-phone-en")
    submit(staff, "main form")
    assert Participation.objects.filter(library=library_a).exists()
    staff.locator("input[name=title_zh]").fill("朗读接力")
    staff.locator("input[name=title_en]").fill("Reading-aloud relay")
    staff.locator("input[name=date]").fill((start + datetime.timedelta(days=3)).isoformat())
    submit(staff, f"form[action$='/staff/campaigns/{campaign.pk}/']")
    assert "Activity “Reading-aloud relay” added." in staff.locator("main").inner_text()
    check_page(staff, "campaigns-staff-campaign-phone-en")
    assert Activity.objects.count() == 1

    # A reader, signed out, in Chinese, then in English.
    reader = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    reader.goto(f"{base}/network/net/campaigns/")
    check_page(reader, "campaigns-list-phone-zh")
    reader.goto(f"{base}/network/net/campaigns/{campaign.pk}/")
    text = reader.locator("main").inner_text()
    assert "甲市图书馆" in text and "朗读接力" in text and "#同读一本书" in text and "共读电子书" in text
    check_page(reader, "campaigns-page-phone-zh")
    switch_to_english(reader)
    text = reader.locator("main").inner_text()
    assert "Alpha City Library" in text and "Reading-aloud relay" in text and "The shared e-book" in text
    check_page(reader, "campaigns-page-phone-en")
    reader.goto(f"{base}/alpha/campaigns/")
    assert "One city, one book" in reader.locator("main").inner_text()
    check_page(reader, "campaigns-library-phone-en")
    reader.locator("main article a").first.click()
    reader.wait_for_load_state()
    assert "/network/net/campaigns/" in reader.url
