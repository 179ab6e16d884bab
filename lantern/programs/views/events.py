"""Pages of events: a library's events, one event (register, join the waiting list, cancel), "My events" and
the iCalendar files (readers); the list of events, the event form, publishing, cancelling and the list of
registrations (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.permissions import can_staff, get_library, get_library_for_staff

from .. import ics
from ..forms_events import CancelEventForm, EventForm, FilterForm
from ..models import Event, Registration, Status
from ..services import events as services

PAST_SHOWN = 30


# --- fetching what a request names ---------------------------------------------------------------
def get_public_event(request, slug: str, pk: int) -> Event:
    """An event readers may see (published or cancelled); staff of its library also see drafts."""
    library = get_library(slug)
    request.library = library
    event = Event.objects.select_related("library").filter(pk=pk, library=library).first()
    if event is None or (event.status == Status.DRAFT and not can_staff(request.user, library)):
        raise Http404
    return event


def get_event_for_staff(request, slug: str, pk: int) -> Event:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    event = Event.objects.select_related("library").filter(pk=pk, library=library).first()
    if event is None:
        raise Http404
    return event


def my_registration(user, event: Event) -> Registration | None:
    if not user.is_authenticated:
        return None
    return event.registrations.filter(reader=user, status__in=services.LIVE).first()


# --- readers -------------------------------------------------------------------------------------
def events(request, slug):
    library = get_library(slug)
    request.library = library
    form = FilterForm(request.GET or None)
    mode = form.cleaned_data["mode"] if form.is_valid() else ""
    # Co-hosted events show on every co-host's page too (their page stays at the host library).
    shown = Event.objects.public().filter(Q(library=library) | Q(cohosts=library)).distinct().select_related("library")
    if mode:
        shown = shown.filter(mode__in=[mode, Event.Mode.HYBRID])
    now = timezone.now()
    upcoming = shown.filter(ends_at__gte=now).order_by("starts_at", "pk")
    past = shown.filter(ends_at__lt=now, status=Status.PUBLISHED).order_by("-starts_at", "-pk")[:PAST_SHOWN]
    return render(
        request,
        "programs/events/list.html",
        {"library": library, "form": form, "mode": mode, "upcoming": upcoming, "past": past},
    )


def _event_page(request, event: Event, *, error: str = "", status: int = 200):
    registration = my_registration(request.user, event)
    position = None
    if registration and registration.status == Registration.Status.WAITING:
        position = event.registrations.filter(status=Registration.Status.WAITING, pk__lte=registration.pk).count()
    return render(
        request,
        "programs/events/event.html",
        {
            "library": event.library,
            "event": event,
            "registration": registration,
            "position": position,
            "is_open": event.status == Status.PUBLISHED and event.starts_at > timezone.now(),
            "is_full": event.capacity is not None and event.seats_taken >= event.capacity,
            "time_zone": timezone.get_current_timezone_name(),
            "error": error,
            "is_staff": can_staff(request.user, event.library),
        },
        status=status,
    )


def event(request, slug, pk):
    return _event_page(request, get_public_event(request, slug, pk))


@login_required
@require_POST
def event_register(request, slug, pk):
    event = get_public_event(request, slug, pk)
    try:
        registration = services.register(event, request.user)
    except Refused as exc:
        return _event_page(request, event, error=str(exc), status=exc.status)
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("You are registered. Your seat is confirmed."))
    else:
        messages.success(
            request, _("The event is full, so you are on the waiting list. You will be told if a seat comes free.")
        )
    return redirect("programs:event", slug, pk)


@login_required
def event_cancel_registration(request, slug, pk):
    """A confirmation page, then the cancellation (the seat passes to the first reader waiting)."""
    event = get_public_event(request, slug, pk)
    registration = my_registration(request.user, event)
    if registration is None:
        return _event_page(request, event, error=_("You are not registered for this event."), status=409)
    if request.method != "POST":
        return render(
            request,
            "programs/events/cancel_registration.html",
            {"library": event.library, "event": event, "registration": registration},
        )
    try:
        services.cancel_registration(registration, by=request.user)
    except Refused as exc:
        return _event_page(request, event, error=str(exc), status=exc.status)
    messages.success(request, _("Your registration is cancelled."))
    return redirect("programs:event", slug, pk)


@login_required
def my_events(request, slug):
    library = get_library(slug)
    request.library = library
    registrations = (
        Registration.objects.filter(reader=request.user)
        .select_related("event__library")
        .order_by("-event__starts_at", "-pk")[:200]
    )
    now = timezone.now()
    return render(
        request,
        "programs/events/mine.html",
        {
            "library": library,
            "upcoming": [r for r in registrations if r.event.ends_at >= now],
            "past": [r for r in registrations if r.event.ends_at < now],
        },
    )


def event_ics(request, slug, pk):
    return ics.event_ics(request, get_public_event(request, slug, pk))


def calendar(request, slug):
    return ics.library_calendar(request, get_library(slug))


def event_captions(request, slug, pk):
    """The recording's captions, served as WebVTT from storage (same origin, as <track> requires)."""
    event = get_public_event(request, slug, pk)
    if not event.captions:
        raise Http404
    try:
        with event.captions.open("rb") as handle:
            data = handle.read()
    except OSError:
        raise Http404 from None
    return HttpResponse(data, content_type="text/vtt; charset=utf-8")


# --- staff ---------------------------------------------------------------------------------------
def staff_events(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    now = timezone.now()
    counted = (
        Event.objects.filter(library=library)
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            waiting=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITING)),
        )
        .order_by("starts_at", "pk")
    )
    groups = [
        ("drafts", _("Drafts"), counted.filter(status=Status.DRAFT)),
        ("upcoming", _("Upcoming"), counted.filter(status=Status.PUBLISHED, ends_at__gte=now)),
        ("past", _("Past"), counted.filter(status=Status.PUBLISHED, ends_at__lt=now).reverse()[:100]),
        ("cancelled", _("Cancelled"), counted.filter(status=Status.CANCELLED).reverse()[:100]),
    ]
    return render(request, "programs/events/staff_list.html", {"library": library, "groups": groups})


def _form_page(request, library, form, event=None, *, status=200):
    return render(
        request,
        "programs/events/staff_form.html",
        {"library": library, "form": form, "event": event, "time_zone": timezone.get_current_timezone_name()},
        status=status,
    )


def _save(request, library, event=None):
    form = EventForm(request.POST, request.FILES, library=library, has_captions=bool(event and event.captions))
    if not form.is_valid():
        return _form_page(request, library, form, event, status=422)
    data = dict(form.cleaned_data)
    try:
        event = services.save_event(
            library,
            data,
            event=event,
            partners=data.pop("partners"),
            cohosts=data.pop("cohosts"),
            captions=data.pop("captions"),
            remove_captions=data.pop("remove_captions", False),
            by=request.user,
        )
    except ValidationError as exc:
        _add_errors(form, exc)
        return _form_page(request, library, form, event, status=422)
    messages.success(request, _("The event is saved."))
    return redirect("programs:staff_event", library.slug, event.pk)


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def staff_event_new(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    if request.method == "POST":
        return _save(request, library)
    return _form_page(request, library, EventForm(library=library, initial={"mode": Event.Mode.ONLINE}))


def staff_event_edit(request, slug, pk):
    event = get_event_for_staff(request, slug, pk)
    if event.status == Status.CANCELLED:
        messages.error(request, _("A cancelled event cannot be changed."))
        return redirect("programs:staff_event", slug, pk)
    if request.method == "POST":
        return _save(request, event.library, event)
    form = EventForm(library=event.library, initial=EventForm.initial_for(event), has_captions=bool(event.captions))
    return _form_page(request, event.library, form, event)


def _staff_page(request, event: Event, *, error: str = "", status: int = 200):
    registrations = event.registrations.select_related("reader").order_by("pk")
    lists = {
        key: [r for r in registrations if r.status == key]
        for key in (Registration.Status.CONFIRMED, Registration.Status.WAITING, Registration.Status.CANCELLED)
    }
    return render(
        request,
        "programs/events/staff_event.html",
        {
            "library": event.library,
            "event": event,
            "confirmed": lists["confirmed"],
            "waiting": lists["waiting"],
            "cancelled": lists["cancelled"],
            "error": error,
        },
        status=status,
    )


def staff_event(request, slug, pk):
    return _staff_page(request, get_event_for_staff(request, slug, pk))


@require_POST
def staff_event_publish(request, slug, pk):
    event = get_event_for_staff(request, slug, pk)
    try:
        services.publish_event(event, by=request.user)
    except Refused as exc:
        return _staff_page(request, event, error=str(exc), status=exc.status)
    messages.success(request, _("The event is published and counted in the service records."))
    return redirect("programs:staff_event", slug, pk)


@require_POST
def staff_event_unpublish(request, slug, pk):
    event = get_event_for_staff(request, slug, pk)
    try:
        services.unpublish_event(event, by=request.user)
    except Refused as exc:
        return _staff_page(request, event, error=str(exc), status=exc.status)
    messages.success(request, _("The event is a draft again; readers no longer see it."))
    return redirect("programs:staff_event", slug, pk)


def staff_event_cancel(request, slug, pk):
    """A confirmation page with the reason, then the cancellation and the notices."""
    event = get_event_for_staff(request, slug, pk)
    if event.status == Status.CANCELLED:
        return _staff_page(request, event, error=_("This event has already been cancelled."), status=409)
    live = event.registrations.filter(status__in=services.LIVE).count()
    form = CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.cancel_event(event, form.cleaned_data["reason"], by=request.user)
        except Refused as exc:
            return _staff_page(request, event, error=str(exc), status=exc.status)
        except ValidationError as exc:
            form.add_error("reason", exc.message_dict.get("reason", exc.messages))
        else:
            messages.success(request, _("The event is cancelled; %(count)d readers were told.") % {"count": told})
            return redirect("programs:staff_event", slug, pk)
    return render(
        request,
        "programs/events/staff_cancel.html",
        {"library": event.library, "event": event, "form": form, "live": live},
        status=422 if request.method == "POST" else 200,
    )
