"""In a browser, at phone width: a member posts real XSS payloads through the board's form and no dialog ever
opens; the group page, the board, "My groups", the moderation page and the staff page pass axe and do not
scroll sideways, in Chinese and in English."""

import pytest

from lantern.conftest import PASSWORD
from lantern.programs.models import Post
from lantern.programs.services import groups as services
from lantern.tests.browser import check_page, sign_in, switch_to_english
from lantern.tests.xss_payloads import PAYLOADS

from .groups_helpers import make_group, make_guest, make_session

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENT = [
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">encoded tab</a>',
    '"><script>alert(1)</script>',
    "</style><script>alert(1)</script>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<details open ontoggle=alert(1)>",
]


def test_payloads_posted_through_the_form_fire_no_dialog(live_server, phone_page, library_a, librarian_a, reader):
    assert set(SENT) <= set(PAYLOADS)
    guest = make_guest()
    group = make_group(library_a, librarian_a, host=guest)
    make_session(group, librarian_a)
    services.join(group, reader)
    dialogs = []
    page = phone_page
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    sign_in(page, live_server.url, reader.username, PASSWORD)
    page.goto(f"{live_server.url}{group.get_absolute_url()}")
    check_page(page, "groups-group-phone-zh")
    for payload in SENT:
        page.locator("textarea[name=body]").fill(f"读后感 {payload}")
        page.locator("#board-section form button[type=submit]").click()
        page.wait_for_load_state()
        page.wait_for_timeout(200)  # time for an image's onerror to fire, were it there
    assert Post.objects.filter(group=group, status="visible").count() == len(SENT)
    assert page.locator(".board-post").count() == len(SENT)
    assert page.locator(".board-post script, .board-post img, .board-post svg, .board-post iframe").count() == 0
    check_page(page, "groups-board-phone-zh")
    page.goto(f"{live_server.url}/alpha/groups/mine/")
    check_page(page, "groups-mine-phone-zh")

    switch_to_english(page)
    page.goto(f"{live_server.url}{group.get_absolute_url()}")
    assert "Discussion board" in page.locator("main").inner_text()
    check_page(page, "groups-board-phone-en")
    assert dialogs == []

    # The guest host moderates from a phone; staff set the group up.
    host = page.context.browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB").new_page()
    host.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(host, live_server.url, guest.username, PASSWORD)
    host.goto(f"{live_server.url}/alpha/groups/{group.pk}/moderation/")
    check_page(host, "groups-moderation-phone-en")
    host.locator("a", has_text="Hide, with a reason").first.click()
    host.wait_for_load_state()
    host.locator("input[name=reason]").fill("Please keep to the book.")
    host.locator("main form button[type=submit]").click()
    host.wait_for_load_state()
    assert "is hidden" in host.locator(".messages").inner_text()
    assert Post.objects.filter(group=group, status="hidden").count() == 1

    staff = page.context.browser.new_context(viewport={"width": 360, "height": 780}, locale="zh-CN").new_page()
    sign_in(staff, live_server.url, librarian_a.username, PASSWORD)
    staff.goto(f"{live_server.url}/alpha/staff/groups/{group.pk}/")
    check_page(staff, "groups-staff-group-phone-zh")
    staff.goto(f"{live_server.url}/alpha/staff/groups/new/")
    check_page(staff, "groups-staff-form-phone-zh")
    assert dialogs == []
