"""Closure runs; timed-entry zones, slots and bookings; emergency plans with checklists and drills;
cleaning logs, supplies and material-quarantine rules; trainings mapped to competencies.

No health data about individual readers is kept anywhere here.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library, ServiceMode


# --- closing and reopening -----------------------------------------------------------------------
class ClosureRun(models.Model):
    """One confirmed change of service mode with the actions staff ticked, and what each action did."""

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="closure_runs", verbose_name=_("library")
    )
    mode = models.CharField(_("new service mode"), max_length=20, choices=ServiceMode.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    options = models.JSONField(_("actions chosen"), default=dict, blank=True)
    results = models.JSONField(
        _("what each action did"), default=list, blank=True, help_text=_("A list of {action, ok, summary}")
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )
    started_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("closure or reopening")
        verbose_name_plural = _("closures and reopenings")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.library} → {self.get_mode_display()}"


# --- timed-entry reservations --------------------------------------------------------------------
class ReservationRules(models.Model):
    """A library's booking rules while entry is by appointment."""

    library = models.OneToOneField(
        Library, on_delete=models.CASCADE, related_name="reservation_rules", verbose_name=_("library")
    )
    per_reader_per_day = models.PositiveSmallIntegerField(_("bookings per reader per day"), default=1)
    days_ahead = models.PositiveSmallIntegerField(_("bookable days ahead"), default=7)
    no_show_minutes = models.PositiveSmallIntegerField(
        _("release a booking this many minutes after its start if nobody checked in"), default=15
    )

    class Meta:
        verbose_name = _("reservation rules")
        verbose_name_plural = _("reservation rules")

    def __str__(self) -> str:
        return str(self.library)


class Zone(models.Model):
    """A bookable area: reading-room seats, the lending hall, a children's corner..."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="zones", verbose_name=_("library"))
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    default_capacity = models.PositiveIntegerField(_("default places per slot"), default=20)
    is_active = models.BooleanField(_("open for booking"), default=True)

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["library", "name"]

    def __str__(self) -> str:
        return self.name


class SlotQuerySet(models.QuerySet):
    def upcoming(self, now) -> "SlotQuerySet":
        return self.filter(ends_at__gt=now).order_by("starts_at")

    def with_room(self) -> "SlotQuerySet":
        return self.filter(booked__lt=F("capacity"))


class Slot(models.Model):
    """A time slot in one zone with a capacity. `booked` counts live bookings; the database refuses more
    than `capacity`, so the last place goes to exactly one reader on SQLite and PostgreSQL alike."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="slots", verbose_name=_("library"))
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="slots", verbose_name=_("zone"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("places"))
    booked = models.PositiveIntegerField(_("booked"), default=0)

    objects = SlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at", "zone"]
        constraints = [
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="slot_never_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="slot_ends_after_it_starts"),
            models.UniqueConstraint(fields=["zone", "starts_at"], name="one_slot_per_zone_and_start"),
        ]

    def __str__(self) -> str:
        return f"{self.zone} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)


def new_ticket_code() -> str:
    return secrets.token_urlsafe(12)


class Booking(models.Model):
    """One reader's place in one slot, with the code their ticket's QR code carries."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CHECKED_IN = "checked_in", _("Checked in")
        CANCELLED = "cancelled", _("Cancelled")
        NO_SHOW = "no_show", _("Released (no show)")
        NOT_HONOURED = "not_honoured", _("Could not be honoured")

    LIVE = (Status.BOOKED, Status.CHECKED_IN)

    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("time slot"))
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("reader")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.BOOKED)
    code = models.CharField(_("ticket code"), max_length=32, unique=True, default=new_ticket_code)
    booked_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-booked_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "reader"],
                condition=Q(status__in=["booked", "checked_in"]),
                name="one_live_booking_per_reader_and_slot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reader} · {self.slot}"


# --- emergency plans -----------------------------------------------------------------------------
class Plan(models.Model):
    """A library's emergency plan for one scenario; its content lives in numbered versions."""

    class Scenario(models.TextChoices):
        EPIDEMIC_CLOSURE = "epidemic_closure", _("Epidemic closure")
        REOPENING = "reopening", _("Reopening")
        OTHER = "other", _("Other emergency")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="plans", verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    scenario = models.CharField(_("scenario"), max_length=30, choices=Scenario.choices)
    review_due = models.DateField(_("next review due"), null=True, blank=True)

    class Meta:
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")
        ordering = ["library", "scenario", "title"]

    def __str__(self) -> str:
        return self.title


class PlanVersion(models.Model):
    """One version of a plan. Sections are plain text so a librarian can write them as they think."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions", verbose_name=_("plan"))
    number = models.PositiveIntegerField(_("version"))
    risks = models.TextField(_("risks"), blank=True)
    contacts = models.TextField(_("contacts and phone tree"), blank=True)
    roles = models.TextField(_("roles"), blank=True)
    procedures = models.TextField(_("procedures"), blank=True)
    substitutions = models.TextField(_("which online service replaces which on-site service"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_version_numbers_unique")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class ChecklistItem(models.Model):
    """A step of a plan's checklist, with the person who owns it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="checklist", verbose_name=_("plan"))
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.CharField(_("step"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner"),
    )

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["plan", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class PlanActivation(models.Model):
    """The plan in use during one event (a closure, a drill): its checklist is ticked off here."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="activations", verbose_name=_("plan"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    is_drill = models.BooleanField(_("drill"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan activation or drill")
        verbose_name_plural = _("plan activations and drills")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.plan} {self.started_at:%Y-%m-%d}"


class ChecklistTick(models.Model):
    activation = models.ForeignKey(PlanActivation, on_delete=models.CASCADE, related_name="ticks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activation", "item"], name="tick_once_per_activation")]

    def __str__(self) -> str:
        return f"{self.item} ✓"


# --- prevention logs -----------------------------------------------------------------------------
class CleaningLogEntry(models.Model):
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="cleaning_log", verbose_name=_("library")
    )
    area = models.CharField(_("area"), max_length=100)
    done_at = models.DateTimeField(_("done at"))
    method = models.CharField(_("method or agent"), max_length=200, blank=True)
    notes = models.CharField(_("notes"), max_length=300, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        verbose_name = _("cleaning and disinfection entry")
        verbose_name_plural = _("cleaning and disinfection log")
        ordering = ["-done_at"]

    def __str__(self) -> str:
        return f"{self.area} {self.done_at:%Y-%m-%d %H:%M}"


class Supply(models.Model):
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="supplies", verbose_name=_("library"))
    name = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    stock = models.IntegerField(_("in stock"), default=0)
    low_at = models.PositiveIntegerField(_("alert when at or below"), default=0)

    class Meta:
        verbose_name = _("supply")
        verbose_name_plural = _("supplies")
        ordering = ["library", "name"]
        constraints = [models.CheckConstraint(condition=Q(stock__gte=0), name="supply_stock_not_negative")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_low(self) -> bool:
        return self.stock <= self.low_at


class QuarantineRule(models.Model):
    """How long a returned item of one material type waits before it goes back on the shelf (Lending reads it)."""

    class Material(models.TextChoices):
        PAPER = "paper", _("Paper and cloth")
        GLOSSY = "glossy", _("Glossy covers and magazines")
        BOARD_BOOK = "board_book", _("Board books")
        PLASTIC = "plastic", _("Plastic-covered items, DVDs and CDs")
        STACKED = "stacked", _("Stacked returns")

    # REALM project findings (2020): virus not detectable after these many hours.
    DEFAULT_HOURS = {"paper": 72, "glossy": 96, "board_book": 96, "plastic": 96, "stacked": 144}

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="quarantine_rules", verbose_name=_("library")
    )
    material = models.CharField(_("material"), max_length=20, choices=Material.choices)
    hours = models.PositiveIntegerField(_("hours in quarantine"))

    class Meta:
        verbose_name = _("quarantine rule")
        verbose_name_plural = _("quarantine rules")
        constraints = [models.UniqueConstraint(fields=["library", "material"], name="one_rule_per_material")]

    def __str__(self) -> str:
        return f"{self.get_material_display()}: {self.hours} h"


# --- training ------------------------------------------------------------------------------------
class Training(models.Model):
    """A staff training, mapped to the competencies of the study (insights.taxonomy.Competency codes)."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="trainings", verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    competencies = models.JSONField(_("competencies"), default=list)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="trainings", blank=True, verbose_name=_("attendees")
    )

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-date"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="training_has_hours")]

    def __str__(self) -> str:
        return self.title
