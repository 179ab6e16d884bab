"""API of ask a librarian: asking (email-only, signed in, bad input, bad token, the rate limit), my question
and my questions (signed-in readers only, never someone else's), and the knowledge base."""

import pytest
from django.core.cache import cache

from lantern.core.services import create_api_token
from lantern.infoservice.models import Question
from lantern.infoservice.services import ask as services
from lantern.infoservice.services import ask_queue as queue

from .test_ask_services import answered, asked

pytestmark = pytest.mark.django_db
URL = "/api/v1/libraries/alpha/questions"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def test_an_email_only_reader_asks_and_gets_the_reference_and_follow_link(client, library_a):
    response = client.post(
        URL, {"subject": "Hours", "body": "When?", "name": "Dora", "email": "dora@example.org"}, "application/json"
    )
    assert response.status_code == 201
    data = response.json()
    question = Question.objects.get()
    assert data["reference"] == question.reference and data["joint_queue"] is True
    assert data["follow_link"].endswith(f"/alpha/ask/{question.reference}/?key={question.access_key}")
    assert client.get(data["follow_link"]).status_code == 200


def test_a_token_holder_asks_as_themselves(client, library_a, reader):
    _token, token = create_api_token(reader, "phone app")
    response = client.post(
        URL,
        {"subject": "Hours", "body": "When?", "joint": False},
        "application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201 and "key=" not in response.json()["follow_link"]
    assert Question.objects.get().reader == reader
    bad = client.post(URL, {"subject": "S", "body": "B"}, "application/json", headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401 and Question.objects.count() == 1


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"subject": "S", "body": "B"},
        {"subject": "S", "body": "B", "name": "Dora", "email": "bad"},
        {"subject": "", "body": "B", "name": "Dora", "email": "dora@example.org"},
        {"subject": "S", "body": "x" * 6000, "name": "Dora", "email": "dora@example.org"},
        {"subject": ["S"], "body": "B", "name": "Dora", "email": "dora@example.org"},
    ],
)
def test_bad_input_answers_422_and_writes_nothing(client, library_a, payload):
    response = client.post(URL, payload, "application/json")
    assert response.status_code == 422 and response.json()["detail"]
    assert not Question.objects.exists()


def test_unknown_library_and_rate_limit(client, library_a):
    payload = {"subject": "S", "body": "B", "name": "Dora", "email": "dora@example.org"}
    assert client.post("/api/v1/libraries/nowhere/questions", payload, "application/json").status_code == 404
    for _i in range(services.QUESTIONS_PER_HOUR):
        client.post(URL, payload, "application/json")
    response = client.post(URL, payload, "application/json")
    assert response.status_code == 429 and response.json()["reason"] == "too_many"


def test_my_questions_are_mine_only(client_as, client, library_a, librarian_a, reader, other_reader):
    mine = asked(library_a, reader)
    answered(mine, librarian_a, library_a, "Monday")
    theirs = asked(library_a, other_reader)
    assert client.get("/api/v1/questions/mine").status_code == 401
    api = client_as(reader)
    listed = api.get("/api/v1/questions/mine").json()
    assert [q["reference"] for q in listed] == [mine.reference]
    one = api.get(f"/api/v1/questions/mine/{mine.reference}").json()
    assert [m["kind"] for m in one["messages"]] == ["answer"] and "Monday" in one["messages"][0]["body"]
    assert api.get(f"/api/v1/questions/mine/{theirs.reference}").status_code == 404
    assert api.get("/api/v1/questions/mine/NOPE").status_code == 404


def test_the_knowledge_base_api(client, library_a, librarian_a):
    question = answered(asked(library_a), librarian_a, library_a)
    queue.publish(question, question_text="Vinegar?", answer_text="No.", by=librarian_a, library=library_a)
    assert client.get("/api/v1/libraries/alpha/answers").json()[0]["question"] == "Vinegar?"
    assert client.get("/api/v1/libraries/alpha/answers", {"q": "zzz"}).json() == []
    assert client.get("/api/v1/libraries/nowhere/answers").status_code == 404
