"""Volunteer shifts and hours: staff create, change and cancel shifts; approved volunteers sign up and
cancel until the start; staff check volunteers in (an approved HoursEntry of the shift's length) or mark them
absent; volunteers log their own hours, which wait for staff approval.

A shift is never overbooked: a place is taken by one conditional UPDATE (`taken < capacity`) in the same
transaction as the sign-up, and the database's CHECK (`taken <= capacity`) stands behind it; a cancelled
sign-up gives its place back once (a conditional UPDATE of the sign-up's status).

Measurement rule (CODEBOOK.md): every shift is shown to volunteers as soon as it is saved, and records one
ServiceRecord (source_object the shift, dated the shift's local start day): category `social` (volunteer work
by the public or staff) with the feature `social_participation` (members of the public take part beyond using
a service). No `targeted_groups` (a shift names no audience) and no `cross_industry` (a shift names no partner
organisation). A cancelled shift is deleted with its sign-ups, after everyone signed up is told, and its
record withdrawn: it did not take place; hours already logged for it stay.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import HoursEntry, Shift, ShiftSignup, Volunteer
from .volunteers import _reason, _Text, get_approved

BOOKED = ShiftSignup.Status.BOOKED
CHECK_IN_OPENS = datetime.timedelta(hours=1)
EDITABLE = ["title_zh_hans", "title_en", "description_zh_hans", "description_en", "place", "starts_at", "ends_at"]


# --- shifts (staff) ------------------------------------------------------------------------------
def check_shift(values: dict, *, shift: Shift | None = None) -> None:
    """ValidationError by field: a title in one language at least, an end after the start, at least one place
    and not fewer places than are already taken."""
    errors: dict[str, list] = {}
    if not (str(values.get("title_zh_hans") or "").strip() or str(values.get("title_en") or "").strip()):
        errors["title_zh_hans"] = [_("Give the shift a title, in Chinese, English or both.")]
    starts_at, ends_at = values.get("starts_at"), values.get("ends_at")
    if not starts_at:
        errors["starts_at"] = [_("Say when the shift starts.")]
    if not ends_at:
        errors["ends_at"] = [_("Say when the shift ends.")]
    if starts_at and ends_at and ends_at <= starts_at:
        errors["ends_at"] = [_("The shift must end after it starts.")]
    elif starts_at and ends_at and ends_at - starts_at > datetime.timedelta(hours=24):
        errors["ends_at"] = [_("A shift lasts at most 24 hours.")]
    capacity = values.get("capacity")
    if not isinstance(capacity, int) or capacity < 1:
        errors["capacity"] = [_("A shift needs at least one place.")]
    elif shift is not None and capacity < shift.taken:
        errors["capacity"] = [_too_few(shift.taken)]
    if errors:
        raise ValidationError(errors)


def _too_few(taken: int) -> str:
    return _("%(taken)d volunteers have already signed up; the places cannot be fewer.") % {"taken": taken}


def save_shift(library: Library, values: dict, *, shift: Shift | None = None, by=None) -> Shift:
    """Create or change a shift and keep its ServiceRecord. Fewer places are accepted only while the sign-ups
    fit, checked by the UPDATE itself."""
    check_shift(values, shift=shift)
    created = shift is None
    shift = shift or Shift(library=library)
    for field in EDITABLE:
        value = values.get(field)
        setattr(shift, field, value if field in ("starts_at", "ends_at") else str(value or "").strip())
    with transaction.atomic():
        if created:
            shift.capacity = values["capacity"]
            shift.save()
        else:
            shift.save(update_fields=EDITABLE)
            capacity = values["capacity"]
            if capacity != shift.capacity:
                if not Shift.objects.filter(pk=shift.pk, taken__lte=capacity).update(capacity=capacity):
                    shift.refresh_from_db(fields=["taken"])
                    raise ValidationError({"capacity": [_too_few(shift.taken)]})
                shift.capacity = capacity
        _record(shift)
        record_audit(by, "outreach.shift_created" if created else "outreach.shift_changed", shift, library=library)
    return shift


def _record(shift: Shift) -> None:
    record_service(
        library=shift.library,
        date=timezone.localtime(shift.starts_at).date(),
        categories=[Category.SOCIAL],
        features=[Feature.SOCIAL_PARTICIPATION],
        title_zh=shift.title_zh_hans or "",
        title_en=shift.title_en or "",
        source_object=shift,
        link=reverse("outreach:shifts", args=[shift.library.slug]),
    )


def when(shift: Shift) -> str:
    start, end = timezone.localtime(shift.starts_at), timezone.localtime(shift.ends_at)
    return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} ({timezone.get_current_timezone_name()})"


class _ShiftText(_Text):
    """Renders the shift's title in the recipient's language."""

    def __init__(self, template, shift: Shift, **values):
        super().__init__(template, **values)
        self.shift = shift

    def __str__(self) -> str:
        from django.utils import translation

        english = translation.get_language() == "en"
        title = (self.shift.title_en if english else self.shift.title_zh_hans) or self.shift.title
        return str(self.template) % {"title": title, "when": when(self.shift), **self.values}


def cancel_shift(shift: Shift, reason: str, *, by=None) -> int:
    """Cancel a shift that has not started: everyone signed up is told (in their language), the shift and its
    sign-ups are removed and its ServiceRecord withdrawn. Returns how many volunteers were told."""
    reason = _reason(reason)
    if shift.starts_at <= timezone.now():
        raise Refused(_("This shift has started; it can no longer be cancelled."), "started", 409)
    with transaction.atomic():
        signups = shift.signups.filter(status=BOOKED).select_related("volunteer__user")
        told = 0
        for signup in signups:
            notify(
                signup.volunteer.user,
                _ShiftText(gettext_lazy("Shift cancelled: %(title)s"), shift),
                _ShiftText(
                    gettext_lazy("The shift “%(title)s” on %(when)s has been cancelled. Reason: %(reason)s"),
                    shift,
                    reason=reason,
                ),
                link=reverse("outreach:shifts", args=[shift.library.slug]),
                library=shift.library,
            )
            told += 1
        withdraw_service(shift)
        record_audit(by, "outreach.shift_cancelled", shift, library=shift.library, summary=f"{shift.title}: {reason}")
        shift.delete()
    return told


# --- signing up (volunteers) ---------------------------------------------------------------------
def check_signup(shift: Shift, volunteer: Volunteer) -> None:
    if volunteer.status != Volunteer.Status.APPROVED:
        raise Refused(_("Only approved volunteers can sign up for shifts."), "not_approved", 403)
    if shift.library_id != volunteer.library_id:
        raise Refused(_("This shift belongs to another library."), "other_library", 403)
    if shift.starts_at <= timezone.now():
        raise Refused(_("This shift has started; sign-up is closed."), "started", 409)
    if shift.signups.filter(volunteer=volunteer, status=BOOKED).exists():
        raise Refused(_("You have already signed up for this shift."), "already_signed_up", 409)


def sign_up(shift: Shift, user) -> ShiftSignup:
    """A place on the shift for an approved volunteer of its library, or "This shift is full".

    The place is taken by one conditional UPDATE in the same transaction as the sign-up, so the last place
    goes to exactly one volunteer; a second live sign-up of the same volunteer is refused by the database."""
    volunteer = get_approved(shift.library, user)
    check_signup(shift, volunteer)
    try:
        with transaction.atomic():
            if not _take_place(shift):
                shift.refresh_from_db()
                check_signup(shift, volunteer)  # started meanwhile: say so; else it is full
                raise Refused(_("This shift is full."), "full", 409)
            signup = ShiftSignup.objects.create(shift=shift, volunteer=volunteer)
            shift.refresh_from_db(fields=["taken"])
    except IntegrityError:
        raise Refused(_("You have already signed up for this shift."), "already_signed_up", 409) from None
    return signup


def _take_place(shift: Shift) -> bool:
    """One place, if one is left and the shift has not started: the condition is in the UPDATE itself."""
    return bool(
        Shift.objects.filter(pk=shift.pk, taken__lt=F("capacity"), starts_at__gt=timezone.now()).update(
            taken=F("taken") + 1
        )
    )


def release_signup(signup: ShiftSignup) -> int:
    """Cancel a booked sign-up and give its place back, once (1), or nothing when it was no longer booked (0)."""
    with transaction.atomic():
        if not ShiftSignup.objects.filter(pk=signup.pk, status=BOOKED).update(status=ShiftSignup.Status.CANCELLED):
            return 0
        Shift.objects.filter(pk=signup.shift_id, taken__gt=0).update(taken=F("taken") - 1)
    signup.status = ShiftSignup.Status.CANCELLED
    return 1


def cancel_signup(signup: ShiftSignup, *, by=None) -> ShiftSignup:
    """The volunteer (or staff) cancels a sign-up until the shift starts; the place is free again."""
    shift = signup.shift
    if shift.starts_at <= timezone.now():
        raise Refused(_("The shift has started; the sign-up can no longer be cancelled."), "started", 409)
    if not release_signup(signup):
        raise Refused(_("This sign-up is already cancelled."), "already_cancelled", 409)
    if by is not None and by != signup.volunteer.user:
        record_audit(by, "outreach.signup_cancelled", signup, library=shift.library)
    shift.refresh_from_db(fields=["taken"])
    return signup


# --- check-in and hours (staff) ------------------------------------------------------------------
def shift_hours(shift: Shift) -> Decimal:
    seconds = (shift.ends_at - shift.starts_at).total_seconds()
    return min(Decimal(seconds / 3600).quantize(Decimal("0.01")), Decimal(24))


def check_in(signup: ShiftSignup, *, by=None) -> HoursEntry:
    """Mark a booked volunteer as present: an approved HoursEntry of the shift's length, once."""
    shift = signup.shift
    now = timezone.now()
    if shift.starts_at - CHECK_IN_OPENS > now:
        raise Refused(_("Check-in opens an hour before the shift starts."), "too_early", 409)
    with transaction.atomic():
        if not ShiftSignup.objects.filter(pk=signup.pk, status=BOOKED).update(
            status=ShiftSignup.Status.ATTENDED, checked_in_at=now
        ):
            raise Refused(_("Only a volunteer who is signed up can be checked in."), "not_booked", 409)
        entry = HoursEntry.objects.create(
            volunteer=signup.volunteer,
            shift=shift,
            worked_on=timezone.localtime(shift.starts_at).date(),
            hours=shift_hours(shift),
            description=shift.title[:300],
            status=HoursEntry.Status.APPROVED,
            decided_by=by if getattr(by, "is_authenticated", False) else None,
            decided_at=now,
        )
        record_audit(by, "outreach.volunteer_checked_in", signup, library=shift.library)
    signup.refresh_from_db()
    return entry


def mark_no_show(signup: ShiftSignup, *, by=None) -> ShiftSignup:
    """A booked volunteer did not come (only once the shift has started)."""
    if signup.shift.starts_at > timezone.now():
        raise Refused(_("A volunteer can be marked absent only once the shift has started."), "not_started", 409)
    with transaction.atomic():
        if not ShiftSignup.objects.filter(pk=signup.pk, status=BOOKED).update(status=ShiftSignup.Status.NO_SHOW):
            raise Refused(_("Only a volunteer who is signed up can be marked absent."), "not_booked", 409)
        record_audit(by, "outreach.volunteer_no_show", signup, library=signup.shift.library)
    signup.refresh_from_db()
    return signup


# --- hours logged by volunteers ------------------------------------------------------------------
def check_hours(values: dict) -> dict:
    errors: dict[str, list] = {}
    worked_on, hours = values.get("worked_on"), values.get("hours")
    description = str(values.get("description") or "").strip()
    if not isinstance(worked_on, datetime.date):
        errors["worked_on"] = [_("Give the date you worked.")]
    elif worked_on > timezone.localdate():
        errors["worked_on"] = [_("The date cannot be in the future.")]
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.01"))
    except (ArithmeticError, ValueError, TypeError):
        hours = None
    if hours is None or not hours.is_finite() or not Decimal(0) < hours <= Decimal(24):
        errors["hours"] = [_("Give the hours as a number more than 0 and at most 24.")]
    if not description:
        errors["description"] = [_("Say what you did.")]
    elif len(description) > 300:
        errors["description"] = [_("Keep this under 300 characters.")]
    if errors:
        raise ValidationError(errors)
    return {"worked_on": worked_on, "hours": hours, "description": description}


def log_hours(library: Library, user, values: dict) -> HoursEntry:
    """An approved volunteer's own hours, waiting for staff approval."""
    volunteer = get_approved(library, user)
    return HoursEntry.objects.create(volunteer=volunteer, status=HoursEntry.Status.PENDING, **check_hours(values))


def _decide_hours(entry: HoursEntry, to: str, by, reason: str = "") -> HoursEntry:
    with transaction.atomic():
        if not HoursEntry.objects.filter(pk=entry.pk, status=HoursEntry.Status.PENDING).update(
            status=to,
            reason=reason,
            decided_by=by if getattr(by, "is_authenticated", False) else None,
            decided_at=timezone.now(),
        ):
            raise Refused(_("These hours have already been decided."), "already_decided", 409)
        entry.refresh_from_db()
        library = entry.volunteer.library
        values = {"hours": entry.hours, "date": entry.worked_on.isoformat(), "reason": reason}
        if to == HoursEntry.Status.APPROVED:
            subject = gettext_lazy("Your hours are approved")
            body = gettext_lazy("Your %(hours)s hours on %(date)s are approved.")
        else:
            subject = gettext_lazy("Your hours were not approved")
            body = gettext_lazy("Your %(hours)s hours on %(date)s were not approved. Reason: %(reason)s")
        notify(
            entry.volunteer.user,
            subject,
            _Text(body, **values),
            link=reverse("outreach:my_hours", args=[library.slug]),
            library=library,
        )
        record_audit(by, f"outreach.hours_{to}", entry, library=library, summary=reason)
    return entry


def approve_hours(entry: HoursEntry, *, by=None) -> HoursEntry:
    return _decide_hours(entry, HoursEntry.Status.APPROVED, by)


def reject_hours(entry: HoursEntry, reason: str, *, by=None) -> HoursEntry:
    return _decide_hours(entry, HoursEntry.Status.REJECTED, by, _reason(reason))


def hours_totals(volunteer: Volunteer) -> dict[str, Decimal]:
    """Sum of hours by status: {"approved": ..., "pending": ..., "rejected": ...}."""
    sums = dict(volunteer.hours.values("status").annotate(total=Sum("hours")).values_list("status", "total"))
    return {status: sums.get(status) or Decimal(0) for status in HoursEntry.Status.values}
