"""Joint campaigns: a network's coordinator sets the theme, dates, hashtag and shared resources; member
libraries join and add their own activities."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library, Network

from .common import Status


class Campaign(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("network"))
    title = models.CharField(_("title"), max_length=200)
    theme = models.TextField(_("theme"), blank=True)
    reader_action = models.TextField(
        _("what readers do"), blank=True, help_text=_("E.g. read a chapter a day and post a 60-second video.")
    )
    hashtag = models.CharField(_("hashtag"), max_length=100, blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("joint campaign")
        verbose_name_plural = _("joint campaigns")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="campaign_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("campaigns:campaign", args=[self.network.slug, self.pk])


class SharedResource(models.Model):
    """Something every participating library can point readers to: a reading platform, a video, a list."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="resources", verbose_name=_("campaign")
    )
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), max_length=500)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("shared resource")
        verbose_name_plural = _("shared resources")
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return self.title


class Participation(models.Model):
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="participations", verbose_name=_("campaign")
    )
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="campaign_participations", verbose_name=_("library")
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("joined by")
    )

    class Meta:
        verbose_name = _("participating library")
        verbose_name_plural = _("participating libraries")
        ordering = ["campaign", "library"]
        constraints = [models.UniqueConstraint(fields=["campaign", "library"], name="library_joins_campaign_once")]

    def __str__(self) -> str:
        return f"{self.campaign} · {self.library}"


class Activity(models.Model):
    """What one participating library does in the campaign (may point to one of its events)."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="activities", verbose_name=_("participation")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    event = models.ForeignKey(
        "programs.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("event")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign activity")
        verbose_name_plural = _("campaign activities")
        ordering = ["participation", "date", "pk"]

    def __str__(self) -> str:
        return self.title
