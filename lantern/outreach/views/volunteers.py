"""Pages of volunteers (the person's side): applying and the application's status, upcoming shifts with
sign-up and cancellation, "My hours" with logging one's own hours and the certificate, and the public page
that verifies a certificate."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library

from .. import certificate
from ..forms_volunteers import ApplicationForm, HoursForm, PeriodForm
from ..models import Shift, ShiftSignup, Volunteer
from ..services import shifts as shift_services
from ..services import volunteers as services


def add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _library(request, slug):
    library = get_library(slug)
    request.library = library
    return library


def _mine(library, user) -> Volunteer | None:
    return Volunteer.objects.filter(library=library, user=user).first() if user.is_authenticated else None


def refusal(request, library, exc: Refused, back: str):
    """The page that says why something failed, with the way back."""
    return render(
        request,
        "outreach/volunteers/refused.html",
        {"library": library, "message": str(exc), "back": back},
        status=exc.status,
    )


# --- applying ------------------------------------------------------------------------------------
def volunteer(request, slug):
    """Anyone sees what volunteering involves; a signed-in person applies, then sees the status."""
    library = _library(request, slug)
    mine = _mine(library, request.user)
    form = ApplicationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{_login_url()}?next={request.path}")
        if mine is not None:
            return refusal(
                request,
                library,
                Refused(_("You have already applied to volunteer at this library."), "already_applied", 409),
                request.path,
            )
        if form.is_valid():
            try:
                services.apply(library, request.user, form.cleaned_data)
            except Refused as exc:
                return refusal(request, library, exc, request.path)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Thank you. Your application is sent; the library will tell you."))
                return redirect("outreach:volunteer", slug)
        status = 422
    return render(
        request, "outreach/volunteers/apply.html", {"library": library, "form": form, "mine": mine}, status=status
    )


def _login_url() -> str:
    return resolve_url(settings.LOGIN_URL)


# --- shifts --------------------------------------------------------------------------------------
def _approved_or_refuse(request, library):
    try:
        return services.get_approved(library, request.user), None
    except Refused as exc:
        return None, refusal(request, library, exc, _volunteer_url(library))


def _volunteer_url(library) -> str:
    return reverse("outreach:volunteer", args=[library.slug])


@login_required
def shifts(request, slug):
    library = _library(request, slug)
    me, refused = _approved_or_refuse(request, library)
    if refused:
        return refused
    upcoming = Shift.objects.filter(library=library, starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    booked = set(
        ShiftSignup.objects.filter(volunteer=me, status=ShiftSignup.Status.BOOKED, shift__in=upcoming).values_list(
            "shift_id", flat=True
        )
    )
    return render(
        request,
        "outreach/volunteers/shifts.html",
        {
            "library": library,
            "rows": [(shift, shift.pk in booked) for shift in upcoming[:200]],
            "time_zone": timezone.get_current_timezone_name(),
        },
    )


def _shift(library, pk) -> Shift:
    shift = Shift.objects.select_related("library").filter(library=library, pk=pk).first()
    if shift is None:
        raise Http404
    return shift


@login_required
@require_POST
def shift_sign_up(request, slug, pk):
    library = _library(request, slug)
    shift = _shift(library, pk)
    try:
        shift_services.sign_up(shift, request.user)
    except Refused as exc:
        return refusal(request, library, exc, _shifts_url(library))
    messages.success(request, _("You are signed up for “%(title)s”.") % {"title": shift.title})
    return redirect("outreach:shifts", slug)


def _shifts_url(library) -> str:
    return reverse("outreach:shifts", args=[library.slug])


@login_required
def shift_cancel_signup(request, slug, pk):
    """A confirmation page, then the cancellation (the place is free again)."""
    library = _library(request, slug)
    shift = _shift(library, pk)
    signup = ShiftSignup.objects.filter(
        shift=shift, volunteer__user=request.user, status=ShiftSignup.Status.BOOKED
    ).first()
    if signup is None:
        return refusal(
            request,
            library,
            Refused(_("You are not signed up for this shift."), "not_signed_up", 409),
            _shifts_url(library),
        )
    if request.method != "POST":
        return render(request, "outreach/volunteers/cancel_signup.html", {"library": library, "shift": shift})
    try:
        shift_services.cancel_signup(signup, by=request.user)
    except Refused as exc:
        return refusal(request, library, exc, _shifts_url(library))
    messages.success(request, _("Your sign-up is cancelled; the place is free for someone else."))
    return redirect("outreach:shifts", slug)


# --- my hours ------------------------------------------------------------------------------------
@login_required
def my_hours(request, slug):
    library = _library(request, slug)
    me = _mine(library, request.user)
    if me is None:
        return refusal(
            request,
            library,
            Refused(_("Only volunteers of this library can do this. Apply first."), "not_volunteer", 403),
            _volunteer_url(library),
        )
    form = HoursForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                shift_services.log_hours(library, request.user, form.cleaned_data)
            except Refused as exc:
                return refusal(request, library, exc, request.path)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, _("Your hours are logged and wait for the staff's approval."))
                return redirect("outreach:my_hours", slug)
        status = 422
    return render(
        request,
        "outreach/volunteers/my_hours.html",
        {
            "library": library,
            "me": me,
            "form": form,
            "period": PeriodForm(),
            "totals": shift_services.hours_totals(me),
            "entries": me.hours.select_related("shift").order_by("-worked_on", "-pk")[:300],
            "can_log": me.status == Volunteer.Status.APPROVED,
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def certificate_pdf(request, slug):
    """The person's own certificate (approved hours, optionally `?start=&end=`); nobody else's."""
    library = _library(request, slug)
    me = _mine(library, request.user)
    back = reverse_my_hours(library)
    if me is None:
        return refusal(
            request, library, Refused(_("Only volunteers of this library can do this."), "not_volunteer", 403), back
        )
    period = PeriodForm(request.GET)
    if not period.is_valid():
        message = "; ".join(str(e) for errors in period.errors.values() for e in errors)
        return refusal(request, library, Refused(message, "bad_period", 422), back)
    started = time.perf_counter()
    try:
        pdf = certificate.certificate_pdf(
            me, request.build_absolute_uri, period.cleaned_data.get("start"), period.cleaned_data.get("end")
        )
    except Refused as exc:
        return refusal(request, library, exc, back)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="volunteer-hours-{library.slug}.pdf"'
    response["Cache-Control"] = "private, no-store"
    response["Server-Timing"] = f"render;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


def reverse_my_hours(library) -> str:
    return reverse("outreach:my_hours", args=[library.slug])


def certificate_check(request, slug, code):
    """Public: confirms a genuine certificate's name, hours and library, and nothing else."""
    library = _library(request, slug)
    found = certificate.read_code(code)
    genuine = found is not None and found["volunteer"].library_id == library.pk
    return render(
        request,
        "outreach/volunteers/certificate_check.html",
        {"library": library, "found": found if genuine else None},
        status=200 if genuine else 404,
    )
