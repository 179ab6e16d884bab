"""Views of the archive: takedown requests. The public form on a public item (rate-limited) and its
thank-you page; the staff's list of requests and the decision page (hide meanwhile, uphold, reject)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.permissions import get_library, get_library_for_staff
from lantern.core.rate_limit import client_address

from ..forms_moderate import TakedownDecisionForm, TakedownForm
from ..models import Takedown
from ..services import takedown as services
from ..services.common import public_items
from .moderate import add_errors

PAGE_SIZE = 25


def takedown(request, slug, reference):
    """Ask for a public item to come down. Only public items have the form: others are 404, as everywhere."""
    library = get_library(slug)
    request.library = library
    item = public_items(library).filter(reference=reference[:20]).first()
    if item is None:
        raise Http404
    form = TakedownForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.allow_request_from(client_address(request))
                request_made = services.request_takedown(item, form.cleaned_data)
            except Refused as exc:
                if exc.status == 429:
                    return render(
                        request,
                        "archive/moderate/takedown_too_many.html",
                        {"library": library, "item": item, "message": str(exc)},
                        status=429,
                    )
                raise Http404 from None
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                return render(
                    request,
                    "archive/moderate/takedown_thanks.html",
                    {"library": library, "item": item, "takedown": request_made},
                )
        else:
            status = 400
    return render(
        request, "archive/moderate/takedown_form.html", {"library": library, "item": item, "form": form}, status=status
    )


@login_required
def staff_takedowns(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    page = Paginator(services.takedowns_of(library), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "archive/moderate/staff_takedowns.html",
        {"library": library, "page": page, "open_count": services.open_takedowns(library).count()},
    )


def _get_takedown_for_staff(request, slug: str, reference: str) -> Takedown:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    takedown = (
        Takedown.objects.select_related("item", "item__library", "decided_by")
        .filter(item__library=library, reference=reference[:20])
        .first()
    )
    if takedown is None:
        raise Http404
    return takedown


@login_required
def staff_takedown(request, slug, reference):
    takedown = _get_takedown_for_staff(request, slug, reference)
    is_open = takedown.status in services.OPEN
    can_hide = takedown.status == Takedown.Status.RECEIVED
    form = TakedownDecisionForm(request.POST if request.method == "POST" else None, can_hide=can_hide)
    error, status = "", 200
    if request.method == "POST":
        if not is_open:
            error, status = _("This request is already decided."), 409
        elif form.is_valid():
            decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
            try:
                if decision == form.HIDE:
                    services.hide_while_looking(takedown, by=request.user)
                    done = _("The item is hidden from the public while you look at the request.")
                elif decision == form.UPHOLD:
                    services.uphold_takedown(takedown, note, by=request.user)
                    done = _("The request is upheld: the item is withdrawn. The person who asked is emailed.")
                else:
                    services.reject_takedown(takedown, note, by=request.user)
                    done = _("The request is rejected: the item stays. The person who asked is emailed your reasons.")
            except Refused as exc:
                error, status = str(exc), exc.status
            except ValidationError as exc:
                add_errors(form, exc)
                status = 400
            else:
                messages.success(request, done)
                return redirect("archive:staff_takedown", takedown.item.library.slug, takedown.reference)
        else:
            status = 400
    return render(
        request,
        "archive/moderate/staff_takedown.html",
        {
            "library": takedown.item.library,
            "takedown": takedown,
            "item": takedown.item,
            "form": form,
            "is_open": is_open,
            "error": error,
        },
        status=status,
    )
