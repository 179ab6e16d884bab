"""Online exhibitions: sections of items (image, document or video) with captions, alt text, credit and
rights in two languages, co-curated with partner institutions."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library, Partner

from .common import Audience, Status

VIDEO_FILE_EXTENSIONS = (".mp4", ".webm", ".ogv", ".m4v")


class Exhibition(models.Model):
    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="exhibitions", verbose_name=_("library")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("introduction"), blank=True)
    partners = models.ManyToManyField(
        Partner,
        blank=True,
        related_name="exhibitions",
        verbose_name=_("co-curating partners"),
        help_text=_("Their contacts may edit this exhibition, and nothing else."),
    )
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["-published_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("programs:exhibition", args=[self.library.slug, self.pk])


class Section(models.Model):
    exhibition = models.ForeignKey(
        Exhibition, on_delete=models.CASCADE, related_name="sections", verbose_name=_("exhibition")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["exhibition", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Item(models.Model):
    """One exhibit. An image is kept only as re-encoded web sizes (never the upload as sent: no EXIF, no GPS);
    a document is a PDF checked by content; a video is a link with an optional WebVTT captions file."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        DOCUMENT = "document", _("Document (PDF)")
        VIDEO = "video", _("Video")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items", verbose_name=_("section"))
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.IMAGE)
    image = models.FileField(_("image (web size)"), upload_to="programs/exhibits/", blank=True)
    thumbnail = models.FileField(_("image (small)"), upload_to="programs/exhibits/", blank=True)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to="programs/exhibits/", blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    captions = models.FileField(_("captions (WebVTT)"), upload_to="programs/captions/", blank=True)
    caption = models.CharField(_("caption"), max_length=300)
    alt_text = models.CharField(
        _("text alternative"),
        max_length=300,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required for images."),
    )
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    rights = models.CharField(_("rights"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exhibit")
        verbose_name_plural = _("exhibits")
        ordering = ["section", "position", "pk"]

    def __str__(self) -> str:
        return self.caption

    @property
    def is_video_file(self) -> bool:
        """A link straight to a video file, which the page can play in a <video> element with captions."""
        return self.video_url.lower().split("?")[0].endswith(VIDEO_FILE_EXTENSIONS)

    @property
    def document_size(self) -> int | None:
        try:
            return self.document.size if self.document else None
        except OSError:
            return None
