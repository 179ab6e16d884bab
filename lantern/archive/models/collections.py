"""Special collections and topic databases, each library's archive settings."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library


class ArchiveSettings(models.Model):
    """How one library runs its archive (a library without a row takes the defaults)."""

    library = models.OneToOneField(
        Library, on_delete=models.CASCADE, related_name="archive_settings", verbose_name=_("library")
    )
    accepts_contributions = models.BooleanField(_("the public may contribute"), default=True)
    second_review = models.BooleanField(
        _("a second reviewer must approve before anything is published"),
        default=False,
        help_text=_("The second approval must come from a different member of staff."),
    )

    class Meta:
        verbose_name = _("archive settings")
        verbose_name_plural = _("archive settings")

    def __str__(self) -> str:
        return str(self.library)


class Collection(models.Model):
    """A special collection or topic database ("our city in the epidemic"); items belong to one or more."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="archive_collections", verbose_name=_("library")
    )
    slug = models.SlugField(_("short name"), max_length=60, help_text=_("Used in the web address and in OAI-PMH sets."))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # A contribution drive: the collection asks the public for contributions until `call_ends_on`.
    calls_for_contributions = models.BooleanField(_("asks the public for contributions"), default=False)
    call_text = models.TextField(_("what the call asks for"), blank=True)
    call_ends_on = models.DateField(_("the call ends on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")
        ordering = ["library", "title", "pk"]
        constraints = [models.UniqueConstraint(fields=["library", "slug"], name="archive_collection_slug_per_library")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:collection", args=[self.library.slug, self.slug])

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED
