"""Nobody sees another reader's question: guessed references, another reader's reference, a wrong key or no
key all answer 404; staff of a library outside the network cannot see a joint-queue question; internal notes
never reach the reader's page or the API; answers and replies carrying XSS payloads come out harmless."""

import pytest
from django.urls import reverse

from lantern.conftest import make_user
from lantern.core.models import Library, Role
from lantern.core.services import grant_role
from lantern.infoservice.services import ask as services
from lantern.infoservice.services import ask_queue as queue
from lantern.tests.xss_payloads import PAYLOADS

from .test_ask_services import answered, asked

pytestmark = pytest.mark.django_db


def page(reference, slug="alpha"):
    return reverse("infoservice:question", args=[slug, reference])


def test_guessed_references_and_wrong_keys_are_404(client, library_a):
    question = asked(library_a)
    for _i in range(20):
        assert client.get(page(services.new_reference())).status_code == 404
    assert client.get(page(question.reference)).status_code == 404  # no key
    assert client.get(page(question.reference) + "?key=").status_code == 404
    assert client.get(page(question.reference) + "?key=" + question.access_key[:-1] + "x").status_code == 404
    assert client.get(page(question.reference, "beta") + "?key=" + question.access_key).status_code == 404
    other = asked(library_a, email="eve@example.org")
    assert client.get(page(other.reference) + "?key=" + question.access_key).status_code == 404
    assert client.get(page(question.reference) + "?key=" + question.access_key).status_code == 200


def test_another_readers_question_is_404_even_with_its_reference(client_as, library_a, reader, other_reader):
    question = asked(library_a, reader)
    client = client_as(other_reader)
    assert client.get(page(question.reference)).status_code == 404
    reply = reverse("infoservice:question_reply", args=["alpha", question.reference])
    assert client.post(reply, {"body": "sneaky"}).status_code == 404
    assert not question.messages.exists()
    assert question.reference not in client.get(reverse("infoservice:my_questions", args=["alpha"])).text
    # and a signed-in question is not opened by a key either
    client.logout()
    assert client.get(page(question.reference) + "?key=" + question.access_key).status_code == 404
    assert client_as(reader).get(page(question.reference)).status_code == 200


def test_staff_outside_the_network_cannot_see_a_joint_queue_question(client_as, library_a):
    outside = Library.objects.create(slug="gamma", name_zh_hans="丙", name_en="Gamma")
    stranger = make_user("sam@example.org", "Sam")
    grant_role(stranger, Role.Kind.STAFF, library=outside)
    question = asked(library_a, subject="Joint question")
    client = client_as(stranger)
    assert client.get(reverse("infoservice:staff_question", args=["gamma", question.reference])).status_code == 404
    assert "Joint question" not in client.get(reverse("infoservice:staff_questions", args=["gamma"])).text
    assert client.get(reverse("joint_queue:queue", args=["net"])).status_code == 403
    claim = reverse("infoservice:staff_question_claim", args=["gamma", question.reference])
    assert client.post(claim).status_code == 404
    question.refresh_from_db()
    assert question.claimed_by is None


def test_a_question_kept_out_of_the_joint_queue_is_not_seen_by_other_libraries(client_as, library_a, librarian_b):
    question = asked(library_a, joint=False)
    url = reverse("infoservice:staff_question", args=["beta", question.reference])
    assert client_as(librarian_b).get(url).status_code == 404


def test_internal_notes_never_reach_the_reader(client_as, library_a, librarian_a, reader):
    question = asked(library_a, reader)
    queue.add_note(question, "SECRET NOTE about the reader", by=librarian_a, library=library_a)
    answered(question, librarian_a, library_a, "The public answer")
    client = client_as(reader)
    text = client.get(page(question.reference)).text
    assert "The public answer" in text and "SECRET NOTE" not in text
    api = client.get(f"/api/v1/questions/mine/{question.reference}").text
    assert "The public answer" in api and "SECRET NOTE" not in api
    assert "SECRET NOTE" not in client.get("/api/v1/questions/mine").text
    assert question.access_key not in api


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_in_questions_answers_and_replies_is_harmless(client, library_a, librarian_a, payload):
    question = asked(library_a, body=payload)
    answered(question, librarian_a, library_a, f"Answer {payload}")
    services.reply(question, f"Reply {payload}")
    text = client.get(page(question.reference) + "?key=" + question.access_key).text.lower()
    main = text.split("<main", 1)[1]
    assert "<script" not in main and "javascript:" not in main and "onerror" not in main
    assert "onload" not in main and "<svg" not in main and "<img" not in main
