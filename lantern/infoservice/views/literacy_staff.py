"""Staff pages of information-literacy guides: the list, the guide form, quiz questions (add, change, move,
remove after confirmation), publishing through the library's approval rule (submit, approve, send back,
withdraw) and the quiz statistics. Every change ends with a message saying what happened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from ..forms_literacy import GuideForm, QuestionForm
from ..models import Guide, Publishable, QuizQuestion
from ..services import approval
from ..services import literacy as services

TEMPLATES = "infoservice/literacy/"


def get_guide_for_staff(request, slug: str, pk: int) -> Guide:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    guide = Guide.objects.select_related("library", "created_by", "approved_by").filter(pk=pk, library=library).first()
    if guide is None:
        raise Http404
    return guide


def get_question(guide: Guide, question_pk: int) -> QuizQuestion:
    question = guide.questions.prefetch_related("choices").filter(pk=question_pk).first()
    if question is None:
        raise Http404
    question.guide = guide
    return question


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _to_guide(guide: Guide, anchor: str = ""):
    response = redirect("infoservice:staff_guide", guide.library.slug, guide.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- the list, the guide page and the guide form ------------------------------------------------
@login_required
def staff_guides(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    guides = (
        Guide.objects.filter(library=library)
        .annotate(n_questions=Count("questions", distinct=True), n_attempts=Count("attempts", distinct=True))
        .order_by("status", "-pk")
    )
    groups = [(value, label, [g for g in guides if g.status == value]) for value, label in Publishable.choices]
    return render(
        request,
        TEMPLATES + "staff_list.html",
        {"library": library, "groups": groups, "require_approval": approval.settings_for(library).require_approval},
    )


def _staff_page(request, guide: Guide, *, error: str = "", status: int = 200):
    pending_for_me = guide.status == Publishable.PENDING and guide.created_by_id != request.user.pk
    return render(
        request,
        TEMPLATES + "staff_guide.html",
        {
            "library": guide.library,
            "guide": guide,
            "questions": services.quiz_of(guide),
            "stats": services.quiz_statistics(guide),
            "require_approval": approval.settings_for(guide.library).require_approval,
            "can_review": pending_for_me,
            "error": error,
        },
        status=status,
    )


@login_required
def staff_guide(request, slug, pk):
    return _staff_page(request, get_guide_for_staff(request, slug, pk))


def _guide_form(request, library, guide=None):
    initial = GuideForm.initial_for(guide) if guide else {}
    form = GuideForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if guide is None:
                guide = services.create_guide(library, by=request.user, **form.cleaned_data)
                done = _("The guide is saved as a draft. Now add its quiz questions.")
            else:
                services.update_guide(guide, by=request.user, **form.cleaned_data)
                done = _("The guide is saved.")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done)
            return _to_guide(guide)
    return render(
        request,
        TEMPLATES + "staff_form.html",
        {"library": library, "form": form, "guide": guide},
        status=400 if form.errors else 200,
    )


@login_required
def staff_guide_new(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return _guide_form(request, library)


@login_required
def staff_guide_edit(request, slug, pk):
    guide = get_guide_for_staff(request, slug, pk)
    return _guide_form(request, guide.library, guide)


# --- quiz questions ------------------------------------------------------------------------------
def _question_form(request, guide, question=None):
    form = QuestionForm(request.POST if request.method == "POST" else None, initial=QuestionForm.initial_for(question))
    if request.method == "POST" and form.is_valid():
        try:
            if question is None:
                question = services.add_question(guide, by=request.user, **form.service_fields())
                done = _("The question is added.")
            else:
                services.update_question(question, by=request.user, **form.service_fields())
                done = _("The question is saved.")
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, done)
            return _to_guide(guide, f"question-{question.pk}")
    answers = [(form[f"answer_{n}_zh_hans"], form[f"answer_{n}_en"]) for n in range(1, services.MAX_ANSWERS + 1)]
    return render(
        request,
        TEMPLATES + "question_form.html",
        {"library": guide.library, "guide": guide, "question": question, "form": form, "answers": answers},
        status=400 if form.errors else 200,
    )


@login_required
def staff_guide_question_new(request, slug, pk):
    return _question_form(request, get_guide_for_staff(request, slug, pk))


@login_required
def staff_guide_question_edit(request, slug, pk, question_pk):
    guide = get_guide_for_staff(request, slug, pk)
    return _question_form(request, guide, get_question(guide, question_pk))


@login_required
def staff_guide_question_remove(request, slug, pk, question_pk):
    guide = get_guide_for_staff(request, slug, pk)
    question = get_question(guide, question_pk)
    if request.method != "POST":
        return _confirm(request, guide, "remove_question", target=question)
    if request.POST.get("confirm") != "remove":
        messages.error(request, _("Tick the box to confirm that you want to remove this question."))
        return _confirm(request, guide, "remove_question", target=question, status=400)
    try:
        services.remove_question(question, by=request.user)
    except Refused as exc:
        return _staff_page(request, guide, error=str(exc), status=exc.status)
    messages.success(request, _("The question is removed."))
    return _to_guide(guide, "quiz-heading")


@login_required
@require_POST
def staff_guide_question_move(request, slug, pk, question_pk):
    guide = get_guide_for_staff(request, slug, pk)
    question = get_question(guide, question_pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return _staff_page(request, guide, error=_("Move a question up or down."), status=400)
    services.move_question(question, by=request.user, up=direction == "up")
    messages.success(request, _("The question is moved."))
    return _to_guide(guide, f"question-{question.pk}")


# --- publishing ----------------------------------------------------------------------------------
def _confirm(request, guide, action: str, *, target=None, status=200):
    return render(
        request,
        TEMPLATES + "confirm.html",
        {"library": guide.library, "guide": guide, "action": action, "target": target},
        status=status,
    )


@login_required
@require_POST
def staff_guide_publish(request, slug, pk):
    guide = get_guide_for_staff(request, slug, pk)
    try:
        published = services.submit_guide(guide, by=request.user)
    except Refused as exc:
        return _staff_page(request, guide, error=str(exc), status=exc.status)
    if published:
        messages.success(request, _("The guide is published: readers can read it and take its quiz now."))
    else:
        messages.success(request, _("The guide is waiting for another staff member's approval."))
    return _to_guide(guide)


def _review_step(request, slug, pk, change, done_message):
    guide = get_guide_for_staff(request, slug, pk)
    try:
        change(guide, by=request.user)
    except Refused as exc:
        return _staff_page(request, guide, error=str(exc), status=exc.status)
    messages.success(request, done_message)
    return _to_guide(guide)


@login_required
@require_POST
def staff_guide_approve(request, slug, pk):
    return _review_step(
        request, slug, pk, services.approve_guide, _("The guide is approved and published: readers can read it now.")
    )


@login_required
@require_POST
def staff_guide_send_back(request, slug, pk):
    return _review_step(
        request, slug, pk, services.send_back_guide, _("The guide is sent back to its author as a draft.")
    )


@login_required
def staff_guide_withdraw(request, slug, pk):
    guide = get_guide_for_staff(request, slug, pk)
    if request.method != "POST":
        return _confirm(request, guide, "withdraw")
    return _review_step(
        request,
        slug,
        pk,
        services.withdraw_guide,
        _("The guide is withdrawn: readers no longer see it. Its quiz results are kept."),
    )
