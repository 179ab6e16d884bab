"""Pages of ask a librarian for staff: the library's queue with its filters, the network's joint queue, one
question (claim, release, answer from scratch or from a canned answer, note, transfer, close, publish to the
knowledge base), the canned answers, and the statistics.

Staff act for the library in the URL; they see a question asked there, passed to it, or in the joint queue
of its network, and nothing else (404).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.models import Library, Network
from lantern.core.permissions import get_library_for_staff, staffed_libraries

from ..forms_ask import AnswerForm, CannedForm, NoteForm, PublishForm, QueueFilterForm, TransferForm
from ..models import CannedAnswer, KnowledgeEntry, Question
from ..services import ask as reader_services
from ..services import ask_queue as services
from .ask import add_errors, site

QUEUE_SHOWN = 200


def _filtered(questions, show: str, user):
    now = timezone.now()
    if show == "new":
        return questions.filter(status=Question.Status.NEW)
    if show == "mine":
        return questions.filter(claimed_by=user).exclude(status=Question.Status.CLOSED)
    if show == "overdue":
        return questions.filter(services.overdue_q(now))
    if show == "answered":
        return questions.filter(status=Question.Status.ANSWERED)
    if show == "closed":
        return questions.filter(status=Question.Status.CLOSED)
    return questions.filter(status__in=reader_services.OPEN)


def _rows(questions, now):
    rows = list(questions.select_related("library", "claimed_by", "assigned_library")[:QUEUE_SHOWN])
    for question in rows:
        question.overdue = services.is_overdue(question, now)
    return rows


def staff_questions(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = QueueFilterForm(request.GET or None)
    show = (form.cleaned_data["show"] if form.is_valid() else "") or "open"
    questions = _filtered(Question.objects.filter(services.visible_to(library)), show, request.user)
    return render(
        request,
        "infoservice/ask/staff_queue.html",
        {
            "library": library,
            "show": show,
            "shows": QueueFilterForm.SHOWS,
            "questions": _rows(questions.order_by("respond_by", "pk"), timezone.now()),
            "overdue_count": Question.objects.filter(services.visible_to(library)).filter(services.overdue_q()).count(),
        },
    )


def queue(request, network):
    """The network's joint queue, for staff of any member library (links open in that library's pages)."""
    network = Network.objects.filter(slug=network).first()
    if network is None:
        raise Http404
    mine = staffed_libraries(request.user).filter(network=network).order_by("slug").first()
    if mine is None:
        raise PermissionDenied
    request.library = mine
    form = QueueFilterForm(request.GET or None)
    show = (form.cleaned_data["show"] if form.is_valid() else "") or "open"
    questions = _filtered(Question.objects.filter(network=network), show, request.user)
    return render(
        request,
        "infoservice/ask/joint_queue.html",
        {
            "network": network,
            "library": mine,
            "show": show,
            "shows": QueueFilterForm.SHOWS,
            "questions": _rows(questions.order_by("respond_by", "pk"), timezone.now()),
        },
    )


def get_question_for_staff(request, slug, reference) -> tuple[Library, Question]:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    question = (
        Question.objects.filter(services.visible_to(library), reference=reference[:20])
        .select_related("library", "reader", "claimed_by", "assigned_library", "network")
        .first()
    )
    if question is None:
        raise Http404
    return library, question


def _others(library: Library, question: Question):
    if not question.library.network_id:
        return Library.objects.none()
    current = question.assigned_library_id or question.library_id
    return Library.objects.filter(network_id=question.library.network_id).exclude(pk=current).order_by("slug")


def _page(request, library, question, *, forms=None, error="", status=200):
    forms = forms or {}
    canned = CannedAnswer.objects.filter(library=library)
    chosen = canned.filter(pk=request.GET.get("canned")).first() if request.GET.get("canned", "").isdigit() else None
    answer_form = forms.get("answer") or AnswerForm(initial={"body": chosen.body if chosen else ""})
    return render(
        request,
        "infoservice/ask/staff_question.html",
        {
            "library": library,
            "question": question,
            "overdue": services.is_overdue(question),
            "conversation": question.messages.select_related("author", "library"),
            "canned": canned,
            "answer_form": answer_form,
            "note_form": forms.get("note") or NoteForm(),
            "transfer_form": forms.get("transfer") or TransferForm(libraries=_others(library, question)),
            "can_transfer": _others(library, question).exists() and question.status in reader_services.OPEN,
            "entry": KnowledgeEntry.objects.filter(source=question).first(),
            "error": error,
        },
        status=status,
    )


def staff_question(request, slug, reference):
    library, question = get_question_for_staff(request, slug, reference)
    return _page(request, library, question)


def _act(request, slug, reference, action, done: str):
    library, question = get_question_for_staff(request, slug, reference)
    try:
        action(question, library)
    except Refused as exc:
        return _page(request, library, question, error=str(exc), status=exc.status)
    messages.success(request, done)
    return redirect("infoservice:staff_question", slug, question.reference)


@require_POST
def staff_question_claim(request, slug, reference):
    def action(question, library):
        services.claim(question, by=request.user, library=library)

    return _act(request, slug, reference, action, _("The question is yours to answer."))


@require_POST
def staff_question_release(request, slug, reference):
    def action(question, library):
        services.release(question, by=request.user, library=library)

    return _act(request, slug, reference, action, _("The question is back in the queue."))


@require_POST
def staff_question_answer(request, slug, reference):
    library, question = get_question_for_staff(request, slug, reference)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.answer(question, form.cleaned_data["body"], by=request.user, library=library, site=site(request))
        except Refused as exc:
            return _page(request, library, question, forms={"answer": form}, error=str(exc), status=exc.status)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The answer was sent to the reader."))
            return redirect("infoservice:staff_question", slug, question.reference)
    return _page(request, library, question, forms={"answer": form}, status=400)


@require_POST
def staff_question_note(request, slug, reference):
    library, question = get_question_for_staff(request, slug, reference)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(question, form.cleaned_data["body"], by=request.user, library=library)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The note was added. Only staff see it."))
            return redirect("infoservice:staff_question", slug, question.reference)
    return _page(request, library, question, forms={"note": form}, status=400)


@require_POST
def staff_question_transfer(request, slug, reference):
    library, question = get_question_for_staff(request, slug, reference)
    form = TransferForm(request.POST, libraries=_others(library, question))
    if form.is_valid():
        to = form.cleaned_data["to"]
        try:
            services.transfer(question, to=to, note=form.cleaned_data["note"], by=request.user, library=library)
        except Refused as exc:
            return _page(request, library, question, forms={"transfer": form}, error=str(exc), status=exc.status)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The question was passed to %s.") % to.name)
            return redirect("infoservice:staff_questions", slug)
    return _page(request, library, question, forms={"transfer": form}, status=400)


def staff_question_close(request, slug, reference):
    """A confirmation page, then the question is closed (a reader's reply opens it again)."""
    library, question = get_question_for_staff(request, slug, reference)
    if request.method != "POST":
        return render(request, "infoservice/ask/staff_close.html", {"library": library, "question": question})

    def action(question, library):
        services.close(question, by=request.user, library=library)

    return _act(request, slug, reference, action, _("The question is closed."))


def staff_question_publish(request, slug, reference):
    library, question = get_question_for_staff(request, slug, reference)
    question_text, answer_text = reader_services.masked_draft(question)
    form = PublishForm(
        request.POST if request.method == "POST" else None, initial={"question": question_text, "answer": answer_text}
    )
    error, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            services.publish(
                question,
                question_text=form.cleaned_data["question"],
                answer_text=form.cleaned_data["answer"],
                by=request.user,
                library=library,
            )
        except Refused as exc:
            error, status = str(exc), exc.status
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The answer is published in the knowledge base."))
            return redirect("infoservice:knowledge_base", slug)
    if request.method == "POST" and status == 200:
        status = 400
    return render(
        request,
        "infoservice/ask/staff_publish.html",
        {"library": library, "question": question, "form": form, "error": error},
        status=status,
    )


def staff_entry_remove(request, slug, pk):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    entry = KnowledgeEntry.objects.filter(library=library, pk=pk).first()
    if entry is None:
        raise Http404
    if request.method != "POST":
        return render(request, "infoservice/ask/staff_entry_remove.html", {"library": library, "entry": entry})
    services.unpublish(entry, by=request.user)
    messages.success(request, _("The entry was taken off the knowledge base."))
    return redirect("infoservice:knowledge_base", slug)


# --- canned answers ------------------------------------------------------------------------------
def staff_canned(request, slug, pk=None):
    """The list of canned answers with the form to add one (or, with `pk`, to change it)."""
    library = get_library_for_staff(request.user, slug)
    request.library = library
    canned = CannedAnswer.objects.filter(library=library, pk=pk).first() if pk else None
    if pk and canned is None:
        raise Http404
    initial = {"title": canned.title, "body": canned.body} if canned else None
    form = CannedForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_canned(library, canned=canned, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The canned answer was saved."))
            return redirect("infoservice:staff_canned", slug)
    return render(
        request,
        "infoservice/ask/staff_canned.html",
        {"library": library, "form": form, "canned": canned, "answers": CannedAnswer.objects.filter(library=library)},
        status=400 if request.method == "POST" else 200,
    )


def staff_canned_remove(request, slug, pk):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    canned = CannedAnswer.objects.filter(library=library, pk=pk).first()
    if canned is None:
        raise Http404
    if request.method != "POST":
        return render(request, "infoservice/ask/staff_canned_remove.html", {"library": library, "canned": canned})
    services.delete_canned(canned, by=request.user)
    messages.success(request, _("The canned answer was removed."))
    return redirect("infoservice:staff_canned", slug)


def staff_ask_stats(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return render(request, "infoservice/ask/staff_stats.html", {"library": library, **services.stats(library)})
