"""The acceptance loop in a browser, on phones: an email-only reader asks at library A in Chinese, a librarian
of library B (in English) finds it in the network's joint queue, claims and answers it, the reader gets the
email with the link and reads the answer on their page, then rates it. A signed-in reader follows their
question under "My questions". Every page passes axe and does not scroll sideways."""

import re

import pytest
from django.core import mail

from lantern.conftest import PASSWORD
from lantern.infoservice.models import Question
from lantern.tests.browser import PHONE, check_page, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_asked_at_a_answered_by_b_through_the_joint_queue(live_server, browser, phone_page, library_a, librarian_b):
    mail.outbox.clear()
    # The reader, in Chinese on a phone, with a name and an email only.
    zh = phone_page
    zh.goto(f"{live_server.url}/alpha/ask/")
    assert zh.locator("html").get_attribute("lang").lower() == "zh-hans"
    check_page(zh, "ask-form-phone-zh")
    zh.locator("input[name=name]").fill("王女士")
    zh.locator("input[name=email]").fill("wang@example.org")
    zh.locator("input[name=subject]").fill("怎么在家用数据库？")
    zh.locator("textarea[name=body]").fill("闭馆期间我想查论文，怎么办？")
    assert zh.locator("input[name=joint]").is_checked()
    zh.locator("main form button[type=submit]").click()
    zh.wait_for_load_state()
    question = Question.objects.get()
    assert question.network is not None and question.reference in zh.locator("main").inner_text()
    check_page(zh, "ask-question-waiting-phone-zh")
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    assert link.endswith(f"?key={question.access_key}")

    # The librarian of library B, in English on another phone: the joint queue, claim, answer.
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    en = context.new_page()
    sign_in(en, live_server.url, librarian_b.username, PASSWORD)
    en.goto(f"{live_server.url}/network/net/questions/")
    assert "怎么在家用数据库？" in en.locator("main").inner_text()
    check_page(en, "ask-joint-queue-phone-en")
    en.locator(f"main a[href*='{question.reference}']").click()
    en.wait_for_load_state()
    en.locator("form[action$='/claim/'] button").click()
    en.wait_for_load_state()
    assert "The question is yours to answer." in en.locator("main").inner_text()
    check_page(en, "ask-staff-question-phone-en")
    en.locator("textarea[name=body]").first.fill("请登录图书馆网站的“数字资源”栏目，用读者证远程访问。")
    en.locator("form[action$='/answer/'] button").click()
    en.wait_for_load_state()
    assert "The answer was sent to the reader." in en.locator("main").inner_text()
    question.refresh_from_db()
    assert question.status == "answered" and question.answered_by_library.slug == "beta"
    context.close()

    # The reader gets the email and reads the answer on their page, then rates it.
    answer_mail = [m for m in mail.outbox if question.reference in m.subject and m is not mail.outbox[0]]
    assert answer_mail and answer_mail[-1].to == ["wang@example.org"]
    zh.goto(link)
    text = zh.locator("main").inner_text()
    assert "数字资源" in text
    check_page(zh, "ask-question-answered-phone-zh")
    zh.locator("input[name=rating][value='5']").check()
    zh.locator("form[action*='/rate/'] button").click()
    zh.wait_for_load_state()
    question.refresh_from_db()
    assert question.rating == 5


def test_a_signed_in_reader_follows_their_question(live_server, phone_page, reader, library_a):
    page = phone_page
    sign_in(page, live_server.url, reader.username, PASSWORD)
    page.goto(f"{live_server.url}/alpha/ask/")
    assert page.locator("input[name=email]").count() == 0
    page.locator("input[name=subject]").fill("开放时间")
    page.locator("textarea[name=body]").fill("什么时候恢复开放？")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    question = Question.objects.get()
    page.goto(f"{live_server.url}/alpha/ask/mine/")
    assert question.reference in page.locator("main").inner_text()
    check_page(page, "ask-mine-phone-zh")
