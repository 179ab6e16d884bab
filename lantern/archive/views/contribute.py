"""Views of the archive: contribute. The public contribution form, the receipt and status page a contribution's
reference opens (no account needed: the random reference is the key), the contributor's answer to a
reviewer's question, and a signed-in reader's list of their contributions.

A failed send keeps everything typed and stores nothing; the files must be chosen again, because no browser
can refill a file input, and the page says so.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library
from lantern.core.rate_limit import client_address

from ..forms_contribute import PRIVACY_NOTE, AnswerForm, ContributionForm
from ..models import Item
from ..services import contribute_site as site
from ..services.answers import answer_question
from ..services.collections import open_calls
from ..services.contribute import submit_contribution


def get_contribution(slug: str, reference: str) -> Item:
    """The contribution `reference` of library `slug`: whoever holds the reference may follow it. An unknown
    reference and another library's reference both answer 404."""
    library = get_library(slug)
    # Read from paper receipts and typed by hand: lower case is the same reference.
    reference = reference.strip().upper()[:20]
    item = Item.objects.select_related("library").filter(library=library, reference=reference).first()
    if item is None:
        raise Http404
    return item


def add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, field_messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_messages)
    else:
        # The file checks speak about the files as a whole (too many, or one named file refused).
        form.add_error("files", error.messages)


def status_url(item: Item) -> str:
    return reverse("archive:contribution", args=[item.library.slug, item.reference])


def contribute(request, slug):
    library = get_library(slug)
    request.library = library
    if not site.accepts_contributions(library):
        return render(
            request,
            "archive/contribute/closed.html",
            {"library": library},
            status=403 if request.method == "POST" else 200,
        )
    calls = list(open_calls(library))
    if request.method != "POST":
        wanted = request.GET.get("call", "")
        return _form_page(request, library, ContributionForm(calls=calls, initial={"call": wanted} if wanted else None))
    sent_files = any(upload for upload in request.FILES.getlist("files"))
    try:
        site.allow_contribution_from(library, client_address(request))
    except Refused as refusal:
        # What was typed comes back in the form (unchecked: nothing is done with it now); files cannot.
        typed = {key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"}
        response = _form_page(
            request,
            library,
            ContributionForm(calls=calls, initial=typed),
            status=refusal.status,
            files_again=sent_files,
            too_many=str(refusal),
        )
        response["Retry-After"] = str(site.RETRY_AFTER_SECONDS)
        return response
    form = ContributionForm(request.POST, request.FILES, calls=calls)
    if form.is_valid():
        try:
            item = submit_contribution(
                library, form.contribution_fields(), form.cleaned_data["files"], user=request.user
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            site.send_receipt(item, request.build_absolute_uri(status_url(item)))
            messages.success(
                request, _("Thank you: your contribution was received. Its reference number is %s.") % item.reference
            )
            return redirect(status_url(item))
    return _form_page(request, library, form, status=400, files_again=sent_files)


def _form_page(request, library, form, *, status=200, files_again=False, too_many=""):
    return render(
        request,
        "archive/contribute/form.html",
        {
            "library": library,
            "form": form,
            "calls": form.calls,
            "files_again": files_again,
            "too_many": too_many,
            "privacy_note": PRIVACY_NOTE,
        },
        status=status,
    )


def explanation(item: Item) -> str:
    """The contribution's status in plain words, as the contributor needs it."""
    if item.status == Item.Status.ACCEPTED:
        if item.licence == Item.Licence.PRESERVE_ONLY:
            return _("Accepted. The library keeps it in its archive and, as you asked, does not publish it anywhere.")
        if item.hidden_at is not None:
            return _(
                "Accepted, but not shown for now: someone asked the library to look at it again, and it stays "
                "hidden until they have."
            )
        return _("Accepted and published in the library's archive, with the licence you chose.")
    return {
        Item.Status.SUBMITTED: _(
            "Received and waiting for review. A member of the library's archive staff will look at it; nothing "
            "is published before they accept it."
        ),
        Item.Status.ASKED: _(
            "The reviewers have a question for you before they can decide. Read it below and answer on this page."
        ),
        Item.Status.FIRST_APPROVAL: _(
            "One reviewer approved it. A second reviewer looks at it before anything is published."
        ),
        Item.Status.DECLINED: _("The library decided not to keep it in the archive. Their reason is below."),
        Item.Status.WITHDRAWN: _("Withdrawn: it is no longer shown anywhere in the archive."),
    }[item.status]


def public_link(item: Item) -> str:
    return reverse("archive:item", args=[item.library.slug, item.reference]) if item.is_public else ""


def shows_private_parts(request, item: Item) -> bool:
    """Whether the page may show what only the contributor should see (the conversation, their files' own
    names, their masked contact). The reference is the key only while it is private: once the item has been
    published, the reference is printed on its public page, in the API and in OAI-PMH, so the page then shows
    its status alone, except to the signed-in account that contributed it."""
    published = item.accepted_at is not None and item.licence != Item.Licence.PRESERVE_ONLY
    if not published:
        return True
    return request.user.is_authenticated and item.contributor_id == request.user.pk


def _status_page(request, item: Item, *, answer_form=None, error="", status=200):
    request.library = item.library
    private = shows_private_parts(request, item)
    return render(
        request,
        "archive/contribute/status.html",
        {
            "library": item.library,
            "item": item,
            "explanation": explanation(item),
            "public_url": public_link(item),
            "private": private,
            "conversation": item.messages.all() if private else [],
            "files": item.files.all() if private else [],
            "answer_form": (answer_form or AnswerForm()) if private and item.status == Item.Status.ASKED else None,
            "masked_email": site.mask_email(item.contact_email) if private else "",
            "masked_phone": site.mask_phone(item.contact_phone) if private else "",
            "error": error,
        },
        status=status,
    )


def contribution(request, slug, reference):
    return _status_page(request, get_contribution(slug, reference))


@require_POST
def contribution_answer(request, slug, reference):
    item = get_contribution(slug, reference)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answer_question(item, form.cleaned_data["text"], by=request.user)
        except Refused as refusal:
            return _status_page(request, item, error=str(refusal), status=refusal.status)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Your answer was sent. The reviewers will look at your contribution again."))
            return redirect(status_url(item))
    elif item.status != Item.Status.ASKED:
        return _status_page(
            request,
            item,
            error=_("There is no question waiting for your answer on this contribution, so nothing was sent."),
            status=409,
        )
    return _status_page(request, item, answer_form=form, status=400)


@login_required
def my_contributions(request, slug):
    library = get_library(slug)
    request.library = library
    items = Item.objects.filter(library=library, contributor=request.user).order_by("-submitted_at", "-pk")
    return render(
        request,
        "archive/contribute/mine.html",
        {"library": library, "items": items, "accepts": site.accepts_contributions(library)},
    )
