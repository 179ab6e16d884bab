"""The observatory's other pages on a phone (360 px) and at a desk, in Chinese and English, as a researcher
walks through them: home, watched libraries, a study, posts, a post, ingest, agreement, a report. No sideways
scrolling, no serious axe violation."""

import pytest
from django.conf import settings

from lantern.conftest import PASSWORD, make_user
from lantern.core.services import grant_role
from lantern.insights import coding, watch
from lantern.tests.browser import check_page, sign_in, switch_to_english

from . import coding_helpers as h

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)]


def test_a_researcher_walks_through_the_observatory(live_server, browser, phone_page, library_a):
    owner = make_user("ann@example.org", "Ann")
    grant_role(owner, "researcher")
    other = h.researcher("ben@example.org", "Ben")
    watched = watch.watch_library(name_zh="长沙示例图书馆", city="长沙市", province="湖南省", by=owner)
    first = h.post(watched, "关于暂停开放的通知", text="我馆自2020年1月24日起暂停开放。", language="zh")
    h.post(watched, "Free e-books while we are closed", text="Borrow e-books free of charge.")
    study = h.study(owner, [watched, library_a], [owner, other], percent=50)
    coding.assign_posts(study)

    page = phone_page
    sign_in(page, live_server.url, owner.username, PASSWORD)
    pages = [
        ("/observatory/", "home"),
        ("/observatory/libraries/", "libraries"),
        (f"/observatory/libraries/{watched.slug}/", "library"),
        (f"/observatory/studies/{study.pk}/", "study"),
        ("/observatory/posts/", "posts"),
        (f"/observatory/posts/{first.pk}/", "post"),
        ("/observatory/ingest/", "ingest"),
        (f"/observatory/coding/studies/{study.pk}/agreement/", "agreement"),
        ("/observatory/coding/", "coding"),
        ("/observatory/reports/", "reports"),
        (f"/observatory/reports/show/?scope=study&key={study.pk}&coding=all", "report"),
    ]
    for path, name in pages:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200 and "/accounts/login/" not in page.url, path
        check_page(page, f"observatory-{name}-phone-zh")
    switch_to_english(page)
    assert page.locator("html").get_attribute("lang") == "en"
    check_page(page, "observatory-report-phone-en")

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    sign_in(desk, live_server.url, owner.username, PASSWORD)
    for path, name in pages:
        desk.goto(f"{live_server.url}{path}")
        assert "/accounts/login/" not in desk.url, path
        check_page(desk, f"observatory-{name}-desktop-en")
