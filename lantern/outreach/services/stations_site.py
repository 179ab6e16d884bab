"""Reading stations, the site's side: what the contact asks for and reports through the secret link (more
books, a rotation, usage counts), limited per link, and the staff's answers to those requests.

The link needs no account, so every post through it is checked by field and counted against a per-link limit.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.rate_limit import count_this_hour
from lantern.core.services import record_audit

from ..models import Station, StationRequest, UsageReport

Status = Station.Status
MAX_AT_ONCE = 500
MAX_REPORTED = 100_000
MAX_PERIOD_DAYS = 366
POSTS_PER_HOUR = 20


def in_both_languages(message) -> str:
    """An answer written by the system, in Chinese and English: the site's contact may read either, and the
    answer is stored once, not per reader."""
    texts = []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            text = message()
        if text not in texts:
            texts.append(text)
    return " / ".join(texts)[:300]


# --- requests and reports from the site ----------------------------------------------------------
def allow_post(station: Station) -> None:
    """At most POSTS_PER_HOUR requests and reports an hour through one link, counted in the cache: the link
    needs no account, so a leaked one must not flood the librarians' list."""
    if count_this_hour(f"outreach:station:{station.token}") > POSTS_PER_HOUR:
        raise Refused(
            _("Too many requests were sent through this link in the last hour. Please try again later."),
            "too_many",
            429,
        )


def _check_open_for_site(station: Station) -> None:
    if station.status != Status.OPEN:
        raise Refused(
            _("This station is not open; please call the library instead."),
            "wrong_status",
            409,
        )


def _check_message(message: str, *, required: bool = False) -> str:
    message = (message or "").strip()
    if required and not message:
        raise ValidationError({"message": [_("Say what you need.")]})
    if len(message) > 1000:
        raise ValidationError({"message": [_("Keep the message under 1,000 characters.")]})
    return message


def ask_for_books(station: Station, quantity, message: str = "") -> StationRequest:
    """The site asks for more books (how many, and what kind in the message)."""
    _check_open_for_site(station)
    if not isinstance(quantity, int) or not 1 <= quantity <= MAX_AT_ONCE:
        raise ValidationError({"quantity": [_("Ask for between 1 and %(max)d books.") % {"max": MAX_AT_ONCE}]})
    message = _check_message(message)
    allow_post(station)
    return StationRequest.objects.create(
        station=station, kind=StationRequest.Kind.MORE_BOOKS, quantity=quantity, message=message
    )


def ask_for_rotation(station: Station, message: str = "") -> StationRequest:
    """The site asks for a new selection in place of the books it has read."""
    _check_open_for_site(station)
    message = _check_message(message)
    if station.requests.filter(kind=StationRequest.Kind.ROTATION, status=StationRequest.Status.OPEN).exists():
        raise Refused(_("A rotation is already asked for; the library will be in touch."), "already_asked", 409)
    allow_post(station)
    return StationRequest.objects.create(station=station, kind=StationRequest.Kind.ROTATION, message=message)


def check_report(station: Station, values: dict, *, today: datetime.date | None = None) -> None:
    """Raise ValidationError by field: dates in order, not in the future, not before the station opened, at
    most a year; counts whole numbers within sane bounds."""
    today = today or timezone.localdate()
    errors: dict[str, list] = {}
    start, end = values.get("period_start"), values.get("period_end")
    if start is None:
        errors["period_start"] = [_("Give the first day of the period.")]
    if end is None:
        errors["period_end"] = [_("Give the last day of the period.")]
    if start and end:
        if end < start:
            errors["period_end"] = [_("The last day cannot come before the first.")]
        elif end > today:
            errors["period_end"] = [_("The period cannot end in the future.")]
        elif start < station.opens_on:
            errors["period_start"] = [_("The station opened on %(day)s.") % {"day": station.opens_on.isoformat()}]
        elif (end - start).days >= MAX_PERIOD_DAYS:
            errors["period_end"] = [_("Report at most a year at a time.")]
    for field in ("readers", "books_used"):
        value = values.get(field)
        if not isinstance(value, int) or not 0 <= value <= MAX_REPORTED:
            errors[field] = [_("Give a whole number from 0 to %(max)d.") % {"max": MAX_REPORTED}]
    if len(values.get("note") or "") > 500:
        errors["note"] = [_("Keep the note under 500 characters.")]
    if errors:
        raise ValidationError(errors)


def report_usage(station: Station, values: dict, *, today: datetime.date | None = None) -> UsageReport:
    """The site reports readers served and books used for a period (an open or recently closed station)."""
    if station.status == Status.PLANNED:
        raise Refused(_("This station has not opened yet."), "wrong_status", 409)
    check_report(station, values, today=today)
    allow_post(station)
    return UsageReport.objects.create(
        station=station,
        period_start=values["period_start"],
        period_end=values["period_end"],
        readers=values["readers"],
        books_used=values["books_used"],
        note=(values.get("note") or "").strip(),
    )


def answer_request(request: StationRequest, status: str, answer: str = "", *, by=None) -> StationRequest:
    """Mark an open request done or declined, with an answer the site sees (required when declining)."""
    answer = (answer or "").strip()
    if status not in (StationRequest.Status.DONE, StationRequest.Status.DECLINED):
        raise ValidationError({"status": [_("Choose done or declined.")]})
    if status == StationRequest.Status.DECLINED and not answer:
        raise ValidationError({"answer": [_("Say why, for the site: they see the answer.")]})
    if len(answer) > 300:
        raise ValidationError({"answer": [_("Keep the answer under 300 characters.")]})
    now = timezone.now()
    with transaction.atomic():
        if not StationRequest.objects.filter(pk=request.pk, status=StationRequest.Status.OPEN).update(
            status=status,
            answer=answer,
            handled_at=now,
            handled_by=by if getattr(by, "is_authenticated", False) else None,
        ):
            raise Refused(_("This request has already been answered."), "already_answered", 409)
        request.refresh_from_db()
        record_audit(
            by, "outreach.station_request_answered", request.station, library=request.station.library, summary=answer
        )
    return request
