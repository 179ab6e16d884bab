"""Staff pages of reading stations: every station on one page with what it needs, the station form, one
station (counts, the copies there, requests and reports), opening and closing, the site's secret link with its
QR code (printable) and its rotation, sending copies, taking them back, reporting them lost, and rotating."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.catalogue import qr
from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from ..forms_stations import AnswerForm, AvailableForm, BarcodesForm, DepositsForm, RotateForm, StationForm
from ..models import Deposit, Station, StationRequest
from ..services import stations as services


# --- fetching what a request names ---------------------------------------------------------------
def get_station_for_staff(request, slug: str, pk: int) -> Station:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    station = Station.objects.select_related("library", "host").filter(pk=pk, library=library).first()
    if station is None:
        raise Http404
    return station


def _add_errors(form, exc: ValidationError) -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def site_link(request, station: Station) -> str:
    return request.build_absolute_uri(reverse("station:home", args=[station.token]))


# --- every station -------------------------------------------------------------------------------
def staff_stations(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    # Open stations first (they need things), then planned, then closed ones.
    rank = Case(
        When(status=Station.Status.OPEN, then=Value(0)),
        When(status=Station.Status.PLANNED, then=Value(1)),
        default=Value(2),
    )
    stations = list(
        services.with_counts(Station.objects.filter(library=library).select_related("host")).order_by(
            rank, "-opens_on", "pk"
        )
    )
    open_requests = StationRequest.objects.filter(station__library=library, status=StationRequest.Status.OPEN)
    needs: dict[int, list] = {}
    for asked in open_requests.order_by("created_at", "pk"):
        needs.setdefault(asked.station_id, []).append(asked)
    for station in stations:
        station.needs = needs.get(station.pk, [])
        station.last_report = station.reports.order_by("-period_end", "-pk").first()
    return render(
        request,
        "outreach/stations/staff_list.html",
        {"library": library, "stations": stations, "waiting": sum(len(v) for v in needs.values())},
    )


def _form_page(request, library, form, station=None, *, status=200):
    return render(
        request,
        "outreach/stations/staff_form.html",
        {"library": library, "form": form, "station": station},
        status=status,
    )


def _save(request, library, station=None):
    form = StationForm(request.POST, library=library)
    if not form.is_valid():
        return _form_page(request, library, form, station, status=422)
    try:
        station = services.save_station(library, form.cleaned_data, station=station, by=request.user)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _form_page(request, library, form, station, status=getattr(exc, "status", 422))
    messages.success(request, _("The station is saved."))
    return redirect("outreach:staff_station", library.slug, station.pk)


def staff_station_new(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    if request.method == "POST":
        return _save(request, library)
    return _form_page(request, library, StationForm(library=library))


def staff_station_edit(request, slug, pk):
    station = get_station_for_staff(request, slug, pk)
    if station.status == Station.Status.CLOSED:
        return _station_page(request, station, error=_("A closed station cannot be changed."), status=409)
    if request.method == "POST":
        return _save(request, station.library, station)
    return _form_page(
        request,
        station.library,
        StationForm(library=station.library, initial=StationForm.initial_for(station)),
        station,
    )


# --- one station ---------------------------------------------------------------------------------
def _station_page(request, station: Station, *, error: str = "", status: int = 200, forms: dict | None = None):
    forms = forms or {}
    deposits = station.deposits.select_related("copy__record").order_by("status", "-sent_at", "pk")
    return render(
        request,
        "outreach/stations/staff_station.html",
        {
            "library": station.library,
            "station": station,
            "counts": services.counts(station),
            "at_station": [d for d in deposits if d.status == Deposit.Status.AT_STATION],
            "ended": [d for d in deposits if d.status != Deposit.Status.AT_STATION][:200],
            "requests": station.requests.select_related("handled_by").order_by("-created_at", "-pk"),
            "reports": station.reports.order_by("-period_end", "-pk")[:50],
            "barcodes_form": forms.get("barcodes") or BarcodesForm(),
            "available_form": forms.get("available") or AvailableForm(),
            "error": error,
        },
        status=status,
    )


def staff_station(request, slug, pk):
    return _station_page(request, get_station_for_staff(request, slug, pk))


@require_POST
def staff_station_open(request, slug, pk):
    station = get_station_for_staff(request, slug, pk)
    try:
        services.open_station(station, by=request.user)
    except Refused as exc:
        return _station_page(request, station, error=str(exc), status=exc.status)
    messages.success(request, _("The station is open; its link works and it is counted in the service records."))
    return redirect("outreach:staff_station", slug, pk)


def _confirm(request, station, *, title, message, yes, action, status=200, extra=None):
    return render(
        request,
        "outreach/stations/confirm.html",
        {
            "library": station.library,
            "station": station,
            "title": title,
            "message": message,
            "yes": yes,
            "action": action,
            "back": reverse("outreach:staff_station", args=[station.library.slug, station.pk]),
            "extra": extra or {},
        },
        status=status,
    )


def staff_station_close(request, slug, pk):
    """A confirmation page (every copy there comes back), then the closing."""
    station = get_station_for_staff(request, slug, pk)
    if station.status == Station.Status.CLOSED:
        return _station_page(request, station, error=_("This station has already been closed."), status=409)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            returned = services.close_station(station, by=request.user)
        except Refused as exc:
            return _station_page(request, station, error=str(exc), status=exc.status)
        messages.success(
            request, _("The station is closed; %(count)d copies are back on the shelf.") % {"count": returned}
        )
        return redirect("outreach:staff_station", slug, pk)
    held = station.deposits.filter(status=Deposit.Status.AT_STATION).count()
    return _confirm(
        request,
        station,
        title=_("Close the station"),
        message=_(
            "“%(name)s” will close and its link will stop taking requests. The %(count)d copies there are taken "
            "back to the shelf. This cannot be undone."
        )
        % {"name": station.name, "count": held},
        yes=_("Close the station"),
        action=reverse("outreach:staff_station_close", args=[slug, pk]),
    )


def staff_station_link(request, slug, pk):
    """The site contact's link and its QR code, on a page made to be printed and handed over."""
    station = get_station_for_staff(request, slug, pk)
    link = site_link(request, station)
    return render(
        request,
        "outreach/stations/staff_link.html",
        {
            "library": station.library,
            "station": station,
            "link": link,
            "qr_svg": qr.svg(link, scale=5, title=_("QR code of the station's link")),
        },
    )


def staff_station_link_rotate(request, slug, pk):
    """A confirmation page, then a new secret link (the old one stops working)."""
    station = get_station_for_staff(request, slug, pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        services.rotate_token(station, by=request.user)
        messages.success(
            request, _("The station has a new link; the old one no longer works. Give the site the new one.")
        )
        return redirect("outreach:staff_station_link", slug, pk)
    return _confirm(
        request,
        station,
        title=_("Replace the station's link"),
        message=_(
            "The site's current link stops working at once, for example when it was passed on by mistake. "
            "You then give the site the new link or QR code."
        ),
        yes=_("Replace the link"),
        action=reverse("outreach:staff_station_link_rotate", args=[slug, pk]),
    )


# --- the deposit collection ----------------------------------------------------------------------
def _sent_page(request, station, sent, *, back: int = 0, rotation: bool = False):
    return render(
        request,
        "outreach/stations/staff_sent.html",
        {"library": station.library, "station": station, "sent": sent, "back": back, "rotation": rotation},
        status=200 if sent.copies or not sent.problems else 422,
    )


@require_POST
def staff_station_send(request, slug, pk):
    station = get_station_for_staff(request, slug, pk)
    form = BarcodesForm(request.POST)
    if not form.is_valid():
        return _station_page(request, station, status=422, forms={"barcodes": form})
    try:
        sent = services.send_copies(station, form.cleaned_data["barcodes"], by=request.user)
    except Refused as exc:
        return _station_page(request, station, error=str(exc), status=exc.status)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _station_page(request, station, status=422, forms={"barcodes": form})
    return _sent_page(request, station, sent)


@require_POST
def staff_station_send_available(request, slug, pk):
    station = get_station_for_staff(request, slug, pk)
    form = AvailableForm(request.POST)
    if not form.is_valid():
        return _station_page(request, station, status=422, forms={"available": form})
    try:
        sent = services.send_available(
            station, form.cleaned_data["count"], form.cleaned_data["search"], by=request.user
        )
    except Refused as exc:
        return _station_page(request, station, error=str(exc), status=exc.status)
    except ValidationError as exc:
        _add_errors(form, exc)
        return _station_page(request, station, status=422, forms={"available": form})
    return _sent_page(request, station, sent)


@require_POST
def staff_station_deposits(request, slug, pk):
    """Take the chosen copies back, or (after a confirmation page) report them lost."""
    station = get_station_for_staff(request, slug, pk)
    form = DepositsForm(request.POST, station=station)
    action = request.POST.get("action")
    if action not in ("return", "lost"):
        return _station_page(request, station, error=_("Choose what to do with the copies."), status=422)
    if not form.is_valid():
        return _station_page(request, station, error=" ".join(form.errors.get("deposits", [])), status=422)
    chosen = form.cleaned_data["deposits"]
    ids = [d.pk for d in chosen]
    try:
        if action == "return":
            count = services.return_copies(station, ids, by=request.user)
            messages.success(
                request,
                _(
                    "%(count)d copies are back on the shelf. If your library sets returns aside, do so before "
                    "shelving them."
                )
                % {"count": count},
            )
            return redirect("outreach:staff_station", slug, pk)
        if request.POST.get("confirm") != "yes":
            return _confirm(
                request,
                station,
                title=_("Report copies lost"),
                message=_("These %(count)d copies will be marked lost in the catalogue: %(barcodes)s.")
                % {"count": len(ids), "barcodes": ", ".join(d.copy.barcode for d in chosen.select_related("copy"))},
                yes=_("Report them lost"),
                action=reverse("outreach:staff_station_deposits", args=[slug, pk]),
                extra={"action": "lost", "deposits": ids},
            )
        count = services.report_lost(station, ids, by=request.user)
    except Refused as exc:
        return _station_page(request, station, error=str(exc), status=exc.status)
    messages.success(request, _("%(count)d copies are reported lost.") % {"count": count})
    return redirect("outreach:staff_station", slug, pk)


def staff_station_rotate(request, slug, pk):
    """One step: copies come back and a new set goes out."""
    station = get_station_for_staff(request, slug, pk)
    if station.status != Station.Status.OPEN:
        return _station_page(request, station, error=_("Only an open station can be rotated."), status=409)
    form = RotateForm(request.POST if request.method == "POST" else None, station=station)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            back, sent = services.rotate(
                station,
                deposit_ids=[d.pk for d in data["deposits"]],
                return_all=data["return_all"],
                barcodes_text=data["barcodes"],
                count=data["count"],
                search=data["search"],
                by=request.user,
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            return _sent_page(request, station, sent, back=back, rotation=True)
    return render(
        request,
        "outreach/stations/staff_rotate.html",
        {"library": station.library, "station": station, "form": form},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
def staff_request_answer(request, slug, pk, request_pk):
    station = get_station_for_staff(request, slug, pk)
    asked = station.requests.filter(pk=request_pk).first()
    if asked is None:
        raise Http404
    form = AnswerForm(request.POST)
    if not form.is_valid():
        errors = [str(e) for field_errors in form.errors.values() for e in field_errors]
        return _station_page(request, station, error=" ".join(errors), status=422)
    try:
        services.answer_request(asked, form.cleaned_data["status"], form.cleaned_data["answer"], by=request.user)
    except Refused as exc:
        return _station_page(request, station, error=str(exc), status=exc.status)
    except ValidationError as exc:
        return _station_page(request, station, error=" ".join(exc.messages), status=422)
    messages.success(request, _("The request is answered; the site sees the answer on its page."))
    return redirect("outreach:staff_station", slug, pk)
