"""The information hub: topics, notices with their issuing authority and source, and each library's
settings (whether a second person approves before publishing, the first-response target for questions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library


class InfoSettings(models.Model):
    library = models.OneToOneField(
        Library, on_delete=models.CASCADE, related_name="info_settings", verbose_name=_("library")
    )
    require_approval = models.BooleanField(
        _("a second person approves before publishing"),
        default=False,
        help_text=_("Notices, rumour checks and guides wait for another staff member's approval."),
    )
    first_response_hours = models.PositiveIntegerField(
        _("first response within (hours)"), default=24, help_text=_("Questions older than this are flagged.")
    )

    class Meta:
        verbose_name = _("information service settings")
        verbose_name_plural = _("information service settings")

    def __str__(self) -> str:
        return str(self.library)


class Topic(models.Model):
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="info_topics", verbose_name=_("library")
    )
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["library", "slug"]
        constraints = [models.UniqueConstraint(fields=["library", "slug"], name="topic_slug_unique_per_library")]

    def __str__(self) -> str:
        return self.name


class Publishable(models.TextChoices):
    """Where a notice, a rumour check or a guide stands; `pending` waits for a second person's approval."""

    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for approval")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class BulletinQuerySet(models.QuerySet):
    def current(self, now=None) -> "BulletinQuerySet":
        """Published and not expired: what the front page and the feed show."""
        now = now or timezone.now()
        return self.filter(status=Publishable.PUBLISHED).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class Bulletin(models.Model):
    """An epidemic-information notice: what an authority said, where, when, and how sure the library is."""

    class Verification(models.TextChoices):
        VERIFIED = "verified", _("Checked against the source")
        OFFICIAL = "official", _("Official source, not yet checked")
        UNVERIFIED = "unverified", _("Not verified")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="bulletins", verbose_name=_("library"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Sanitised HTML."))
    authority = models.CharField(_("issuing authority"), max_length=200)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    issued_on = models.DateField(_("issued on"))
    verification = models.CharField(
        _("verification"), max_length=12, choices=Verification.choices, default=Verification.UNVERIFIED
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned to the top"), default=False)
    topics = models.ManyToManyField(Topic, blank=True, related_name="bulletins", verbose_name=_("topics"))
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
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        verbose_name = _("information notice")
        verbose_name_plural = _("information notices")
        ordering = ["-pinned", "-issued_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("infoservice:bulletin", args=[self.library.slug, self.pk])
