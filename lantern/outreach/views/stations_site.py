"""The site contact's page of a reading station, reached by its secret link (/station/<token>/, no account):
what the station holds, forms to ask for more books or a rotation and to report usage, and the site's own
past requests with the library's answers. An unknown or replaced token is a plain 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused

from ..forms_stations import MoreBooksForm, RotationForm, UsageReportForm
from ..models import Deposit, Station
from ..services import stations as services

TITLES_SHOWN = 200


def get_station_by_token(request, token: str) -> Station:
    """The station whose current link this is; anything else (a guess, a replaced link) is not found."""
    station = Station.objects.select_related("library").filter(token=token).first() if len(token) <= 64 else None
    if station is None:
        raise Http404
    request.library = station.library
    return station


def _page(request, station: Station, *, forms: dict | None = None, error: str = "", status: int = 200):
    forms = forms or {}
    held = (
        station.deposits.filter(status=Deposit.Status.AT_STATION)
        .select_related("copy__record")
        .order_by("copy__record__title", "pk")
    )
    return render(
        request,
        "outreach/stations/site.html",
        {
            "station": station,
            "library": station.library,
            "counts": services.counts(station),
            "held": held[:TITLES_SHOWN],
            "more_form": forms.get("more") or MoreBooksForm(),
            "rotation_form": forms.get("rotation") or RotationForm(),
            "report_form": forms.get("report") or UsageReportForm(),
            "requests": station.requests.order_by("-created_at", "-pk")[:50],
            "reports": station.reports.order_by("-period_end", "-pk")[:20],
            "error": error,
        },
        status=status,
    )


def home(request, token):
    return _page(request, get_station_by_token(request, token))


def _post(request, station, key, form, action, done: str):
    if not form.is_valid():
        return _page(request, station, forms={key: form}, status=422)
    try:
        action(form.cleaned_data)
    except Refused as exc:
        return _page(request, station, forms={key: form}, error=str(exc), status=exc.status)
    except ValidationError as exc:
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _page(request, station, forms={key: form}, status=422)
    messages.success(request, done)
    return redirect("station:home", station.token)


@require_POST
def ask_more(request, token):
    station = get_station_by_token(request, token)
    return _post(
        request,
        station,
        "more",
        MoreBooksForm(request.POST),
        lambda data: services.ask_for_books(station, data["quantity"], data["message"]),
        _("Thank you. The library has your request for more books and will answer here."),
    )


@require_POST
def ask_rotation(request, token):
    station = get_station_by_token(request, token)
    return _post(
        request,
        station,
        "rotation",
        RotationForm(request.POST),
        lambda data: services.ask_for_rotation(station, data["message"]),
        _("Thank you. The library will bring a new selection and take the read books back."),
    )


@require_POST
def report(request, token):
    station = get_station_by_token(request, token)
    return _post(
        request,
        station,
        "report",
        UsageReportForm(request.POST),
        lambda data: services.report_usage(station, data),
        _("Thank you. Your report is saved."),
    )
