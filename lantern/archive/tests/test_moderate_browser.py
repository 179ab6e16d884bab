"""Moderation in a browser, on phones (360×780): a librarian in Chinese reviews a contribution, describes it in
Dublin Core and accepts it into a collection; a librarian in English asks a question on another, blurs an area
of its picture, then looks at the takedown requests and the settings. A visitor asks for an item to come
down. Every page passes axe with no serious or critical violation and does not scroll sideways; screenshots
go to test-artifacts/archive/."""

import pytest
from django.core.cache import cache

from lantern.archive.models import Item, Takedown
from lantern.conftest import PASSWORD
from lantern.tests.browser import ARTIFACTS, PHONE, check_page, sign_in, switch_to_english

from .helpers import submitted_item
from .moderate_helpers import city_collection, striped_photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(name: str) -> str:
    (ARTIFACTS / "archive").mkdir(parents=True, exist_ok=True)
    return f"archive/moderate-{name}"


def submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_a_librarian_reviews_describes_and_accepts_on_phones_in_both_languages(
    live_server, browser, phone_page, library_a, librarian_a, manager_a
):
    cache.clear()
    library = library_a
    city = city_collection(library)
    first = submitted_item(library, files=[striped_photo()], title="<b>小区</b>门口的志愿者")
    second = submitted_item(library, files=[striped_photo("pass.jpg")], kind="community_pass", title="社区通行证")
    base = f"{live_server.url}/alpha/staff/archive"

    # In Chinese: the queue, the review page, the description, the acceptance.
    zh = phone_page
    sign_in(zh, live_server.url, librarian_a.username, PASSWORD)
    zh.goto(f"{base}/")
    assert zh.locator("html").get_attribute("lang") == "zh-Hans"
    check_page(zh, shot("queue-phone-zh"))
    zh.goto(f"{base}/items/{first.reference}/")
    assert "<b>小区</b>门口的志愿者" in zh.locator("h1").inner_text()  # shown as typed, never as markup
    assert "xiaoming@example.org" in zh.locator("main").inner_text()
    check_page(zh, shot("item-phone-zh"))
    zh.locator("#id_title").fill("小区门口的志愿者")
    zh.locator("#id_subject").fill("志愿者\n社区防控")
    zh.locator("#id_date").fill("2020-02-24")
    zh.locator("#id_dc_type").select_option("StillImage")
    zh.locator("#describe button[type=submit]").click()
    zh.wait_for_load_state()
    first.refresh_from_db()
    assert first.title == "小区门口的志愿者" and first.year == 2020
    check_page(zh, shot("item-described-phone-zh"))
    zh.locator(f"#decide input[name=collections][value='{city.pk}']").check()
    zh.locator("#decide form").first.locator("button[type=submit]").click()
    zh.wait_for_load_state()
    first.refresh_from_db()
    assert first.status == Item.Status.ACCEPTED and list(first.collections.all()) == [city]
    check_page(zh, shot("item-accepted-phone-zh"))
    zh.goto(f"{base}/items/{first.reference}/withdraw/")
    check_page(zh, shot("withdraw-phone-zh"))

    # In English: a question, a blurred area, the same decisions.
    en = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    sign_in(en, live_server.url, librarian_a.username, PASSWORD)
    en.goto(f"{base}/?status=submitted")
    assert en.locator("html").get_attribute("lang") == "en"
    check_page(en, shot("queue-phone-en"))
    en.goto(f"{base}/items/{second.reference}/")
    check_page(en, shot("item-phone-en"))
    en.locator("#id_text").fill("Is the name on the pass yours? May we show it?")
    en.locator("#thread button[type=submit]").click()
    en.wait_for_load_state()
    assert "Your question is sent" in en.locator(".messages").inner_text()
    check_page(en, shot("item-asked-phone-en"))
    en.goto(f"{base}/items/{second.reference}/files/0/blur/")
    check_page(en, shot("blur-phone-en"))
    en.locator("#id_areas").fill("10 20 30 15\n60 5 30 10")
    submit(en)
    assert second.files.get().redacted
    check_page(en, shot("blurred-phone-en"))
    # The contributor answers (the contribute part's page); the item is back for review and is accepted.
    Item.objects.filter(pk=second.pk).update(status=Item.Status.SUBMITTED)
    en.goto(f"{base}/items/{second.reference}/")
    en.locator("#id_title").fill("A community pass, February 2020")
    en.locator("#describe button[type=submit]").click()
    en.wait_for_load_state()
    en.locator(f"#decide input[name=collections][value='{city.pk}']").check()
    en.locator("#decide form").first.locator("button[type=submit]").click()
    en.wait_for_load_state()
    assert "Accepted into" in en.locator(".messages").inner_text()
    second.refresh_from_db()
    assert second.status == Item.Status.ACCEPTED and second.title == "A community pass, February 2020"
    check_page(en, shot("item-accepted-phone-en"))

    # A visitor asks for the first item to come down; staff see the request.
    visitor = browser.new_context(viewport=PHONE, locale="en-GB").new_page()
    visitor.goto(f"{live_server.url}/alpha/archive/items/{first.reference}/takedown/")
    check_page(visitor, shot("takedown-form-phone-en"))
    visitor.locator("#id_name").fill("Li Hua")
    visitor.locator("#id_email").fill("lihua@example.org")
    visitor.locator("input[name=relation][value=depicted]").check()
    visitor.locator("#id_reason").fill("My face can be seen.")
    submit(visitor)
    takedown = Takedown.objects.get()
    assert takedown.reference in visitor.locator("main").inner_text()
    check_page(visitor, shot("takedown-thanks-phone-en"))
    en.goto(f"{base}/takedowns/")
    check_page(en, shot("takedowns-phone-en"))
    en.goto(f"{base}/takedowns/{takedown.reference}/")
    check_page(en, shot("takedown-phone-en"))
    zh.goto(f"{base}/takedowns/{takedown.reference}/")
    check_page(zh, shot("takedown-phone-zh"))

    # A manager's settings page, in both languages.
    manager = browser.new_context(viewport=PHONE, locale="zh-CN").new_page()
    sign_in(manager, live_server.url, manager_a.username, PASSWORD)
    manager.goto(f"{base}/settings/")
    check_page(manager, shot("settings-phone-zh"))
    switch_to_english(manager)
    check_page(manager, shot("settings-phone-en"))
