"""ServiceRecord: one activity of one library, coded into the taxonomy. Reports read only these."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library

from .taxonomy import Category, Feature


class ServiceRecordQuerySet(models.QuerySet):
    def for_library(self, library: Library) -> "ServiceRecordQuerySet":
        return self.filter(library=library)

    def recent(self) -> "ServiceRecordQuerySet":
        return self.order_by("-date", "-pk")


class ServiceRecord(models.Model):
    """One published activity. Codes are one boolean column each so reports can count them in SQL."""

    class Source(models.TextChoices):
        APP = "app", _("Published in Lantern")
        OUTSIDE = "outside", _("Announcement from outside")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="service_records", verbose_name=_("library")
    )
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    link = models.URLField(_("link"), max_length=500, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.APP)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    source_object = GenericForeignKey("content_type", "object_id")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    reading_online = models.BooleanField(Category.READING_ONLINE.label, default=False)
    reading_offline = models.BooleanField(Category.READING_OFFLINE.label, default=False)
    information = models.BooleanField(Category.INFORMATION.label, default=False)
    social = models.BooleanField(Category.SOCIAL.label, default=False)
    resources = models.BooleanField(Category.RESOURCES.label, default=False)
    emergency = models.BooleanField(Category.EMERGENCY.label, default=False)
    cross_industry = models.BooleanField(Feature.CROSS_INDUSTRY.label, default=False)
    social_participation = models.BooleanField(Feature.SOCIAL_PARTICIPATION.label, default=False)
    targeted_groups = models.BooleanField(Feature.TARGETED_GROUPS.label, default=False)

    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                name="one_record_per_source_object",
                condition=models.Q(content_type__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"

    @property
    def categories(self) -> list[str]:
        return [code for code in Category.values if getattr(self, code)]

    @property
    def features(self) -> list[str]:
        return [code for code in Feature.values if getattr(self, code)]

    def category_labels(self) -> list[str]:
        return [Category(code).label for code in self.categories]

    def feature_labels(self) -> list[str]:
        return [Feature(code).label for code in self.features]
