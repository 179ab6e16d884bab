"""Pages of donations: the public thank-you list and receipt check (anyone); the staff's list of donations
both ways, the donation form with its line rows, a donation and its receipt (PDF), a gift with where its
books went and its letter of thanks (PDF), and the confirmations before deleting."""

import time

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.permissions import get_library, get_library_for_staff

from .. import donation_pdf
from ..forms_donations import DonationForm, GiftForm, PaperLanguageForm, line_formset
from ..models import IncomingDonation, OutgoingDonation
from ..services import donations as services

LIST_LIMIT = 200


# --- fetching what a request names ---------------------------------------------------------------
def get_donation_for_staff(request, slug: str, number: str) -> OutgoingDonation:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    donation = (
        OutgoingDonation.objects.select_related("library", "recipient_partner", "station")
        .filter(library=library, number=number)
        .first()
    )
    if donation is None:
        raise Http404
    return donation


def get_gift_for_staff(request, slug: str, number: str) -> IncomingDonation:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    gift = IncomingDonation.objects.select_related("library").filter(library=library, number=number).first()
    if gift is None:
        raise Http404
    return gift


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _pdf(pdf: bytes, filename: str, started: float) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # A letter holds the donor's name; a receipt the recipient's.
    response["Cache-Control"] = "private, no-store"
    response["Server-Timing"] = f"render;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


def _language(request):
    """The chosen paper language, or None (a page saying why) when the choice is not one of the site's."""
    form = PaperLanguageForm(request.GET)
    return form.language_code() if form.is_valid() else None


def _bad_language(request, library):
    return render(
        request,
        "outreach/donations/problem.html",
        {"library": library, "message": _("Choose Chinese or English for the paper.")},
        status=400,
    )


# --- anyone --------------------------------------------------------------------------------------
def thanks(request, slug):
    library = get_library(slug)
    request.library = library
    return render(
        request,
        "outreach/donations/thanks.html",
        {
            "library": library,
            "gifts": services.public_gifts(library, LIST_LIMIT),
            "totals": services.gift_totals(library),
        },
    )


def receipt_check(request, slug, number):
    """Confirms that a receipt exists: its number, date, kind of recipient and total, no names."""
    library = get_library(slug)
    request.library = library
    donation = OutgoingDonation.objects.filter(library=library, number=number.strip().upper()).first()
    context = {"library": library, "number": number[:40], "donation": donation}
    if donation is not None:
        context["total"] = services.total_quantity(donation)
    return render(request, "outreach/donations/receipt_check.html", context, status=200 if donation else 404)


# --- staff: the list -----------------------------------------------------------------------------
def staff_donations(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    donations = (
        OutgoingDonation.objects.filter(library=library)
        .annotate(total=Sum("lines__quantity"))
        .order_by("-given_on", "-pk")[:LIST_LIMIT]
    )
    gifts = IncomingDonation.objects.filter(library=library).order_by("-received_on", "-pk")[:LIST_LIMIT]
    return render(
        request,
        "outreach/donations/staff_list.html",
        {
            "library": library,
            "donations": donations,
            "gifts": [(gift, services.gift_size(gift)) for gift in gifts],
        },
    )


# --- staff: outgoing -----------------------------------------------------------------------------
def _donation_form_page(request, library, form, lines, *, error="", status=200):
    return render(
        request,
        "outreach/donations/staff_donation_form.html",
        {"library": library, "form": form, "lines": lines, "error": error},
        status=status,
    )


def staff_donation_new(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    if request.method != "POST":
        return _donation_form_page(request, library, DonationForm(library=library), line_formset(library))
    form, lines = DonationForm(request.POST, library=library), line_formset(library, request.POST)
    if not (form.is_valid() and lines.is_valid()):
        return _donation_form_page(request, library, form, lines, status=422)
    rows = [row for row in lines.cleaned_data if row]
    try:
        donation = services.record_donation(library, form.cleaned_data, rows, by=request.user)
    except Refused as exc:
        return _donation_form_page(request, library, form, lines, error=str(exc), status=exc.status)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _donation_form_page(request, library, form, lines, status=422)
    messages.success(
        request, _("The donation is recorded with receipt number %(number)s.") % {"number": donation.number}
    )
    return redirect("outreach:staff_donation", library.slug, donation.number)


def staff_donation(request, slug, number):
    donation = get_donation_for_staff(request, slug, number)
    return render(
        request,
        "outreach/donations/staff_donation.html",
        {
            "library": donation.library,
            "donation": donation,
            "lines": donation.lines.select_related("from_incoming").order_by("pk"),
            "total": services.total_quantity(donation),
            "language_form": PaperLanguageForm(initial={"language": PaperLanguageForm().language_code()}),
        },
    )


def staff_receipt_pdf(request, slug, number):
    donation = get_donation_for_staff(request, slug, number)
    language = _language(request)
    if language is None:
        return _bad_language(request, donation.library)
    started = time.perf_counter()
    pdf = donation_pdf.receipt_pdf(donation, language, request.build_absolute_uri)
    return _pdf(pdf, f"receipt-{donation.number}-{language}.pdf", started)


def staff_donation_delete(request, slug, number):
    donation = get_donation_for_staff(request, slug, number)
    if request.method == "POST":
        services.delete_donation(donation, by=request.user)
        done = _("The donation %(number)s is deleted; its receipt no longer verifies.") % {"number": number}
        messages.success(request, done)
        return redirect("outreach:staff_donations", slug)
    return render(
        request,
        "outreach/donations/staff_donation_delete.html",
        {"library": donation.library, "donation": donation, "total": services.total_quantity(donation)},
    )


# --- staff: incoming -----------------------------------------------------------------------------
def _gift_form_page(request, library, form, gift=None, *, status=200):
    return render(
        request,
        "outreach/donations/staff_gift_form.html",
        {"library": library, "form": form, "gift": gift},
        status=status,
    )


def _save_gift(request, library, gift=None):
    form = GiftForm(request.POST)
    if not form.is_valid():
        return _gift_form_page(request, library, form, gift, status=422)
    try:
        gift = services.save_gift(library, form.cleaned_data, gift=gift, by=request.user)
    except Refused as exc:
        form.add_error(None, exc)
        return _gift_form_page(request, library, form, gift, status=exc.status)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _gift_form_page(request, library, form, gift, status=422)
    messages.success(request, _("The gift %(number)s is saved.") % {"number": gift.number})
    return redirect("outreach:staff_gift", library.slug, gift.number)


def staff_gift_new(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    if request.method == "POST":
        return _save_gift(request, library)
    return _gift_form_page(request, library, GiftForm(initial={"kind": IncomingDonation.Kind.BOOKS}))


def staff_gift_edit(request, slug, number):
    gift = get_gift_for_staff(request, slug, number)
    if request.method == "POST":
        return _save_gift(request, gift.library, gift)
    return _gift_form_page(request, gift.library, GiftForm(initial=GiftForm.initial_for(gift)), gift)


def _gift_page(request, gift, *, error="", status=200):
    passed_on = gift.passed_on.select_related("donation").order_by("donation__given_on", "pk")
    return render(
        request,
        "outreach/donations/staff_gift.html",
        {
            "library": gift.library,
            "gift": gift,
            "size": services.gift_size(gift),
            "passed_on": passed_on,
            "passed": sum(line.quantity for line in passed_on),
            "left": services.books_left(gift),
            "language_form": PaperLanguageForm(initial={"language": PaperLanguageForm().language_code()}),
            "error": error,
        },
        status=status,
    )


def staff_gift(request, slug, number):
    return _gift_page(request, get_gift_for_staff(request, slug, number))


def staff_letter_pdf(request, slug, number):
    gift = get_gift_for_staff(request, slug, number)
    language = _language(request)
    if language is None:
        return _bad_language(request, gift.library)
    started = time.perf_counter()
    return _pdf(donation_pdf.letter_pdf(gift, language), f"thanks-{gift.number}-{language}.pdf", started)


def staff_gift_delete(request, slug, number):
    gift = get_gift_for_staff(request, slug, number)
    if request.method == "POST":
        try:
            services.delete_gift(gift, by=request.user)
        except Refused as exc:
            return _gift_page(request, gift, error=str(exc), status=exc.status)
        messages.success(request, _("The gift %(number)s is deleted.") % {"number": number})
        return redirect("outreach:staff_donations", slug)
    return render(
        request,
        "outreach/donations/staff_gift_delete.html",
        {"library": gift.library, "gift": gift, "size": services.gift_size(gift)},
    )
