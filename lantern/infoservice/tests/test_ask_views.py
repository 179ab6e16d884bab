"""Ask a librarian, the pages: asking (signed in and email-only, bad input, the rate limit), following,
replying, rating, "My questions", the knowledge base with search, and every staff page and action, with bad
input on every form answering a clear message and never a 500."""

import datetime

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from lantern.infoservice.models import CannedAnswer, KnowledgeEntry, Question
from lantern.infoservice.services import ask as services
from lantern.infoservice.services import ask_queue as queue

from .test_ask_services import answered, asked

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def staff_url(name, question, slug="alpha"):
    return reverse(f"infoservice:staff_question_{name}", args=[slug, question.reference])


# --- readers ----------------------------------------------------------------------------------------------
def test_an_email_only_reader_asks_and_lands_on_the_page_through_the_keyed_link(client, library_a):
    page = client.get(reverse("infoservice:ask", args=["alpha"]))
    assert "Let any library of our network answer" in page.text and "Your email" in page.text
    response = client.post(
        reverse("infoservice:ask", args=["alpha"]),
        {"name": "Dora", "email": "dora@example.org", "subject": "Hours", "body": "When?", "joint": "on"},
        follow=True,
    )
    question = Question.objects.get()
    assert question.network is not None
    assert response.status_code == 200 and question.reference in response.text and "When?" in response.text
    assert question.access_key in mail.outbox[0].body


def test_a_signed_in_reader_asks_without_name_and_email_and_sees_my_questions(client_as, reader, library_a):
    client = client_as(reader)
    page = client.get(reverse("infoservice:ask", args=["alpha"]))
    assert "Your email" not in page.text
    client.post(reverse("infoservice:ask", args=["alpha"]), {"subject": "Hours", "body": "When?"})
    question = Question.objects.get()
    assert question.reader == reader and question.network is None  # the box was left unticked
    mine = client.get(reverse("infoservice:my_questions", args=["alpha"]))
    assert question.reference in mine.text


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "Dora", "email": "nope", "subject": "S", "body": "B"},
        {"name": "", "email": "dora@example.org", "subject": "S", "body": "B"},
        {"name": "Dora", "email": "dora@example.org", "subject": "", "body": "B"},
        {"name": "Dora", "email": "dora@example.org", "subject": "S", "body": "x" * 5001},
        {"name": "Dora", "email": "dora@example.org", "subject": "S", "body": "   "},
    ],
)
def test_asking_with_bad_input_says_why_and_saves_nothing(client, library_a, data):
    response = client.post(reverse("infoservice:ask", args=["alpha"]), data)
    assert response.status_code == 400 and "nothing was sent" in response.text
    assert not Question.objects.exists()


def test_the_rate_limit_says_so_clearly(client, library_a):
    data = {"name": "Dora", "email": "dora@example.org", "subject": "S", "body": "B"}
    for _i in range(services.QUESTIONS_PER_HOUR):
        assert client.post(reverse("infoservice:ask", args=["alpha"]), data).status_code == 302
    response = client.post(reverse("infoservice:ask", args=["alpha"]), data)
    assert response.status_code == 429 and "Too many questions" in response.text
    assert Question.objects.count() == services.QUESTIONS_PER_HOUR


def test_the_reader_replies_and_rates_through_the_keyed_link(client, library_a, librarian_a):
    question = asked(library_a)
    page = client.get(services.follow_path(question))
    assert "Rate the answer" not in page.text  # not answered yet
    answered(question, librarian_a, library_a, "Monday at nine.")
    key = f"?key={question.access_key}"
    page = client.get(services.follow_path(question))
    assert "Monday at nine." in page.text and "Rate the answer" in page.text
    rate = reverse("infoservice:question_rate", args=["alpha", question.reference]) + key
    assert client.post(rate, {"rating": "9"}).status_code == 400
    assert client.post(rate, {"rating": "4", "comment": "Thanks"}).status_code == 302
    reply = reverse("infoservice:question_reply", args=["alpha", question.reference]) + key
    bad = client.post(reply, {"body": ""})
    assert bad.status_code == 400 and "This field is required" in bad.text
    client.post(reply, {"body": "And on Sunday?"})
    question.refresh_from_db()
    assert question.rating == 4 and question.status == "claimed"
    assert "And on Sunday?" in client.get(services.follow_path(question)).text


def test_rating_before_an_answer_is_refused_on_the_page(client, library_a):
    question = asked(library_a)
    url = reverse("infoservice:question_rate", args=["alpha", question.reference]) + f"?key={question.access_key}"
    response = client.post(url, {"rating": "5"})
    assert response.status_code == 409 and "once a librarian has answered" in response.text


def test_the_knowledge_base_is_public_and_searchable(client, library_a, library_b, librarian_b):
    question = answered(asked(library_a), librarian_b, library_b)
    queue.publish(question, question_text="Vinegar?", answer_text="<p>No.</p>", by=librarian_b, library=library_b)
    url = reverse("infoservice:knowledge_base", args=["beta"])
    assert "Vinegar?" in client.get(url).text
    assert "Vinegar?" not in client.get(url, {"q": "library card"}).text
    assert "Vinegar?" in client.get(url, {"q": "vinegar"}).text
    assert client.get(url, {"q": "x" * 500}).status_code == 200


# --- staff ------------------------------------------------------------------------------------------------
def test_the_queue_filters_and_flags_overdue_in_words(client_as, librarian_a, library_a):
    late = asked(library_a, subject="Late one")
    Question.objects.filter(pk=late.pk).update(respond_by=timezone.now() - datetime.timedelta(hours=2))
    asked(library_a, subject="Fresh one")
    client = client_as(librarian_a)
    url = reverse("infoservice:staff_questions", args=["alpha"])
    page = client.get(url)
    assert "Late one" in page.text and "Overdue" in page.text and "1 question has no answer" in page.text
    overdue = client.get(url, {"show": "overdue"}).text
    assert "Late one" in overdue and "Fresh one" not in overdue
    assert client.get(url, {"show": "nonsense"}).status_code == 200
    assert "Late one" not in client.get(url, {"show": "mine"}).text


def test_claim_answer_from_a_canned_answer_note_and_close(client_as, librarian_a, library_a):
    question = asked(library_a)
    canned = CannedAnswer.objects.create(library=library_a, title="Hours", body="<p>We open at nine.</p>")
    client = client_as(librarian_a)
    assert client.post(staff_url("claim", question)).status_code == 302
    page = client.get(reverse("infoservice:staff_question", args=["alpha", question.reference]), {"canned": canned.pk})
    assert "We open at nine." in page.text  # prefilled, editable
    assert client.post(staff_url("answer", question), {"body": ""}).status_code == 400
    assert client.post(staff_url("answer", question), {"body": "We open at nine, on Monday."}).status_code == 302
    assert client.post(staff_url("note", question), {"body": ""}).status_code == 400
    client.post(staff_url("note", question), {"body": "Reader seemed worried."})
    assert "Close the question" in client.get(staff_url("close", question)).text  # the confirmation page
    client.post(staff_url("close", question))
    question.refresh_from_db()
    assert question.status == "closed" and question.first_response_at is not None


def test_a_second_claim_is_told_who_has_it(client_as, librarian_a, librarian_b, library_a):
    question = asked(library_a)
    queue.claim(question, by=librarian_a, library=library_a)
    response = client_as(librarian_b).post(staff_url("claim", question, "beta"))
    assert response.status_code == 409 and "Bob is already answering this question." in response.text


def test_transfer_with_bad_input_and_then_for_real(client_as, librarian_a, library_a, library_b):
    question = asked(library_a, joint=False)
    client = client_as(librarian_a)
    assert client.post(staff_url("transfer", question), {"to": library_b.pk, "note": ""}).status_code == 400
    assert client.post(staff_url("transfer", question), {"to": 99999, "note": "x"}).status_code == 400
    assert client.post(staff_url("transfer", question), {"to": library_b.pk, "note": "Theirs"}).status_code == 302
    question.refresh_from_db()
    assert question.assigned_library == library_b


def test_publish_starts_masked_and_bad_input_publishes_nothing(client_as, librarian_a, library_a):
    question = asked(library_a, body="My name is Dora Wu, mail dora@example.org")
    answered(question, librarian_a, library_a)
    client = client_as(librarian_a)
    page = client.get(staff_url("publish", question))
    assert "dora@example.org" not in page.text and "[邮箱 email]" in page.text
    assert client.post(staff_url("publish", question), {"question": "", "answer": ""}).status_code == 400
    assert not KnowledgeEntry.objects.exists()
    client.post(staff_url("publish", question), {"question": "When?", "answer": "<p>Monday</p>"})
    assert KnowledgeEntry.objects.get().question == "When?"
    entry = KnowledgeEntry.objects.get()
    remove = reverse("infoservice:staff_entry_remove", args=["alpha", entry.pk])
    assert "Take it off" in client.get(remove).text
    client.post(remove)
    assert not KnowledgeEntry.objects.exists()


def test_canned_answer_pages(client_as, librarian_a, library_a):
    client = client_as(librarian_a)
    url = reverse("infoservice:staff_canned", args=["alpha"])
    assert client.post(url, {"title": "", "body": ""}).status_code == 400
    client.post(url, {"title": "Hours", "body": "Nine"})
    canned = CannedAnswer.objects.get()
    client.post(reverse("infoservice:staff_canned_edit", args=["alpha", canned.pk]), {"title": "Hours2", "body": "Ten"})
    assert CannedAnswer.objects.get().title == "Hours2"
    remove = reverse("infoservice:staff_canned_remove", args=["alpha", canned.pk])
    assert "Remove the canned answer" in client.get(remove).text
    client.post(remove)
    assert not CannedAnswer.objects.exists()


def test_stats_page_and_the_joint_queue(client_as, librarian_b, library_a, library_b):
    asked(library_a, subject="Shared question")
    client = client_as(librarian_b)
    stats = client.get(reverse("infoservice:staff_ask_stats", args=["beta"]))
    assert stats.status_code == 200 and "By month" in stats.text
    joint = client.get(reverse("joint_queue:queue", args=["net"]))
    assert "Shared question" in joint.text
    assert client.get(reverse("joint_queue:queue", args=["nowhere"])).status_code == 404


def test_readers_and_visitors_cannot_reach_staff_pages(client, client_as, reader, library_a):
    question = asked(library_a)
    for url in (
        reverse("infoservice:staff_questions", args=["alpha"]),
        reverse("infoservice:staff_question", args=["alpha", question.reference]),
        reverse("infoservice:staff_ask_stats", args=["alpha"]),
        reverse("joint_queue:queue", args=["net"]),
    ):
        assert client.get(url).status_code in (302, 403)
        assert client_as(reader).get(url).status_code == 403
