"""The codebook and the coding page on a phone (360 px), in Chinese and English: no sideways scrolling, no
serious axe violation, the codebook's definitions open and close."""

import pytest
from django.conf import settings

from lantern.conftest import PASSWORD, make_user
from lantern.core.services import grant_role
from lantern.insights import coding
from lantern.tests.browser import check_page, sign_in, switch_to_english

from . import coding_helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)]


def test_codebook_on_a_phone(live_server, phone_page):
    page = phone_page
    page.goto(f"{live_server.url}/observatory/codebook/")
    assert page.locator("#code-reading_offline").is_visible()
    check_page(page, "codebook-phone-zh")
    switch_to_english(page)
    page.get_by_role("link", name="Targeted groups").click()
    assert page.url.endswith("#code-targeted_groups")
    check_page(page, "codebook-phone-en")


def test_coding_a_post_on_a_phone(live_server, phone_page, library_a):
    coder = make_user("ann@example.org", "Ann")
    grant_role(coder, "researcher")
    other = h.researcher("ben@example.org", "Ben")
    post = h.post(library_a, "闭馆期间线上服务", text="即日起暂停对外开放，数字资源免费使用。", language="zh")
    coding.assign_posts(h.study(coder, [library_a], [coder, other], percent=100))
    page = phone_page
    sign_in(page, live_server.url, coder.username, PASSWORD)
    page.goto(f"{live_server.url}/observatory/coding/posts/{post.pk}/")
    page.locator("details summary").first.click()
    check_page(page, "coding-post-phone-zh")
    page.locator("input[name=categories][value=emergency]").check()
    page.locator("input[name=categories][value=reading_online]").check()
    page.locator("main form button[type=submit]").nth(0).click()
    page.wait_for_load_state()
    assert coding.Coding.objects.get(post=post, coder=coder).codes == ["reading_online", "emergency"]
    switch_to_english(page)
    check_page(page, "coding-queue-phone-en")
