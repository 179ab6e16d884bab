"""Decision-support briefs: what staff compile for a named recipient (e.g. a city government office), from
selected notices and rumour checks, with sources and a summary. Seen by staff only."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library

from .hub import Bulletin
from .rumours import RumourCheck


class Brief(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    class RecipientKind(models.TextChoices):
        GOVERNMENT = "government", _("Government office")
        HEALTH = "health", _("Health authority")
        COMMUNITY = "community", _("Community or neighbourhood committee")
        OTHER = "other", _("Other")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="briefs", verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    recipient = models.CharField(_("for"), max_length=200, help_text=_("E.g. the city's epidemic prevention office."))
    recipient_kind = models.CharField(
        _("kind of recipient"), max_length=12, choices=RecipientKind.choices, default=RecipientKind.GOVERNMENT
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    summary = models.TextField(_("summary"), help_text=_("Sanitised HTML."))
    bulletins = models.ManyToManyField(Bulletin, blank=True, related_name="briefs", verbose_name=_("notices"))
    rumour_checks = models.ManyToManyField(
        RumourCheck, blank=True, related_name="briefs", verbose_name=_("rumour checks")
    )
    sources = models.TextField(_("other sources"), blank=True, help_text=_("One per line."))
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("compiled by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("decision-support brief")
        verbose_name_plural = _("decision-support briefs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
