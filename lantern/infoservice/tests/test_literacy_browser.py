"""Guides in a browser, on phones: a reader in Chinese and one in English open a guide, answer its quiz with
one wrong answer by keyboard-reachable radio buttons, and read the score (in a status region) and why each
answer is right; staff fill in the guide form. Every page passes axe and does not scroll sideways."""

import pytest

from lantern.conftest import PASSWORD
from lantern.infoservice.models import Guide, QuizAttempt
from lantern.tests.browser import PHONE, check_page, sign_in

from .literacy_helpers import answers, make_guide, make_published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def take_quiz(page, guide, *, wrong):
    for choice in answers(guide, wrong=wrong).values():
        page.locator(f"input[type=radio][value='{choice}']").check()
    page.locator("form.quiz button[type=submit]").click()
    page.wait_for_load_state()


def test_readers_take_the_quiz_in_chinese_and_english(live_server, browser, phone_page, library_a, librarian_a):
    guide = make_published(library_a, librarian_a, audience="elderly")

    zh = phone_page
    zh.goto(f"{live_server.url}/alpha/guides/")
    assert "如何核实健康说法" in zh.locator("main").inner_text()
    check_page(zh, "literacy-guides-phone-zh")
    zh.locator("main a", has_text="如何核实健康说法").click()
    zh.wait_for_load_state()
    assert zh.locator("fieldset legend").count() == 4
    check_page(zh, "literacy-guide-phone-zh")
    take_quiz(zh, guide, wrong=[3])
    status = zh.locator("[role=status]").inner_text()
    assert "3" in status and "4" in status
    assert "答：Not before checking" in zh.locator(f"#question-{guide.questions.all()[2].pk}").inner_text()
    assert zh.locator("input[type=radio]:checked").count() == 4
    check_page(zh, "literacy-quiz-result-phone-zh")

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    en = context.new_page()
    en.goto(f"{live_server.url}/alpha/guides/?audience=elderly")
    assert en.locator("html").get_attribute("lang") == "en"
    check_page(en, "literacy-guides-elderly-phone-en")
    en.goto(f"{live_server.url}/alpha/guides/{guide.pk}/")
    en.locator("form.quiz button[type=submit]").click()  # nothing chosen: told, nothing recorded
    en.wait_for_load_state()
    assert "Answer every question to see your score" in en.locator("[role=alert]").inner_text()
    check_page(en, "literacy-quiz-unanswered-phone-en")
    take_quiz(en, guide, wrong=[1])
    assert "3 of 4 right." in en.locator("[role=status]").inner_text()
    text = en.locator("main").inner_text()
    assert "Not quite. The right answer is: The health commission" in text and "Because of who said it?" in text
    check_page(en, "literacy-quiz-result-phone-en")
    context.close()
    assert QuizAttempt.objects.count() == 2


def test_staff_guide_form_and_page_on_a_phone(live_server, phone_page, library_a, librarian_a):
    guide = make_guide(library_a, librarian_a)
    page = phone_page
    sign_in(page, live_server.url, librarian_a.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/staff/guides/new/")
    check_page(page, "literacy-staff-form-phone")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() >= 1
    check_page(page, "literacy-staff-form-errors-phone")
    page.locator("input[name=title_en]").fill("Finding reliable sources")
    page.locator("textarea[name=body_en]").fill("Start at the library.")
    page.locator("select[name=audience]").select_option("students")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert Guide.objects.filter(title_en="Finding reliable sources", audience="students").exists()
    for path, name in [
        ("/alpha/staff/guides/", "literacy-staff-list-phone"),
        (f"/alpha/staff/guides/{guide.pk}/", "literacy-staff-guide-phone"),
        (f"/alpha/staff/guides/{guide.pk}/questions/new/", "literacy-staff-question-phone"),
    ]:
        page.goto(f"{live_server.url}{path}")
        check_page(page, name)
