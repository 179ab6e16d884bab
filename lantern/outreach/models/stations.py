"""Reading stations at outside sites, their deposit collections of copies, and what the site's contact asks
for and reports through their token link."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lantern.catalogue.models import Copy
from lantern.core.models import Library, Partner


class Station(models.Model):
    class Site(models.TextChoices):
        HOSPITAL = "hospital", _("Makeshift hospital or medical shelter")
        QUARANTINE_HOTEL = "quarantine_hotel", _("Quarantine hotel")
        COMMUNITY = "community", _("Community")
        SCHOOL = "school", _("School")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="stations", verbose_name=_("library"))
    name = models.CharField(_("name"), max_length=200)
    site = models.CharField(_("kind of site"), max_length=20, choices=Site.choices)
    address = models.CharField(_("address"), max_length=300)
    host = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stations",
        verbose_name=_("host partner"),
    )
    contact_name = models.CharField(_("contact person"), max_length=100)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    # The secret in the site contact's link (no account needed); replaced when staff rotate it.
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("reading station")
        verbose_name_plural = _("reading stations")
        ordering = ["library", "-opens_on", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("outreach:staff_station", args=[self.library.slug, self.pk])


class Deposit(models.Model):
    """One copy checked out to a station: at the station until returned (rotated back) or reported lost."""

    class Status(models.TextChoices):
        AT_STATION = "at_station", _("At the station")
        RETURNED = "returned", _("Returned")
        LOST = "lost", _("Lost")

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="deposits", verbose_name=_("station"))
    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="deposits", verbose_name=_("copy"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.AT_STATION)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("returned or lost at"), null=True, blank=True)

    class Meta:
        verbose_name = _("deposit copy")
        verbose_name_plural = _("deposit copies")
        ordering = ["station", "pk"]
        constraints = [
            # A copy is at one station at a time.
            models.UniqueConstraint(fields=["copy"], condition=Q(status="at_station"), name="copy_at_one_station"),
        ]

    def __str__(self) -> str:
        return f"{self.station} · {self.copy}"


class StationRequest(models.Model):
    """What the site's contact asks for through the token link: more books, a rotation, something else."""

    class Kind(models.TextChoices):
        MORE_BOOKS = "more_books", _("More books")
        ROTATION = "rotation", _("A new selection (rotation)")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("a request waiting to be handled", "Open")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="requests", verbose_name=_("station"))
    kind = models.CharField(_("what is needed"), max_length=12, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("how many books"), null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("station request")
        verbose_name_plural = _("station requests")
        ordering = ["station", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.station} · {self.kind}"


class UsageReport(models.Model):
    """Counts the site's contact reports for a period: readers served and books used."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="reports", verbose_name=_("station"))
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    readers = models.PositiveIntegerField(_("readers"))
    books_used = models.PositiveIntegerField(_("books used"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("usage report")
        verbose_name_plural = _("usage reports")
        ordering = ["station", "-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="report_period_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.period_start}–{self.period_end}"
