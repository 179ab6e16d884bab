"""The receipt and status page a reference opens (in Chinese and English, each status in plain words, contact
details only masked, typed HTML shown as text), answering a reviewer's question, "My contributions", and the
contributions' section of a reader's data download."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from lantern.archive.models import Item, Message
from lantern.archive.privacy import export_contributions
from lantern.archive.services.answers import answer_question
from lantern.core.errors import Refused
from lantern.tests.xss_payloads import PAYLOADS

from .contribute_helpers import answer_url, status_url, words
from .helpers import accepted_item, submitted_item

pytestmark = pytest.mark.django_db


def asked(library, question="这张照片是在哪个小区拍的？", **overrides):
    item = submitted_item(library, **overrides)
    Message.objects.create(item=item, text=question)
    item.status = Item.Status.ASKED
    item.save()
    return item


def test_the_status_page_shows_the_reference_what_happens_next_and_masks_the_contact(client, library_a):
    item = submitted_item(library_a, contact_phone="13812345678")
    page = client.get(status_url(item))
    text = words(page)
    assert page.status_code == 200
    assert f'<span class="reference-value">{item.reference}</span>' in page.text
    assert "Waiting for review" in text and "nothing is published before they accept it" in text
    assert "What happens next" in text
    assert "x***@example.org" in text and "***678" in text
    assert "xiaoming@example.org" not in text and "13812345678" not in text


def test_the_status_page_in_chinese(client, library_a, chinese):
    item = submitted_item(library_a)
    page = client.get(status_url(item), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200 and '<html lang="zh-Hans">' in page.text
    assert item.reference in page.text and "小区门口的志愿者" in page.text
    assert "x***@example.org" in page.text and "xiaoming@example.org" not in page.text


TAGS = ("<script", "<img", "<svg", "<iframe", "<a ", "<object", "<embed", "<style", "<math", "<body", "<form")


def tag_counts(html: str) -> dict:
    return {tag: html.lower().count(tag) for tag in TAGS}


@pytest.mark.parametrize("payload", PAYLOADS)
def test_typed_html_is_shown_as_text_on_the_status_page(client, library_a, payload):
    plain = client.get(status_url(submitted_item(library_a))).text
    item = submitted_item(library_a, title=payload[:300], description=payload, place=payload[:200])
    page = client.get(status_url(item)).text
    assert payload not in page and escape(payload[:300]) in page
    assert tag_counts(page) == tag_counts(plain)


def test_an_unknown_or_another_librarys_reference_is_not_found(client, library_a, library_b):
    item = submitted_item(library_a)
    assert client.get(reverse("archive:contribution", args=["alpha", "A-XXXX-XXXX"])).status_code == 404
    assert client.get(reverse("archive:contribution", args=["beta", item.reference])).status_code == 404
    assert client.get(reverse("archive:contribution", args=["alpha", item.reference.lower()])).status_code == 200


STATUS_WORDS = {
    Item.Status.FIRST_APPROVAL: "A second reviewer looks at it",
    Item.Status.WITHDRAWN: "it is no longer shown anywhere",
}


@pytest.mark.parametrize("status", STATUS_WORDS.keys())
def test_each_status_is_said_in_plain_words(client, library_a, status):
    item = submitted_item(library_a)
    item.status = status
    item.save()
    assert STATUS_WORDS[status] in words(client.get(status_url(item)))


def test_a_declined_contribution_shows_the_reason(client, library_a):
    item = submitted_item(library_a)
    item.status, item.decline_reason = Item.Status.DECLINED, "The photo shows other people's faces & names."
    item.save()
    text = words(client.get(status_url(item)))
    assert "decided not to keep it" in text and "The photo shows other people's faces & names." in text


def test_an_accepted_public_contribution_links_to_its_public_page(client, library_a):
    item = accepted_item(library_a)
    page = client.get(status_url(item))
    assert "Accepted and published" in words(page)
    assert f'href="{reverse("archive:item", args=["alpha", item.reference])}"' in page.text


@pytest.mark.parametrize(
    ("overrides", "hidden", "expected"),
    [({"licence": "preserve_only"}, False, "does not publish it anywhere"), ({}, True, "not shown for now")],
)
def test_an_accepted_contribution_not_in_public_has_no_public_link(client, library_a, overrides, hidden, expected):
    item = accepted_item(library_a, **overrides)
    if hidden:
        item.hidden_at = timezone.now()
        item.save()
    page = client.get(status_url(item))
    assert expected in words(page)
    assert "See it in the archive" not in words(page)
    assert reverse("archive:item", args=["alpha", item.reference]) not in page.text


# --- answering a reviewer's question -----------------------------------------------------------------------
def test_the_contributor_reads_the_question_and_answers_it(client, library_a, librarian_a):
    item = asked(library_a)
    item.first_approved_by = librarian_a
    item.save()
    page = client.get(status_url(item))
    assert "这张照片是在哪个小区拍的？" in page.text and 'name="text"' in page.text
    response = client.post(answer_url(item), {"text": "  在武汉市江岸区的一个小区。  "}, follow=True)
    item.refresh_from_db()
    assert item.status == Item.Status.SUBMITTED and item.first_approved_by is None
    answer = item.messages.get(from_contributor=True)
    assert answer.text == "在武汉市江岸区的一个小区。" and answer.author is None
    assert "Your answer was sent" in words(response) and 'name="text"' not in response.text
    assert "在武汉市江岸区的一个小区。" in response.text


@pytest.mark.parametrize(("answer", "message"), [("   ", "This field is required"), ("字" * 5001, "5000 characters")])
def test_an_empty_or_too_long_answer_is_refused_and_nothing_changes(client, library_a, answer, message):
    item = asked(library_a)
    response = client.post(answer_url(item), {"text": answer})
    assert response.status_code == 400 and message in words(response).replace(",", "")
    item.refresh_from_db()
    assert item.status == Item.Status.ASKED and not item.messages.filter(from_contributor=True).exists()


def test_an_answer_when_nothing_was_asked_is_refused(client, library_a):
    item = submitted_item(library_a)
    response = client.post(answer_url(item), {"text": "Hello"})
    assert response.status_code == 409 and "no question waiting for your answer" in words(response)
    assert not item.messages.exists()
    assert client.get(answer_url(item)).status_code == 405


def test_answering_twice_is_refused_the_second_time(library_a):
    item = asked(library_a)
    answer_question(item, "第一次回答", by=AnonymousUser())
    with pytest.raises(Refused):
        answer_question(item, "第二次回答")
    assert item.messages.filter(from_contributor=True).count() == 1


def test_the_answer_service_checks_the_text(library_a):
    from django.core.exceptions import ValidationError

    item = asked(library_a)
    for bad in ("", "  ", "x" * 5001):
        with pytest.raises(ValidationError):
            answer_question(item, bad)
    answer_question(item, "x" * 5000)
    item.refresh_from_db()
    assert item.status == Item.Status.SUBMITTED


def test_a_signed_in_contributors_answer_names_them_as_author(client_as, reader, library_a):
    item = asked(library_a)
    item.contributor = reader
    item.save()
    client_as(reader).post(answer_url(item), {"text": "是的"})
    assert item.messages.get(from_contributor=True).author == reader


# --- my contributions, and the data download ----------------------------------------------------------------
def test_my_contributions_lists_only_mine_in_this_library(client_as, reader, other_reader, library_a, library_b):
    mine = submitted_item(library_a, title="我的信")
    mine.contributor = reader
    mine.save()
    elsewhere = submitted_item(library_b, title="别处的信")
    elsewhere.contributor = reader
    elsewhere.save()
    theirs = submitted_item(library_a, title="别人的信")
    theirs.contributor = other_reader
    theirs.save()
    page = client_as(reader).get(reverse("archive:my_contributions", args=["alpha"]))
    assert "我的信" in page.text and mine.reference in page.text and "Waiting for review" in page.text
    assert "别处的信" not in page.text and "别人的信" not in page.text


def test_my_contributions_asks_an_anonymous_visitor_to_sign_in(client, library_a):
    response = client.get(reverse("archive:my_contributions", args=["alpha"]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_data_download_holds_the_readers_contributions(reader, library_a):
    item = asked(library_a, licence="cc_by_nc")
    item.contributor = reader
    item.save()
    answer_question(item, "我的回答", by=reader)
    submitted_item(library_a, title="匿名的")  # not theirs: sent without an account
    exported = export_contributions(reader)["contributions"]
    assert len(exported) == 1
    row = exported[0]
    assert row["reference"] == item.reference and row["title"] == "小区门口的志愿者"
    assert row["status"] == "submitted" and row["licence"] == "cc_by_nc"
    assert row["submitted_at"] == item.submitted_at.isoformat()
    assert [message["from"] for message in row["conversation"]] == ["library", "you"]
    import json

    json.dumps(export_contributions(reader))
