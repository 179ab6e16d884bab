"""Volunteers: a person applies to volunteer at a library (one application per library); staff approve,
decline (with a reason the person is told) or mark them as left. Approval grants the core VOLUNTEER role at
that library and leaving or a later decline revokes it, so the role always means "an approved volunteer here".

Shifts, sign-ups, check-in and hours are in `shifts.py`; this module also holds the personal-data export.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library, Role
from lantern.core.services import grant_role, notify, record_audit, revoke_role

from ..models import HoursEntry, ShiftSignup, Volunteer

Status = Volunteer.Status
# Which statuses staff may move an application to from each status.
TRANSITIONS = {
    Status.APPLIED: {Status.APPROVED, Status.DECLINED},
    Status.APPROVED: {Status.LEFT},
    Status.DECLINED: {Status.APPROVED},
    Status.LEFT: {Status.APPROVED},
}
LIMITS = {"skills": 300, "languages": 200, "availability": 300}


def check_application(values: dict) -> dict:
    """The cleaned fields of an application, or ValidationError by field."""
    errors: dict[str, list] = {}
    cleaned = {}
    for field, limit in LIMITS.items():
        value = str(values.get(field) or "").strip()
        if len(value) > limit:
            errors[field] = [_("Keep this under %(limit)d characters.") % {"limit": limit}]
        cleaned[field] = value
    cleaned["signs"] = bool(values.get("signs"))
    if not cleaned["skills"]:
        errors["skills"] = [_("Say what you can do, e.g. shelving, reading aloud, driving, translating.")]
    if not cleaned["availability"]:
        errors["availability"] = [_("Say when you are available, e.g. weekday evenings.")]
    if cleaned["signs"] and not cleaned["languages"]:
        errors["languages"] = [_("Name the sign language you use, e.g. Chinese Sign Language.")]
    if not values.get("consent"):
        errors["consent"] = [_("The library needs your consent to contact you about shifts.")]
    if errors:
        raise ValidationError(errors)
    return cleaned


def apply(library: Library, user, values: dict) -> Volunteer:
    """Record the person's application (status applied); refused when they already applied here."""
    if not getattr(user, "is_authenticated", False):
        raise Refused(_("Sign in to volunteer."), "sign_in", 401)
    cleaned = check_application(values)
    if Volunteer.objects.filter(library=library, user=user).exists():
        raise Refused(_("You have already applied to volunteer at this library."), "already_applied", 409)
    try:
        with transaction.atomic():
            return Volunteer.objects.create(library=library, user=user, **cleaned)
    except IntegrityError:  # two submissions at once
        raise Refused(_("You have already applied to volunteer at this library."), "already_applied", 409) from None


def update_application(volunteer: Volunteer, values: dict) -> Volunteer:
    """The volunteer changes their skills, languages and availability (not their status)."""
    if volunteer.status in (Status.DECLINED, Status.LEFT):
        raise Refused(_("This application is closed; it can no longer be changed."), "closed", 409)
    cleaned = check_application(values)
    for field, value in cleaned.items():
        setattr(volunteer, field, value)
    volunteer.save(update_fields=list(cleaned))
    return volunteer


def _move(volunteer: Volunteer, to: str) -> None:
    if to not in TRANSITIONS[volunteer.status]:
        raise Refused(
            _("This volunteer is “%(status)s”; they cannot become “%(to)s”.")
            % {"status": volunteer.get_status_display(), "to": Status(to).label},
            "wrong_status",
            409,
        )


class _Text:
    """A notice text rendered by `notify` in the recipient's language."""

    def __init__(self, template, **values):
        self.template, self.values = template, values

    def __str__(self) -> str:
        return str(self.template) % {key: str(value) for key, value in self.values.items()}


def _decide(volunteer: Volunteer, to: str, by, reason: str = "") -> None:
    """Move the status by a conditional UPDATE from the status we read, so two staff deciding at once act once."""
    with transaction.atomic():
        if not Volunteer.objects.filter(pk=volunteer.pk, status=volunteer.status).update(
            status=to, decided_by=by if getattr(by, "is_authenticated", False) else None, decided_at=timezone.now()
        ):
            raise Refused(_("Someone else has just decided this application. Reload the page."), "changed", 409)
        volunteer.refresh_from_db()
        roles = Role.objects.filter(user=volunteer.user, kind=Role.Kind.VOLUNTEER, library=volunteer.library)
        if to == Status.APPROVED:
            grant_role(volunteer.user, Role.Kind.VOLUNTEER, library=volunteer.library, by=by)
        else:
            for role in roles:
                revoke_role(role, by=by)
        record_audit(by, f"outreach.volunteer_{to}", volunteer, library=volunteer.library, summary=reason)


def approve(volunteer: Volunteer, *, by=None) -> Volunteer:
    """Approve the application: the person gets the VOLUNTEER role here, sees the shifts, and is told."""
    _move(volunteer, Status.APPROVED)
    with transaction.atomic():
        _decide(volunteer, Status.APPROVED, by)
        notify(
            volunteer.user,
            gettext_lazy("You are a volunteer"),
            _Text(
                gettext_lazy("%(library)s has approved your application to volunteer. You can now sign up for shifts."),
                library=volunteer.library,
            ),
            link=_link("outreach:shifts", volunteer),
            library=volunteer.library,
        )
    return volunteer


def decline(volunteer: Volunteer, reason: str, *, by=None) -> Volunteer:
    """Decline the application with a reason the person is told in their language."""
    reason = _reason(reason)
    _move(volunteer, Status.DECLINED)
    with transaction.atomic():
        _decide(volunteer, Status.DECLINED, by, reason)
        notify(
            volunteer.user,
            gettext_lazy("Your application to volunteer"),
            _Text(
                gettext_lazy("%(library)s cannot take your application to volunteer. Reason: %(reason)s"),
                library=volunteer.library,
                reason=reason,
            ),
            link=_link("outreach:volunteer", volunteer),
            library=volunteer.library,
        )
    return volunteer


def mark_left(volunteer: Volunteer, *, by=None) -> int:
    """The volunteer has left: the role is revoked and their sign-ups for shifts not yet started are
    cancelled (the places free up). Returns how many sign-ups were cancelled."""
    from .shifts import release_signup  # a cycle otherwise: shifts imports this module's helpers

    _move(volunteer, Status.LEFT)
    with transaction.atomic():
        _decide(volunteer, Status.LEFT, by)
        upcoming = volunteer.signups.filter(status=ShiftSignup.Status.BOOKED, shift__starts_at__gt=timezone.now())
        return sum(release_signup(signup) for signup in upcoming)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Give a reason; the person is told.")]})
    if len(reason) > 300:
        raise ValidationError({"reason": [_("Keep the reason under 300 characters.")]})
    return reason


def _link(name: str, volunteer: Volunteer) -> str:
    from django.urls import reverse

    return reverse(name, args=[volunteer.library.slug])


def get_approved(library: Library, user) -> Volunteer:
    """The user's approved volunteer entry at the library, or a refusal saying why not."""
    volunteer = Volunteer.objects.filter(library=library, user=user).first() if user.is_authenticated else None
    if volunteer is None:
        raise Refused(_("Only volunteers of this library can do this. Apply first."), "not_volunteer", 403)
    if volunteer.status != Status.APPROVED:
        raise Refused(_("Only approved volunteers can do this."), "not_approved", 403)
    return volunteer


# --- personal data -------------------------------------------------------------------------------
def export_volunteer_data(user) -> dict:
    """The person's volunteer applications, shift sign-ups and hours, for their data download."""
    volunteers = Volunteer.objects.filter(user=user).select_related("library").order_by("pk")
    signups = ShiftSignup.objects.filter(volunteer__user=user).select_related("shift__library").order_by("pk")
    hours = HoursEntry.objects.filter(volunteer__user=user).select_related("volunteer__library").order_by("pk")
    return {
        "volunteer_applications": [
            {
                "library": v.library.slug,
                "status": v.status,
                "skills": v.skills,
                "languages": v.languages,
                "uses_sign_language": v.signs,
                "availability": v.availability,
                "applied_at": v.applied_at.isoformat(),
                "decided_at": v.decided_at.isoformat() if v.decided_at else None,
            }
            for v in volunteers
        ],
        "shift_signups": [
            {
                "library": s.shift.library.slug,
                "shift": s.shift.title,
                "starts_at": s.shift.starts_at.isoformat(),
                "status": s.status,
                "signed_up_at": s.created_at.isoformat(),
                "checked_in_at": s.checked_in_at.isoformat() if s.checked_in_at else None,
            }
            for s in signups
        ],
        "volunteer_hours": [
            {
                "library": h.volunteer.library.slug,
                "date": h.worked_on.isoformat(),
                "hours": str(h.hours),
                "what": h.description,
                "status": h.status,
                "reason": h.reason,
            }
            for h in hours
        ],
    }
