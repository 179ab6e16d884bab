"""Preparedness pages on a phone (360 px), in Chinese and in English: the plans page, the checklist a
librarian ticks during a drill, and the training matrix pass axe and do not scroll sideways."""

import datetime

import pytest
from django.conf import settings

from lantern.conftest import PASSWORD
from lantern.emergency.services import preparedness as services
from lantern.tests.browser import check_page, sign_in, switch_to_english

# available_apps makes the flush between tests cascade: on PostgreSQL the catalogue's raw search table
# references catalogue_record, and a plain TRUNCATE of the records would be refused.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, available_apps=settings.INSTALLED_APPS)]


@pytest.fixture
def prepared(library_a, manager_a, librarian_a):
    plan = services.create_plan(library_a, title_zh="疫情闭馆应急预案", title_en="Epidemic closure plan",
                                scenario="epidemic_closure")  # fmt: skip
    services.write_version(plan, procedures="两小时内闭馆 Close within two hours")
    services.add_checklist_item(plan, text_zh="发布闭馆公告", text_en="Post the closure notice", owner=manager_a)
    services.add_checklist_item(plan, text_zh="延长借期", text_en="Extend loans", owner=librarian_a)
    services.record_training(library_a, title_zh="直播工具", title_en="Live-stream tools",
                             date=datetime.date(2026, 3, 1), trainer="", hours="4",
                             competencies=["information_technology"], attendees=[librarian_a])  # fmt: skip
    return plan


def test_plans_page_and_drill_checklist_on_a_phone(live_server, phone_page, prepared, librarian_a):
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/plans/")
    assert page.get_by_role("link", name="疫情闭馆应急预案").is_visible()
    check_page(page, "plans-phone-zh")

    page.get_by_role("link", name="疫情闭馆应急预案").click()
    page.wait_for_load_state()
    page.locator("input[name=kind][value=drill]").check()
    page.locator("form[action$='/activate/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="“发布闭馆公告”").click()
    page.wait_for_load_state()
    assert "Bob" in page.locator("#step-" + str(prepared.checklist.first().pk)).inner_text()
    check_page(page, "plan-checklist-phone-zh")

    switch_to_english(page)
    assert page.get_by_role("button", name="Mark done: “Extend loans”").is_visible()
    check_page(page, "plan-checklist-phone-en")
    page.goto(f"{live_server.url}/alpha/staff/plans/")
    assert page.get_by_role("link", name="Epidemic closure plan").is_visible()
    check_page(page, "plans-phone-en")


def test_training_matrix_on_a_phone(live_server, phone_page, prepared, librarian_a):
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/training/matrix/")
    assert page.locator("td.gap").count() == 7  # Bob: 3 gaps, Mia: 4
    check_page(page, "training-matrix-phone-zh")
    switch_to_english(page)
    assert page.get_by_role("columnheader", name="Information technology").is_visible()
    check_page(page, "training-matrix-phone-en")
