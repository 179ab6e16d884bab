"""Pages of ask a librarian for readers: the question form, a question's page (its conversation without the
internal notes, a reply, a rating), "My questions" and the public knowledge base.

A question's page answers 404 to anyone but its asker: the signed-in reader who asked, or whoever holds the
key from the emailed link. A guessed reference, another reader's reference and a wrong key look alike.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import can_staff, get_library
from lantern.core.rate_limit import client_address

from ..forms_ask import AskForm, RateForm, ReplyForm, SearchForm
from ..models import KnowledgeEntry, Question
from ..services import ask as services

KB_SHOWN = 100


def site(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def get_followed_question(request, slug: str, reference: str) -> tuple[Question, str]:
    """The question, if this visitor may follow it; else 404 (never saying whether it exists)."""
    library = get_library(slug)
    request.library = library
    key = request.GET.get("key") or request.POST.get("key") or ""
    question = (
        Question.objects.select_related("library", "reader").filter(library=library, reference=reference[:20]).first()
    )
    if question is None or not services.can_follow(question, request.user, key):
        raise Http404
    return question, ("" if question.reader_id else key)


def ask(request, slug):
    library = get_library(slug)
    request.library = library
    signed_in = request.user.is_authenticated
    form = AskForm(request.POST if request.method == "POST" else None, library=library, signed_in=signed_in)
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.allow_question_from(client_address(request))
            question = services.ask(
                library,
                subject=data["subject"],
                body=data["body"],
                reader=request.user if signed_in else None,
                name=data.get("name", ""),
                email=data.get("email", ""),
                joint=data.get("joint", False),
                site=site(request),
            )
        except Refused as exc:
            error, status = str(exc), exc.status
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if signed_in:
                messages.success(request, _("Your question was sent. Its reference number is %s.") % question.reference)
            else:
                messages.success(
                    request,
                    _(
                        "Your question was sent. Its reference number is %s. We emailed you the link to this page: "
                        "keep it, it is the only way back here."
                    )
                    % question.reference,
                )
            return redirect(services.follow_path(question))
    if request.method == "POST" and status == 200 and not form.is_valid():
        status = 400
    return render(
        request, "infoservice/ask/ask.html", {"library": library, "form": form, "error": error}, status=status
    )


def _question_page(request, question, key, *, reply_form=None, rate_form=None, error="", status=200):
    answered = question.first_response_at is not None
    return render(
        request,
        "infoservice/ask/question.html",
        {
            "library": question.library,
            "question": question,
            "key": key,
            "conversation": services.reader_messages(question),
            "reply_form": reply_form or ReplyForm(),
            "rate_form": (
                rate_form or RateForm(initial={"rating": question.rating, "comment": question.rating_comment})
            )
            if answered
            else None,
            "error": error,
        },
        status=status,
    )


def question(request, slug, reference):
    question, key = get_followed_question(request, slug, reference)
    return _question_page(request, question, key)


def _back(question, key):
    return redirect(services.follow_path(question) if key else question.get_absolute_url())


@require_POST
def question_reply(request, slug, reference):
    question, key = get_followed_question(request, slug, reference)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.reply(question, form.cleaned_data["body"], by=question.reader)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your reply was sent. The librarians will answer on this page."))
            return _back(question, key)
    return _question_page(request, question, key, reply_form=form, status=400)


@require_POST
def question_rate(request, slug, reference):
    question, key = get_followed_question(request, slug, reference)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            services.rate(question, form.cleaned_data["rating"], form.cleaned_data["comment"])
        except Refused as exc:
            return _question_page(request, question, key, error=str(exc), status=exc.status)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Thank you for rating the answer."))
            return _back(question, key)
    return _question_page(request, question, key, rate_form=form, status=400)


@login_required
def my_questions(request, slug):
    library = get_library(slug)
    request.library = library
    mine = Question.objects.filter(reader=request.user).select_related("library").order_by("-created_at", "-pk")
    return render(request, "infoservice/ask/mine.html", {"library": library, "questions": mine})


def knowledge_base(request, slug):
    library = get_library(slug)
    request.library = library
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    entries = KnowledgeEntry.objects.filter(library=library)
    if query:
        entries = entries.filter(Q(question__icontains=query) | Q(answer__icontains=query))
    return render(
        request,
        "infoservice/ask/knowledge_base.html",
        {
            "library": library,
            "form": form,
            "query": query,
            "entries": entries[:KB_SHOWN],
            "is_staff": can_staff(request.user, library),
        },
    )
