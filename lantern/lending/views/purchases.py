"""Pages of "buy for the reader": the bookstores' titles and a reader's requests (readers), and the queue of
requests with the year's budget, decisions, deliveries and the bookstores' lists (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import get_library, get_library_for_staff

from ..forms_purchases import AskForm, SearchForm, TitlesUploadForm
from ..models import BookstoreTitle, Purchase
from ..services import bookstore_titles
from ..services import purchases as services
from ..services.common import rules_for

STAFF_CLOSED_SHOWN = 50


# --- fetching what a request names ---------------------------------------------------------------
def get_own_purchase(request, slug: str, pk: int) -> Purchase:
    """The signed-in reader's own request at this library; anyone else's is not found."""
    library = get_library(slug)
    purchase = (
        Purchase.objects.select_related("title__bookstore", "library", "reader")
        .filter(pk=pk, library=library, reader=request.user)
        .first()
    )
    if purchase is None:
        raise Http404
    request.library = library
    return purchase


def get_purchase_for_staff(request, slug: str, pk: int) -> Purchase:
    library = get_library_for_staff(request.user, slug)
    purchase = (
        Purchase.objects.select_related("title__bookstore", "library", "reader").filter(pk=pk, library=library).first()
    )
    if purchase is None:
        raise Http404
    request.library = library
    return purchase


def get_offered_title(library, pk: int) -> BookstoreTitle:
    """A title of one of the library's bookstores (in stock or not: the service says why it cannot be had)."""
    title = (
        BookstoreTitle.objects.select_related("bookstore")
        .filter(pk=pk, bookstore__in=bookstore_titles.bookstores_of(library))
        .first()
    )
    if title is None:
        raise Http404
    return title


# --- readers -------------------------------------------------------------------------------------
def purchase_titles(request, slug):
    library = get_library(slug)
    request.library = library
    rules = rules_for(library)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    titles = bookstore_titles.offered_titles(library, query)[:200] if rules.purchase_enabled else []
    asked = set()
    if request.user.is_authenticated:
        asked = set(
            Purchase.objects.filter(reader=request.user, library=library, status__in=services.OPEN).values_list(
                "title_id", flat=True
            )
        )
    return render(
        request,
        "lending/purchase_titles.html",
        {"library": library, "rules": rules, "form": form, "query": query, "titles": titles, "asked": asked},
    )


def _ask_page(request, library, title, form, *, error="", status=200):
    return render(
        request,
        "lending/purchase_ask.html",
        {"library": library, "title": title, "form": form, "rules": rules_for(library), "error": error},
        status=status,
    )


@login_required
def purchase_ask(request, slug, pk):
    library = get_library(slug)
    request.library = library
    title = get_offered_title(library, pk)
    if request.method != "POST":
        error = ""
        try:
            services.check_ask(request.user, library, title)
        except services.Refused as exc:
            error = str(exc)
        form = AskForm(initial={"recipient": request.user.name, "phone": request.user.phone or ""})
        return _ask_page(request, library, title, form, error=error)
    form = AskForm(request.POST)
    if not form.is_valid():
        return _ask_page(request, library, title, form, status=422)
    try:
        services.ask(request.user, library, title, **form.cleaned_data)
    except services.Refused as exc:
        return _ask_page(request, library, title, form, error=str(exc), status=exc.status)
    except ValidationError as exc:
        form.add_error(None, exc)
        return _ask_page(request, library, title, form, status=422)
    messages.success(
        request,
        _("Your request for “%(title)s” has been sent to the library. You will hear when it is decided.")
        % {"title": title.title},
    )
    return redirect("lending:my_purchases", slug)


def _my_page(request, library, *, error="", status=200):
    purchases = (
        Purchase.objects.filter(reader=request.user, library=library)
        .select_related("title__bookstore", "loan")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "lending/purchase_mine.html",
        {"library": library, "purchases": purchases, "rules": rules_for(library), "error": error},
        status=status,
    )


@login_required
def my_purchases(request, slug):
    library = get_library(slug)
    request.library = library
    return _my_page(request, library)


@login_required
@require_POST
def cancel_purchase(request, slug, pk):
    purchase = get_own_purchase(request, slug, pk)
    if request.POST.get("confirm") != "yes":
        return _my_page(request, purchase.library, error=_("Tick the box to confirm the cancellation."), status=422)
    try:
        services.cancel(purchase, by_reader=request.user)
    except services.Refused as exc:
        return _my_page(request, purchase.library, error=str(exc), status=exc.status)
    messages.success(request, _("Request for “%(title)s” cancelled.") % {"title": purchase.title.title})
    return redirect("lending:my_purchases", slug)


# --- staff ---------------------------------------------------------------------------------------
def _staff_page(request, library, *, error="", upload_form=None, summary=None, status=200):
    rules = rules_for(library)
    used = services.budget_used(library)
    mine = Purchase.objects.filter(library=library).select_related("title__bookstore", "reader", "decided_by")
    return render(
        request,
        "lending/purchase_staff.html",
        {
            "library": library,
            "rules": rules,
            "used": used,
            "left": max(rules.purchase_budget - used, 0),
            "waiting": mine.filter(status=Purchase.Status.REQUESTED).order_by("created_at", "pk"),
            "approved": mine.filter(status=Purchase.Status.APPROVED).order_by("decided_at", "pk"),
            "closed": mine.exclude(status__in=services.OPEN).order_by("-closed_at", "-pk")[:STAFF_CLOSED_SHOWN],
            "bookstores": bookstore_titles.bookstores_of(library),
            "upload_form": upload_form or TitlesUploadForm(library=library),
            "summary": summary,
            "error": error,
        },
        status=status,
    )


@login_required
def staff_purchases(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return _staff_page(request, library)


def _staff_step(request, slug, pk, step, done_message):
    purchase = get_purchase_for_staff(request, slug, pk)
    try:
        step(purchase)
    except services.Refused as exc:
        return _staff_page(request, purchase.library, error=str(exc), status=exc.status)
    messages.success(request, done_message % {"title": purchase.title.title, "reader": purchase.reader})
    return redirect("lending:staff_purchases", slug)


@login_required
@require_POST
def staff_approve_purchase(request, slug, pk):
    return _staff_step(
        request,
        slug,
        pk,
        lambda purchase: services.approve(purchase, by=request.user),
        _("Approved “%(title)s” for %(reader)s; the reader has been told."),
    )


@login_required
@require_POST
def staff_decline_purchase(request, slug, pk):
    return _staff_step(
        request,
        slug,
        pk,
        lambda purchase: services.decline(purchase, request.POST.get("reason", ""), by=request.user),
        _("Declined “%(title)s” for %(reader)s; the reader has been sent your reason."),
    )


@login_required
@require_POST
def staff_deliver_purchase(request, slug, pk):
    return _staff_step(
        request,
        slug,
        pk,
        lambda purchase: services.deliver(purchase, by=request.user),
        _("“%(title)s” is catalogued and on loan to %(reader)s."),
    )


@login_required
@require_POST
def staff_import_titles(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = TitlesUploadForm(request.POST, request.FILES, library=library)
    if not form.is_valid():
        return _staff_page(request, library, upload_form=form, status=422)
    try:
        summary = bookstore_titles.import_titles(
            form.cleaned_data["bookstore"], form.cleaned_data["file"], by=request.user, library=library
        )
    except services.Refused as exc:
        form.add_error("file", str(exc))
        return _staff_page(request, library, upload_form=form, status=exc.status)
    if summary.errors:
        # Stay on the page: the bad lines are listed for the librarian to fix and upload again.
        return _staff_page(request, library, summary=summary, status=200)
    messages.success(
        request,
        _("%(created)d titles added and %(updated)d updated.")
        % {"created": summary.created, "updated": summary.updated},
    )
    return redirect("lending:staff_purchases", slug)
