"""The library's services for special groups: sign-language video lessons with captions, large-print and
audio collections, phone ordering for elderly readers, reading support for children of medical staff..."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.audience import Audience
from lantern.core.models import Library


class AccessibleService(models.Model):
    class Kind(models.TextChoices):
        SIGN_LANGUAGE_VIDEO = "sign_language_video", _("Sign-language video lessons")
        LARGE_PRINT = "large_print", _("Large-print collection")
        AUDIO = "audio", _("Audio books and talking books")
        PHONE_ORDERING = "phone_ordering", _("Ordering by phone")
        CHILDREN_SUPPORT = "children_support", _("Reading support for children")
        OTHER = "other", _("Other")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="accessible_services", verbose_name=_("library")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    who = models.CharField(_("who it serves"), max_length=300)
    how = models.TextField(_("how to use it"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    published = models.BooleanField(_("shown to readers"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("service for a special group")
        verbose_name_plural = _("services for special groups")
        ordering = ["library", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("outreach:service", args=[self.library.slug, self.pk])


class Lesson(models.Model):
    """A video lesson of a service (e.g. sign-language epidemic prevention), with a WebVTT captions track."""

    service = models.ForeignKey(
        AccessibleService, on_delete=models.CASCADE, related_name="lessons", verbose_name=_("service")
    )
    title = models.CharField(_("title"), max_length=200)
    video_url = models.URLField(_("video"), max_length=500)
    captions = models.FileField(_("captions (WebVTT)"), upload_to="outreach/captions/")
    duration_minutes = models.PositiveIntegerField(_("minutes"), null=True, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("video lesson")
        verbose_name_plural = _("video lessons")
        ordering = ["service", "position", "pk"]

    def __str__(self) -> str:
        return self.title
