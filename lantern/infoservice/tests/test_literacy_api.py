"""The guides API: published guides only (filtered by group), a guide's quiz without its right answers, and
taking the quiz (recorded without a person); every bad input answers 4xx with a reason and records nothing."""

import json

import pytest

from lantern.infoservice.models import QuizAttempt

from .literacy_helpers import answers, make_guide, make_published

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
BASE = "/api/v1/libraries/alpha/guides"


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json", **EN)


def as_list(chosen) -> dict:
    return {"answers": [{"question": q, "choice": c} for q, c in chosen.items()]}


def test_lists_published_guides_by_group(client, library_a, librarian_a):
    make_published(library_a, librarian_a, title_en="For all")
    make_published(library_a, librarian_a, title_en="For elders", audience="elderly")
    make_published(library_a, librarian_a, title_en="For students", audience="students")
    make_guide(library_a, librarian_a, title_en="Draft")
    titles = {g["title_en"] for g in client.get(BASE, **EN).json()}
    assert titles == {"For all", "For elders", "For students"}
    elders = client.get(BASE, {"audience": "elderly"}, **EN).json()
    assert {g["title_en"] for g in elders} == {"For all", "For elders"}
    assert elders[0]["page"].startswith("http://testserver/alpha/guides/")
    bad = client.get(BASE, {"audience": "aliens"}, **EN)
    assert bad.status_code == 422 and bad.json()["reason"] == "bad_filter"
    assert client.get("/api/v1/libraries/nowhere/guides").status_code == 404


def test_one_guide_hides_the_right_answers_and_drafts(client, library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    data = client.get(f"{BASE}/{guide.pk}", **EN).json()
    assert data["body"].startswith("<h2>Step 1</h2>") and len(data["questions"]) == 4
    assert set(data["questions"][0]["choices"][0]) == {"id", "text"}
    assert "correct" not in json.dumps(data) and "Because of" not in json.dumps(data)
    draft = make_guide(library_a, librarian_a)
    assert client.get(f"{BASE}/{draft.pk}").status_code == 404
    assert post(client, f"{BASE}/{draft.pk}/attempts", as_list(answers(draft))).status_code == 404


def test_taking_the_quiz(client, library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    answer = post(client, f"{BASE}/{guide.pk}/attempts", as_list(answers(guide, wrong=[2])))
    assert answer.status_code == 201
    data = answer.json()
    assert (data["score"], data["total"]) == (3, 4)
    second = data["questions"][1]
    assert second["right"] is False and second["right_choice"] != second["chosen"]
    assert second["explanation"] == "Because of is there evidence?"
    assert QuizAttempt.objects.get().score == 3


def test_bad_attempts_record_nothing(client, library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    url = f"{BASE}/{guide.pk}/attempts"
    chosen = answers(guide)
    first, second, *_rest = chosen
    partial = {first: chosen[first]}
    cases = [
        (as_list(partial), "unanswered"),
        (as_list({**chosen, first: chosen[second]}), "bad_answer"),
        (as_list({**chosen, 999999: 1}), "bad_answer"),
        ({"answers": [{"question": first, "choice": chosen[first]}] * 2}, "duplicate"),
    ]
    for body, reason in cases:
        answer = post(client, url, body)
        assert answer.status_code == 422 and answer.json()["reason"] == reason, body
    unanswered = post(client, url, as_list(partial)).json()["detail"]
    assert "Not answered yet: questions 2, 3, 4." in unanswered
    for junk in ({"answers": "all right"}, {"answers": [{"question": "x", "choice": 1}]}, {}):
        assert post(client, url, junk).status_code == 422
    not_json = client.post(url, "{{", content_type="application/json")
    assert 400 <= not_json.status_code < 500
    assert not QuizAttempt.objects.exists()
