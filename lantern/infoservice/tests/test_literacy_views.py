"""The guide pages: readers see only published guides (filtered by group) and take the quiz without
JavaScript; staff of the library alone write, publish and review guides; every form's bad input gets a clear
message, changes nothing and never a 500."""

import pytest
from django.urls import reverse

from lantern.conftest import make_user
from lantern.core.models import Role
from lantern.core.services import grant_role
from lantern.infoservice.models import Guide, Publishable, QuizAttempt, QuizQuestion
from lantern.infoservice.services import approval
from lantern.infoservice.services import literacy as services

from .literacy_helpers import answers, make_guide, make_published

pytestmark = pytest.mark.django_db


def page_url(guide):
    return reverse("infoservice:guide", args=[guide.library.slug, guide.pk])


def staff_url(guide, name="staff_guide", *extra):
    return reverse(f"infoservice:{name}", args=[guide.library.slug, guide.pk, *extra])


def form_post(guide, chosen) -> dict:
    return {f"q{q}": str(c) for q, c in chosen.items()}


# --- readers -------------------------------------------------------------------------------------
def test_guides_page_filters_by_group_and_hides_drafts(client, library_a, librarian_a):
    make_published(library_a, librarian_a, title_en="For all", audience="")
    make_published(library_a, librarian_a, title_en="For elders", audience="elderly")
    make_published(library_a, librarian_a, title_en="For students", audience="students")
    make_guide(library_a, librarian_a, title_en="Secret draft")
    url = reverse("infoservice:guides", args=["alpha"])
    text = client.get(url).content.decode()
    assert "For all" in text and "For elders" in text and "For students" in text and "Secret draft" not in text
    assert "?audience=elderly" in text and "?audience=parents" not in text
    elders = client.get(url, {"audience": "elderly"}).content.decode()
    assert "For elders" in elders and "For all" in elders and "For students" not in elders
    bad = client.get(url, {"audience": "<b>aliens</b>"})
    assert bad.status_code == 200 and "There is no such group" in bad.content.decode()


def test_drafts_are_hidden_from_readers_and_other_libraries(client_as, library_a, library_b, librarian_a, librarian_b):
    draft = make_guide(library_a, librarian_a)
    other_reader = make_user("other@example.org", "Otto")
    for user in (other_reader, librarian_b):
        assert client_as(user).get(page_url(draft)).status_code == 404
    # The guide is not at another library's address either.
    assert client_as(librarian_b).get(reverse("infoservice:guide", args=["beta", draft.pk])).status_code == 404
    preview = client_as(librarian_a).get(page_url(draft))
    assert preview.status_code == 200 and "Preview for staff" in preview.content.decode()
    assert '<button type="submit">Check my answers' not in preview.content.decode()


def test_reader_takes_the_quiz_with_one_wrong_answer(client, library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    page = client.get(page_url(guide)).content.decode()
    assert "<h2>Step 1</h2>" in page and "<fieldset" in page and "<legend>" in page and 'type="radio"' in page
    assert 'role="status"' in page
    chosen = answers(guide, wrong=[2])
    answer = client.post(page_url(guide), form_post(guide, chosen))
    text = answer.content.decode()
    assert answer.status_code == 200 and "3 of 4 right." in text
    assert "Not quite. The right answer is: Check the study" in text and "Because of is there evidence?" in text
    for choice in chosen.values():
        assert f'value="{choice}" checked' in text  # the form keeps the reader's choices
    assert QuizAttempt.objects.get().score == 3


@pytest.mark.parametrize("post", [{}, {"qx": "1"}, "partial", "garbage", "forged"])
def test_bad_quiz_submissions_record_nothing(client, library_a, librarian_a, post):
    guide = make_published(library_a, librarian_a)
    chosen = answers(guide)
    first, second = list(chosen)[:2]
    if post == "partial":
        post = form_post(guide, {first: chosen[first]})
    elif post == "garbage":
        post = {f"q{q}": "<script>x</script>" for q in chosen} | {f"q{first}": "9" * 40}
    elif post == "forged":
        post = form_post(guide, {**chosen, first: chosen[second]})
    answer = client.post(page_url(guide), post)
    assert answer.status_code == 400
    text = answer.content.decode()
    assert "Answer every question to see your score" in text or "does not belong to its question" in text
    assert not QuizAttempt.objects.exists()


def test_partial_answers_are_kept_and_the_missing_one_named(client, library_a, librarian_a):
    guide = make_published(library_a, librarian_a, questions=2)
    first, _second = answers(guide).items()
    text = client.post(page_url(guide), {f"q{first[0]}": str(first[1])}).content.decode()
    assert "Not answered yet: question 2." in text and "Choose an answer to this question." in text
    assert f'value="{first[1]}" checked' in text


def test_xss_in_the_guide_body_never_reaches_the_page(client, library_a, librarian_a):
    from lantern.tests.xss_payloads import PAYLOADS

    guide = make_published(library_a, librarian_a, body_en="\n".join(PAYLOADS) + "<p>Safe words</p>")
    text = client.get(page_url(guide)).content.decode().lower()
    body = text.split('class="guide-body">', 1)[1].split("</div>", 1)[0]
    assert "safe words" in body
    for bad in (
        "<script",
        "onerror",
        "onload",
        "onclick",
        "javascript:",
        "vbscript:",
        "data:",
        "<svg",
        "<img",
        "style=",
    ):
        assert bad not in body


# --- staff ---------------------------------------------------------------------------------------
def test_staff_pages_are_for_the_library_staff_only(client_as, library_a, librarian_a, librarian_b, reader):
    guide = make_guide(library_a, librarian_a)
    urls = [
        reverse("infoservice:staff_guides", args=["alpha"]),
        reverse("infoservice:staff_guide_new", args=["alpha"]),
        staff_url(guide),
        staff_url(guide, "staff_guide_edit"),
        staff_url(guide, "staff_guide_question_new"),
    ]
    for user in (reader, librarian_b):
        client = client_as(user)
        for url in urls:
            assert client.get(url).status_code == 403
        assert client.post(staff_url(guide, "staff_guide_publish")).status_code == 403
    assert Guide.objects.get().status == Publishable.DRAFT


def test_staff_write_a_guide_add_questions_and_publish(client_as, library_a, librarian_a):
    client = client_as(librarian_a)
    answer = client.post(
        reverse("infoservice:staff_guide_new", args=["alpha"]),
        {"title_en": "Finding sources", "body_en": "Look <b>carefully</b>.", "audience": "students"},
        follow=True,
    )
    guide = Guide.objects.get()
    assert "The guide is saved as a draft" in answer.content.decode()
    too_soon = client.post(staff_url(guide, "staff_guide_publish"))
    assert too_soon.status_code == 422 and "Add at least one quiz question" in too_soon.content.decode()
    answer = client.post(
        staff_url(guide, "staff_guide_question_new"),
        {"text_en": "Best source?", "answer_1_en": "A forum", "answer_2_en": "A journal", "correct": "2"},
        follow=True,
    )
    assert "The question is added." in answer.content.decode()
    answer = client.post(staff_url(guide, "staff_guide_publish"), follow=True)
    assert "The guide is published" in answer.content.decode()
    guide.refresh_from_db()
    assert guide.status == Publishable.PUBLISHED
    listing = client.get(reverse("infoservice:staff_guides", args=["alpha"])).content.decode()
    assert "Finding sources" in listing and "1 question" in listing


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({}, "Give the guide a title"),
        ({"title_en": "T"}, "Write the guide"),
        ({"title_en": "T", "body_en": "B", "audience": "aliens"}, "Select a valid choice"),
        ({"title_en": "T" * 300, "body_en": "B"}, "at most 200 characters"),
    ],
)
def test_bad_guide_forms_save_nothing(client_as, library_a, librarian_a, post, message):
    client = client_as(librarian_a)
    answer = client.post(reverse("infoservice:staff_guide_new", args=["alpha"]), post)
    assert answer.status_code == 400 and message in answer.content.decode()
    assert "nothing was saved" in answer.content.decode() and not Guide.objects.exists()
    guide = make_guide(library_a, librarian_a)
    edit = client.post(staff_url(guide, "staff_guide_edit"), post)
    assert edit.status_code == 400 and message in edit.content.decode()
    guide.refresh_from_db()
    assert guide.title_en == "How to check a health claim"


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"answer_1_en": "a", "answer_2_en": "b", "correct": "1"}, "Write the question"),
        ({"text_en": "Q", "answer_1_en": "a", "correct": "1"}, "Give from 2 to 5 answers"),
        ({"text_en": "Q", "answer_1_en": "a", "answer_2_en": "b"}, "Choose which of the answers"),
        ({"text_en": "Q", "answer_1_en": "a", "answer_2_en": "b", "correct": "4"}, "Choose which of the answers"),
        ({"text_en": "Q", "answer_1_en": "a", "answer_2_en": "b", "correct": "9"}, "Select a valid choice"),
    ],
)
def test_bad_question_forms_save_nothing(client_as, library_a, librarian_a, post, message):
    guide = make_guide(library_a, librarian_a, questions=1)
    client = client_as(librarian_a)
    answer = client.post(staff_url(guide, "staff_guide_question_new"), post)
    assert answer.status_code == 400 and message in answer.content.decode()
    question = guide.questions.get()
    edit = client.post(staff_url(guide, "staff_guide_question_edit", question.pk), post)
    assert edit.status_code == 400 and message in edit.content.decode()
    assert QuizQuestion.objects.count() == 1 and question.choices.count() == 3


def test_questions_are_edited_moved_and_removed_after_confirmation(client_as, library_a, librarian_a):
    guide = make_guide(library_a, librarian_a, questions=2)
    first, second = services.quiz_of(guide)
    client = client_as(librarian_a)
    form = client.get(staff_url(guide, "staff_guide_question_edit", first.pk)).content.decode()
    assert 'value="Who said it?"' in form
    client.post(
        staff_url(guide, "staff_guide_question_edit", first.pk),
        {"text_en": "Who?", "answer_1_en": "Me", "answer_2_en": "You", "correct": "2"},
    )
    assert [(c.text_en, c.correct) for c in first.choices.order_by("pk")] == [("Me", False), ("You", True)]
    assert client.post(staff_url(guide, "staff_guide_question_move", second.pk), {"direction": "up"}).status_code == 302
    assert [q.pk for q in services.quiz_of(guide)] == [second.pk, first.pk]
    bad = client.post(staff_url(guide, "staff_guide_question_move", second.pk), {"direction": "sideways"})
    assert bad.status_code == 400 and "Move a question up or down." in bad.content.decode()
    remove = staff_url(guide, "staff_guide_question_remove", first.pk)
    assert "Yes, remove this question" in client.get(remove).content.decode()
    unticked = client.post(remove, {})
    assert unticked.status_code == 400 and guide.questions.count() == 2
    assert client.post(remove, {"confirm": "remove"}).status_code == 302
    assert list(guide.questions.all()) == [second]
    assert client.get(staff_url(guide, "staff_guide_question_edit", first.pk)).status_code == 404


def test_second_staff_member_approves_on_the_staff_page(client_as, library_a, librarian_a):
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    reviewer = make_user("rita@example.org", "Rita")
    grant_role(reviewer, Role.Kind.STAFF, library=library_a)
    guide = make_guide(library_a, librarian_a)
    author = client_as(librarian_a)
    text = author.post(staff_url(guide, "staff_guide_publish"), follow=True).content.decode()
    assert "waiting for another staff member" in text and "Approve and publish" not in text
    assert author.post(staff_url(guide, "staff_guide_approve")).status_code == 403
    reviewer_client = client_as(reviewer)
    page = reviewer_client.get(staff_url(guide)).content.decode()
    assert "Approve and publish" in page and "Send back" in page
    text = reviewer_client.post(staff_url(guide, "staff_guide_approve"), follow=True).content.decode()
    assert "approved and published" in text
    guide.refresh_from_db()
    assert guide.status == Publishable.PUBLISHED and guide.approved_by == reviewer
    again = reviewer_client.post(staff_url(guide, "staff_guide_send_back"))
    assert again.status_code == 409 and "Only something waiting for approval" in again.content.decode()


def test_withdraw_after_confirmation_and_statistics(client_as, client, library_a, librarian_a):
    guide = make_published(library_a, librarian_a)
    services.score_quiz(guide, answers(guide, wrong=[1]))
    staff = client_as(librarian_a)
    page = staff.get(staff_url(guide)).content.decode()
    assert "Taken 1 time." in page and "On average 75% of the answers were right." in page
    assert "Withdraw the guide" in staff.get(staff_url(guide, "staff_guide_withdraw")).content.decode()
    text = staff.post(staff_url(guide, "staff_guide_withdraw"), follow=True).content.decode()
    assert "The guide is withdrawn" in text
    staff.logout()
    assert client.get(page_url(guide)).status_code == 404
    assert staff.get(reverse("infoservice:guides", args=["alpha"])).content.decode().count("How to check") == 0
