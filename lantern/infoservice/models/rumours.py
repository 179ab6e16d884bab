"""Rumour checks (a claim, its verdict, the explanation and the evidence) and the messages readers send in
because they doubt them."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library

from .hub import Publishable, Topic


class RumourCheck(models.Model):
    class Verdict(models.TextChoices):
        TRUE = "true", _("True")
        FALSE = "false", _("False")
        MISLEADING = "misleading", _("Misleading")
        UNPROVEN = "unproven", _("Unproven")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="rumour_checks", verbose_name=_("library")
    )
    claim = models.CharField(_("claim"), max_length=500)
    circulated_in = models.CharField(
        _("where it circulated"), max_length=300, blank=True, help_text=_("E.g. WeChat groups, a video platform.")
    )
    first_seen_on = models.DateField(_("first seen on"), null=True, blank=True)
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    summary = models.CharField(_("verdict in one sentence"), max_length=300)
    explanation = models.TextField(_("explanation"), help_text=_("Sanitised HTML, in plain language."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="rumour_checks", verbose_name=_("topics"))
    status = models.CharField(_("status"), max_length=10, choices=Publishable.choices, default=Publishable.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("rumour check")
        verbose_name_plural = _("rumour checks")
        ordering = ["-published_at", "-pk"]

    def __str__(self) -> str:
        return self.claim

    def get_absolute_url(self) -> str:
        return reverse("infoservice:check", args=[self.library.slug, self.pk])


class Evidence(models.Model):
    rumour_check = models.ForeignKey(
        RumourCheck, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("rumour check")
    )
    title = models.CharField(_("source"), max_length=300)
    url = models.URLField(_("link"), max_length=500, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    note = models.CharField(_("what it shows"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["rumour_check", "pk"]

    def __str__(self) -> str:
        return self.title


class Doubt(models.Model):
    """A message a reader doubts, sent in as text, a link or a screenshot; answered by a published check."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a check")
        ANSWERED = "answered", _("Answered")
        DECLINED = "declined", _("Not checked")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="doubts", verbose_name=_("library"))
    reference = models.CharField(_("reference number"), max_length=20, unique=True)
    text = models.TextField(_("the message"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    screenshot = models.FileField(_("screenshot"), upload_to="infoservice/doubts/", blank=True)
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="doubts",
        verbose_name=_("reader"),
    )
    email = models.EmailField(_("email for the answer"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.ForeignKey(
        RumourCheck,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="doubts",
        verbose_name=_("answered by"),
    )
    decline_reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message a reader doubts")
        verbose_name_plural = _("messages readers doubt")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.reference
