"""Staff pages of volunteers: applications (approve, decline with a reason, mark as left) and the volunteer
list filtered by skill and sign language; shifts (create, change, cancel after a confirmation) and one shift's
page with check-in and no-shows; hours waiting for approval (approve, reject with a reason)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from ..forms_volunteers import ReasonForm, ShiftForm, VolunteerFilterForm
from ..models import HoursEntry, Shift, ShiftSignup, Volunteer
from ..services import shifts as shift_services
from ..services import volunteers as services
from .volunteers import add_errors, refusal


def _staff_library(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return library


def _get(model, library, pk, **path):
    """One object of this library, named by the request."""
    found = model.objects.filter(pk=pk, **{path.get("via", "library"): library}).first()
    if found is None:
        raise Http404
    return found


# --- volunteers ----------------------------------------------------------------------------------
def staff_volunteers(request, slug):
    library = _staff_library(request, slug)
    people = Volunteer.objects.filter(library=library).select_related("user")
    form = VolunteerFilterForm(request.GET or None)
    approved = people.filter(status=Volunteer.Status.APPROVED)
    if form.is_valid():
        skill = form.cleaned_data["skill"].strip()
        if skill:
            approved = approved.filter(Q(skills__icontains=skill) | Q(languages__icontains=skill))
        if form.cleaned_data["signs"]:
            approved = approved.filter(signs=True)
    return render(
        request,
        "outreach/volunteers/staff_volunteers.html",
        {
            "library": library,
            "form": form,
            "applied": people.filter(status=Volunteer.Status.APPLIED),
            "approved": approved,
            "closed": people.filter(status__in=[Volunteer.Status.DECLINED, Volunteer.Status.LEFT]),
            "pending_hours": HoursEntry.objects.filter(volunteer__library=library, status=HoursEntry.Status.PENDING)
            .select_related("volunteer__user", "shift")
            .order_by("worked_on", "pk"),
        },
    )


def _back(library) -> str:
    return reverse("outreach:staff_volunteers", args=[library.slug])


@require_POST
def staff_volunteer_approve(request, slug, pk):
    library = _staff_library(request, slug)
    person = _get(Volunteer, library, pk)
    try:
        services.approve(person, by=request.user)
    except Refused as exc:
        return refusal(request, library, exc, _back(library))
    messages.success(request, _("%(name)s is approved and told.") % {"name": person.user.name or person.user})
    return redirect("outreach:staff_volunteers", slug)


def staff_volunteer_decline(request, slug, pk):
    """The reason, then the decline; the person is told."""
    library = _staff_library(request, slug)
    person = _get(Volunteer, library, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decline(person, form.cleaned_data["reason"], by=request.user)
        except Refused as exc:
            return refusal(request, library, exc, _back(library))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The application is declined; the person is told."))
            return redirect("outreach:staff_volunteers", slug)
    return render(
        request,
        "outreach/volunteers/staff_decline.html",
        {"library": library, "person": person, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def staff_volunteer_left(request, slug, pk):
    """A confirmation page, then the volunteer is marked as left (role revoked, upcoming sign-ups freed)."""
    library = _staff_library(request, slug)
    person = _get(Volunteer, library, pk)
    if request.method == "POST":
        try:
            freed = services.mark_left(person, by=request.user)
        except Refused as exc:
            return refusal(request, library, exc, _back(library))
        messages.success(
            request, _("The volunteer is marked as left; %(count)d upcoming sign-ups were freed.") % {"count": freed}
        )
        return redirect("outreach:staff_volunteers", slug)
    return render(request, "outreach/volunteers/staff_left.html", {"library": library, "person": person})


# --- shifts --------------------------------------------------------------------------------------
def staff_shifts(request, slug):
    library = _staff_library(request, slug)
    now = timezone.now()
    all_shifts = Shift.objects.filter(library=library)
    return render(
        request,
        "outreach/volunteers/staff_shifts.html",
        {
            "library": library,
            "upcoming": all_shifts.filter(ends_at__gte=now).order_by("starts_at", "pk"),
            "past": all_shifts.filter(ends_at__lt=now).order_by("-starts_at", "-pk")[:100],
        },
    )


def _shift_form(request, library, form, shift=None, status=200):
    return render(
        request,
        "outreach/volunteers/staff_shift_form.html",
        {"library": library, "form": form, "shift": shift, "time_zone": timezone.get_current_timezone_name()},
        status=status,
    )


def _save_shift(request, library, shift=None):
    form = ShiftForm(request.POST)
    if form.is_valid():
        try:
            shift = shift_services.save_shift(library, form.cleaned_data, shift=shift, by=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The shift is saved; approved volunteers can sign up."))
            return redirect("outreach:staff_shift", library.slug, shift.pk)
    return _shift_form(request, library, form, shift, status=422)


def staff_shift_new(request, slug):
    library = _staff_library(request, slug)
    if request.method == "POST":
        return _save_shift(request, library)
    return _shift_form(request, library, ShiftForm(initial={"capacity": 5}))


def staff_shift_edit(request, slug, pk):
    library = _staff_library(request, slug)
    shift = _get(Shift, library, pk)
    if request.method == "POST":
        return _save_shift(request, library, shift)
    return _shift_form(request, library, ShiftForm(initial=ShiftForm.initial_for(shift)), shift)


def _shift_page(request, shift, *, error="", status=200):
    signups = shift.signups.select_related("volunteer__user").order_by("pk")
    return render(
        request,
        "outreach/volunteers/staff_shift.html",
        {
            "library": shift.library,
            "shift": shift,
            "signups": signups,
            "started": shift.starts_at <= timezone.now(),
            "error": error,
        },
        status=status,
    )


def staff_shift(request, slug, pk):
    library = _staff_library(request, slug)
    return _shift_page(request, _get(Shift, library, pk))


def staff_shift_cancel(request, slug, pk):
    """A confirmation page with the reason, then the cancellation and the notices."""
    library = _staff_library(request, slug)
    shift = _get(Shift, library, pk)
    booked = shift.signups.filter(status=ShiftSignup.Status.BOOKED).count()
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = shift_services.cancel_shift(shift, form.cleaned_data["reason"], by=request.user)
        except Refused as exc:
            return _shift_page(request, shift, error=str(exc), status=exc.status)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The shift is cancelled; %(count)d volunteers were told.") % {"count": told})
            return redirect("outreach:staff_shifts", slug)
    return render(
        request,
        "outreach/volunteers/staff_shift_cancel.html",
        {"library": library, "shift": shift, "form": form, "booked": booked},
        status=422 if request.method == "POST" else 200,
    )


def _signup(library, shift_pk, pk) -> ShiftSignup:
    signup = ShiftSignup.objects.select_related("shift__library", "volunteer__user").filter(
        pk=pk, shift_id=shift_pk, shift__library=library
    )
    if not signup.exists():
        raise Http404
    return signup.get()


@require_POST
def staff_check_in(request, slug, pk, signup_pk):
    library = _staff_library(request, slug)
    signup = _signup(library, pk, signup_pk)
    try:
        entry = shift_services.check_in(signup, by=request.user)
    except Refused as exc:
        return _shift_page(request, signup.shift, error=str(exc), status=exc.status)
    messages.success(
        request,
        _("%(name)s is checked in; %(hours)s hours are recorded.")
        % {"name": signup.volunteer.user.name or signup.volunteer.user, "hours": entry.hours},
    )
    return redirect("outreach:staff_shift", slug, pk)


@require_POST
def staff_no_show(request, slug, pk, signup_pk):
    library = _staff_library(request, slug)
    signup = _signup(library, pk, signup_pk)
    try:
        shift_services.mark_no_show(signup, by=request.user)
    except Refused as exc:
        return _shift_page(request, signup.shift, error=str(exc), status=exc.status)
    messages.success(request, _("Marked as absent."))
    return redirect("outreach:staff_shift", slug, pk)


# --- hours ---------------------------------------------------------------------------------------
@require_POST
def staff_hours_approve(request, slug, pk):
    library = _staff_library(request, slug)
    entry = _get(HoursEntry, library, pk, via="volunteer__library")
    try:
        shift_services.approve_hours(entry, by=request.user)
    except Refused as exc:
        return refusal(request, library, exc, _back(library))
    messages.success(request, _("The hours are approved; the volunteer is told."))
    return redirect("outreach:staff_volunteers", slug)


def staff_hours_reject(request, slug, pk):
    library = _staff_library(request, slug)
    entry = _get(HoursEntry, library, pk, via="volunteer__library")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            shift_services.reject_hours(entry, form.cleaned_data["reason"], by=request.user)
        except Refused as exc:
            return refusal(request, library, exc, _back(library))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The hours are not approved; the volunteer is told why."))
            return redirect("outreach:staff_volunteers", slug)
    return render(
        request,
        "outreach/volunteers/staff_hours_reject.html",
        {"library": library, "entry": entry, "form": form},
        status=422 if request.method == "POST" else 200,
    )
