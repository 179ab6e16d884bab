"""Events (online, on site or both) and the readers registered for them, with a waiting list."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library, Partner

from .common import Audience, Status


class EventQuerySet(models.QuerySet):
    def published(self) -> "EventQuerySet":
        return self.filter(status=Status.PUBLISHED)

    def public(self) -> "EventQuerySet":
        """What readers may see: published events and cancelled ones (so that a shared link says why)."""
        return self.filter(status__in=[Status.PUBLISHED, Status.CANCELLED])


class Event(models.Model):
    """A lecture, story time, workshop or reading: online, on site or both.

    `seats_taken` counts confirmed registrations and never passes `capacity` (a CHECK constraint; seats are
    taken by a conditional UPDATE). An event without a capacity takes everyone.
    """

    class Mode(models.TextChoices):
        ONLINE = "online", _("Online")
        ONSITE = "onsite", _("On site")
        HYBRID = "hybrid", _("On site and online")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="events", verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    mode = models.CharField(_("where"), max_length=10, choices=Mode.choices, default=Mode.ONLINE)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(
        _("online link"), max_length=500, blank=True, help_text=_("Shown only to registered readers.")
    )
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True, help_text=_("Empty: no limit."))
    seats_taken = models.PositiveIntegerField(_("seats taken"), default=0)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True)
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="events", verbose_name=_("partner organisations")
    )
    cohosts = models.ManyToManyField(
        Library, blank=True, related_name="cohosted_events", verbose_name=_("co-hosting libraries")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    recording_url = models.URLField(_("recording"), max_length=500, blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to="programs/captions/", blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity")), name="event_never_overbooked"
            ),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:event", args=[self.library.slug, self.pk])

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.seats_taken, 0)


class Registration(models.Model):
    """A reader's place at an event: confirmed (holds a seat), waiting (in line, by `pk`) or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("reader"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "reader"],
                condition=~Q(status="cancelled"),
                name="one_live_registration_per_reader",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.reader} ({self.status})"
