"""A reader's data download holds their questions and doubted messages, but never staff's internal notes."""

import json

import pytest

from lantern.infoservice.models import Doubt, Message, Question
from lantern.infoservice.services import ask

pytestmark = pytest.mark.django_db


def test_the_download_has_my_questions_without_internal_notes(client_as, library_a, reader, librarian_a):
    question = ask.ask(library_a, subject="Opening hours", body="When do you reopen?", reader=reader)
    Message.objects.create(question=question, kind=Message.Kind.NOTE, author=librarian_a, body="<p>VIP reader</p>")
    Message.objects.create(question=question, kind=Message.Kind.ANSWER, author=librarian_a, body="<p>In March.</p>")
    Doubt.objects.create(library=library_a, reference="DOUBT123", text="Hot water kills it", reader=reader)
    response = client_as(reader).get("/accounts/my-data/")
    data = json.loads(response.content)
    (mine,) = data["infoservice"]["questions"]
    assert mine["reference"] == question.reference and mine["question"] == "<p>When do you reopen?</p>"
    assert [turn["text"] for turn in mine["conversation"]] == ["<p>In March.</p>"]
    assert "VIP reader" not in response.content.decode()
    assert data["infoservice"]["doubted_messages"][0]["text"] == "Hot water kills it"
    assert Question.objects.count() == 1
