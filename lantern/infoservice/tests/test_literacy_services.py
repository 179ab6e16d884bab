"""The guide services: what staff may write (and every refusal, with nothing written), publishing through the
library's approval rule with its ServiceRecord and audit entries, the quiz's order, and scoring attempts that
are kept without who took them."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry
from lantern.infoservice.models import Guide, Publishable, QuizAttempt, QuizQuestion
from lantern.infoservice.services import approval
from lantern.infoservice.services import literacy as services
from lantern.insights.models import ServiceRecord

from .literacy_helpers import answers, make_guide, make_published

pytestmark = pytest.mark.django_db


def record_of(guide):
    return ServiceRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Guide), object_id=str(guide.pk)
    ).first()


def require_approval(library):
    approval.save_settings(library, require_approval=True, first_response_hours=24)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"body_en": "Text"}, "title_zh_hans", "Give the guide a title"),
        ({"title_en": "T", "body_en": "<script>alert(1)</script>"}, "body_zh_hans", "Write the guide"),
        ({"title_en": "T" * 201, "body_en": "Text"}, "title_en", "At most 200"),
        ({"title_en": "T", "summary_en": "S" * 301, "body_en": "Text"}, "summary_en", "At most 300"),
        ({"title_en": "T", "body_en": "x" * 50_001}, "body_en", "At most 50000"),
        ({"title_en": "T", "body_en": "Text", "audience": "aliens"}, "audience", "Choose an audience"),
    ],
)
def test_bad_guides_are_refused_and_nothing_is_written(library_a, librarian_a, fields, field, message):
    with pytest.raises(ValidationError) as caught:
        services.create_guide(library_a, by=librarian_a, **fields)
    assert message in caught.value.message_dict[field][0]
    assert not Guide.objects.exists() and not AuditEntry.objects.filter(action__startswith="infoservice.").exists()


def test_body_is_sanitised_keeping_headings(library_a, librarian_a):
    guide = services.create_guide(
        library_a,
        by=librarian_a,
        title_en="T",
        body_en='<h2>Check</h2><p onclick="x()">Read <a href="javascript:alert(1)">this</a></p><script>bad()</script>',
    )
    assert guide.body_en == '<h2>Check</h2><p>Read <a rel="nofollow noopener ugc">this</a></p>'
    assert guide.status == Publishable.DRAFT and guide.created_by == librarian_a
    assert AuditEntry.objects.get(action__startswith="infoservice.").action == "infoservice.guide_created"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"answers": [("", "a"), ("", "b")], "correct": 0}, "text_zh_hans", "Write the question"),
        ({"text_en": "Q", "answers": [("", "a")], "correct": 0}, "answers", "from 2 to 5"),
        ({"text_en": "Q", "answers": [("", str(n)) for n in range(6)], "correct": 0}, "answers", "from 2 to 5"),
        ({"text_en": "Q", "answers": [("", "a"), ("", "b")], "correct": None}, "correct", "right one"),
        ({"text_en": "Q", "answers": [("", "a"), ("", "b"), ("", "")], "correct": 2}, "correct", "right one"),
        ({"text_en": "Q", "answers": [("", "a" * 201), ("", "b")], "correct": 0}, "answers", "at most 200"),
        ({"text_en": "Q" * 301, "answers": [("", "a"), ("", "b")], "correct": 0}, "text_en", "At most 300"),
        (
            {"text_en": "Q", "explanation_en": "W" * 501, "answers": [("", "a"), ("", "b")], "correct": 0},
            "explanation_en",
            "At most 500",
        ),
    ],
)
def test_bad_questions_are_refused(library_a, librarian_a, fields, field, message):
    guide = make_guide(library_a, librarian_a, questions=0)
    with pytest.raises(ValidationError) as caught:
        services.add_question(guide, by=librarian_a, **fields)
    assert message in caught.value.message_dict[field][0]
    assert not QuizQuestion.objects.exists()


def test_blank_answer_slots_are_skipped_and_the_right_one_kept(library_a, librarian_a):
    guide = make_guide(library_a, librarian_a, questions=0)
    question = services.add_question(
        guide, by=librarian_a, text_en="Q", answers=[("", "a"), ("", ""), ("甲", "c")], correct=2
    )
    assert [(c.text_en, c.correct) for c in question.choices.all()] == [("a", False), ("c", True)]


def test_publishing_needs_a_quiz(library_a, librarian_a):
    guide = make_guide(library_a, librarian_a, questions=0)
    with pytest.raises(Refused) as caught:
        services.submit_guide(guide, by=librarian_a)
    assert caught.value.reason == "no_quiz"
    guide.refresh_from_db()
    assert guide.status == Publishable.DRAFT and record_of(guide) is None


def test_publish_records_an_information_service_aimed_at_the_group(library_a, librarian_a):
    guide = make_guide(library_a, librarian_a, audience="elderly")
    assert services.submit_guide(guide, by=librarian_a) is True
    guide.refresh_from_db()
    assert guide.status == Publishable.PUBLISHED and guide.published_at
    record = record_of(guide)
    assert record.information and record.targeted_groups and record.title_en == "How to check a health claim"
    assert AuditEntry.objects.filter(action="infoservice.guide_published").count() == 1
    with pytest.raises(Refused) as caught:
        services.submit_guide(guide, by=librarian_a)
    assert caught.value.reason == "already_published"


def test_a_guide_for_everyone_is_not_targeted(library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    assert not record_of(guide).targeted_groups
    services.update_guide(guide, by=librarian_a, title_en="New", body_en="x", audience="students")
    assert record_of(guide).targeted_groups and record_of(guide).title_en == "New"


def test_second_person_approves(library_a, librarian_a, manager_a):
    require_approval(library_a)
    guide = make_guide(library_a, librarian_a)
    assert services.submit_guide(guide, by=librarian_a) is False
    assert guide.status == Publishable.PENDING and record_of(guide) is None
    with pytest.raises(Refused) as caught:
        services.approve_guide(guide, by=librarian_a)
    assert caught.value.reason == "own_work"
    with pytest.raises(Refused) as caught:
        services.submit_guide(guide, by=librarian_a)
    assert caught.value.reason == "already_pending"
    services.approve_guide(guide, by=manager_a)
    guide.refresh_from_db()
    assert guide.status == Publishable.PUBLISHED and guide.approved_by == manager_a and record_of(guide)
    assert AuditEntry.objects.filter(action="infoservice.guide_approved", actor=manager_a).exists()


def test_send_back_and_refusals_of_review_steps(library_a, librarian_a, manager_a):
    require_approval(library_a)
    guide = make_guide(library_a, librarian_a)
    for step in (services.approve_guide, services.send_back_guide):
        with pytest.raises(Refused) as caught:
            step(guide, by=manager_a)
        assert caught.value.reason == "not_pending"
    services.submit_guide(guide, by=librarian_a)
    services.send_back_guide(guide, by=manager_a)
    guide.refresh_from_db()
    assert guide.status == Publishable.DRAFT
    assert AuditEntry.objects.filter(action="infoservice.guide_sent_back").exists()


def test_withdraw_removes_the_record_and_can_publish_again(library_a, librarian_a):
    guide = make_guide(library_a, librarian_a)
    with pytest.raises(Refused) as caught:
        services.withdraw_guide(guide, by=librarian_a)
    assert caught.value.reason == "not_published"
    services.submit_guide(guide, by=librarian_a)
    services.withdraw_guide(guide, by=librarian_a)
    guide.refresh_from_db()
    assert guide.status == Publishable.WITHDRAWN and record_of(guide) is None
    assert services.submit_guide(guide, by=librarian_a) is True and record_of(guide)


def test_last_question_of_a_published_guide_stays(library_a, librarian_a):
    guide = make_published(library_a, librarian_a, questions=1)
    question = guide.questions.get()
    with pytest.raises(Refused) as caught:
        services.remove_question(question, by=librarian_a)
    assert caught.value.reason == "last_question" and guide.questions.exists()
    draft = make_guide(library_a, librarian_a, questions=2)
    services.remove_question(draft.questions.first(), by=librarian_a)
    assert draft.questions.count() == 1
    assert AuditEntry.objects.filter(action="infoservice.guide_question_removed").count() == 1


def test_questions_move_up_and_down(library_a, librarian_a):
    guide = make_guide(library_a, librarian_a, questions=3)
    first, second, third = services.quiz_of(guide)
    services.move_question(third, by=librarian_a, up=True)
    assert [q.pk for q in services.quiz_of(guide)] == [first.pk, third.pk, second.pk]
    services.move_question(first, by=librarian_a, up=True)  # already first: nothing moves
    services.move_question(first, by=librarian_a, up=False)
    assert [q.pk for q in services.quiz_of(guide)] == [third.pk, first.pk, second.pk]


def test_scoring_records_an_attempt_without_a_person(library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    result = services.score_quiz(guide, answers(guide, wrong=[2]))
    assert (result["score"], result["total"]) == (3, 4)
    assert [row["right"] for row in result["rows"]] == [True, False, True, True]
    attempt = QuizAttempt.objects.get()
    assert (attempt.score, attempt.total) == (3, 4)
    assert {f.name for f in QuizAttempt._meta.get_fields()} == {"id", "guide", "score", "total", "taken_at", "results"}


def test_unanswered_or_forged_answers_record_nothing(library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    chosen = answers(guide)
    first, second, *_rest = chosen
    partial = {k: v for k, v in chosen.items() if k != second}
    with pytest.raises(Refused) as caught:
        services.score_quiz(guide, partial)
    assert caught.value.reason == "unanswered" and caught.value.missing == [2]
    assert "Not answered yet: question 2." in str(caught.value)
    forged = {**chosen, first: chosen[second]}  # an answer of another question
    with pytest.raises(Refused) as caught:
        services.score_quiz(guide, forged)
    assert caught.value.reason == "bad_answer"
    assert not QuizAttempt.objects.exists()


def test_a_draft_quiz_cannot_be_taken(library_a, librarian_a):
    guide = make_guide(library_a, librarian_a)
    with pytest.raises(Refused) as caught:
        services.score_quiz(guide, answers(guide))
    assert caught.value.reason == "not_published" and not QuizAttempt.objects.exists()


def test_statistics_per_question(library_a, librarian_a):
    guide = make_published(library_a, librarian_a, questions=2)
    assert services.quiz_statistics(guide)["average_percent"] is None
    services.score_quiz(guide, answers(guide))
    services.score_quiz(guide, answers(guide, wrong=[1]))
    stats = services.quiz_statistics(guide)
    assert stats["attempts"] == 2 and stats["average_percent"] == 75
    assert [row["percent_right"] for row in stats["questions"]] == [50, 100]
