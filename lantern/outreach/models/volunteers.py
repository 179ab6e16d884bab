"""Volunteers: their sign-up and approval, shifts with a capacity that is never overbooked, check-in, and
hours (logged by staff at check-in or by the volunteers themselves for approval)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library


class Volunteer(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        LEFT = "left", _("Left")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="volunteers", verbose_name=_("library"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteering", verbose_name=_("person")
    )
    skills = models.CharField(_("skills"), max_length=300, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Including sign language, e.g. “Chinese Sign Language”."),
    )
    signs = models.BooleanField(_("uses sign language"), default=False)
    availability = models.CharField(_("when available"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPLIED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["library", "applied_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["library", "user"], name="one_volunteer_entry_per_library")]

    def __str__(self) -> str:
        return f"{self.user} · {self.library}"


class Shift(models.Model):
    """A stretch of volunteer work with places; `taken` counts live sign-ups and never passes `capacity`."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="shifts", verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what volunteers do"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"))
    taken = models.PositiveIntegerField(_("places taken"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("volunteer shift")
        verbose_name_plural = _("volunteer shifts")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(taken__lte=F("capacity")), name="shift_never_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="shift_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.taken, 0)


class ShiftSignup(models.Model):
    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        ATTENDED = "attended", _("Checked in")
        NO_SHOW = "no_show", _("Did not come")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups", verbose_name=_("shift"))
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="signups", verbose_name=_("volunteer")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.BOOKED)
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        ordering = ["shift", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"], condition=~Q(status="cancelled"), name="one_live_signup_per_shift"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shift} · {self.volunteer}"


class HoursEntry(models.Model):
    """Hours worked: approved at once when staff record them (e.g. at check-in), pending when a volunteer
    logs their own."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="hours", verbose_name=_("volunteer")
    )
    shift = models.ForeignKey(
        Shift, on_delete=models.SET_NULL, null=True, blank=True, related_name="hours", verbose_name=_("shift")
    )
    worked_on = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    description = models.CharField(_("what was done"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer hours")
        verbose_name_plural = _("volunteer hours")
        ordering = ["volunteer", "-worked_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0) & Q(hours__lte=24), name="hours_within_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.worked_on} {self.hours} h"
