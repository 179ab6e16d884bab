"""Items of the archive: what the public contributes (or staff add), described in Dublin Core, with their
files (the original kept unchanged, a public derivative), the conversation with the contributor and takedown
requests."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library

from ..storage import archive_storage
from .collections import Collection


class Item(models.Model):
    class Kind(models.TextChoices):
        LETTER = "letter", _("Letter")
        DIARY = "diary", _("Diary")
        PHOTO = "photo", _("Photo")
        COMMUNITY_PASS = "community_pass", _("Community pass")
        POEM_STORY = "poem_story", _("Poem or story")
        DRAWING = "drawing", _("Drawing")
        AUDIO = "audio", _("Audio")
        VIDEO = "video", _("Video")
        DOCUMENT = "document", _("Document")
        SOCIAL_POST = "social_post", _("Social-media post")
        OTHER = "other", _("Other")

    class Licence(models.TextChoices):
        CC_BY = "cc_by", _("CC BY 4.0: anyone may share and adapt it, naming the creator")
        CC_BY_NC = "cc_by_nc", _("CC BY-NC 4.0: as CC BY, but not for commercial use")
        PRESERVE_ONLY = "preserve_only", _("Preserve only: the library keeps it and does not publish it")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        ASKED = "asked", _("Question for the contributor")
        FIRST_APPROVAL = "first_approval", _("Approved once, waiting for a second reviewer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="archive_items", verbose_name=_("library")
    )
    # The receipt's reference: random, so that it also serves as the key to the contribution's status page.
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    kind = models.CharField(_("what it is"), max_length=20, choices=Kind.choices)
    source_link = models.URLField(_("link to the original post"), max_length=500, blank=True)

    # --- Dublin Core description (filled from the contribution, edited by staff) ---
    title = models.CharField(_("title"), max_length=300)
    creator = models.CharField(_("creator"), max_length=200, blank=True)
    subject = models.TextField(_("subjects"), blank=True, help_text=_("One subject per line."))
    description = models.TextField(_("description"), blank=True)
    date = models.CharField(
        _("date"), max_length=10, blank=True, help_text=_("A year, a month or a day: 2020, 2020-02 or 2020-02-24.")
    )
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    dc_type = models.CharField(_("type"), max_length=30, blank=True)
    dc_format = models.CharField(_("format"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=20, blank=True)
    coverage = models.CharField(_("place"), max_length=200, blank=True)
    rights = models.TextField(_("rights"), blank=True)

    # --- the contributor (never shown in public; the name only when they allow it) ---
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="archive_contributions",
        verbose_name=_("contributor's account"),
    )
    contributor_name = models.CharField(_("contributor's name"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    show_name = models.BooleanField(_("the contributor's name may be shown"), default=False)
    is_minor = models.BooleanField(_("the contributor is under 18"), default=False)
    guardian_name = models.CharField(_("parent or guardian"), max_length=100, blank=True)
    guardian_consent = models.BooleanField(_("a parent or guardian agrees"), default=False)
    licence = models.CharField(_("licence"), max_length=20, choices=Licence.choices)
    # The language the contributor used the site in: what we write to them in.
    contact_language = models.CharField(_("language for messages"), max_length=10, blank=True)
    # What the contributor typed, as they typed it: staff edit the description above, never this.
    submitted = models.JSONField(_("as submitted"), default=dict, blank=True)

    # --- the workflow ---
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    collections = models.ManyToManyField(Collection, blank=True, related_name="items", verbose_name=_("collections"))
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    first_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first approved by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    # Hidden from the public while a takedown request is looked at; the item keeps its status.
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    # The OAI-PMH datestamp: any change a harvester should pick up touches it.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    # Title, creator, subjects, description and place folded to Simplified Chinese and lower case, for search.
    search_text = models.TextField(blank=True, editable=False)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("archive item")
        verbose_name_plural = _("archive items")
        ordering = ["-submitted_at", "pk"]
        indexes = [models.Index(fields=["library", "status"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("archive:item", args=[self.library.slug, self.reference])

    @property
    def is_public(self) -> bool:
        """Shown on public pages, in search, the API and OAI-PMH."""
        return (
            self.status == self.Status.ACCEPTED
            and self.licence != self.Licence.PRESERVE_ONLY
            and self.hidden_at is None
        )

    @property
    def credited_name(self) -> str:
        """The contributor's name where they allowed it to be shown, else nothing."""
        return self.contributor_name if self.show_name else ""

    @property
    def subjects(self) -> list[str]:
        return [line.strip() for line in self.subject.splitlines() if line.strip()]


class ItemFile(models.Model):
    """One file of an item: the original exactly as received (private), and for images a public derivative
    (re-encoded, no EXIF or GPS) that staff may redact or hide."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="files", verbose_name=_("item"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    original = models.FileField(_("original"), storage=archive_storage, upload_to="originals/", max_length=300)
    # The name the contributor's device gave it: kept as information, never used as a path.
    original_name = models.CharField(_("file name as sent"), max_length=255, blank=True)
    mime = models.CharField(_("type (read from the content)"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    web = models.FileField(
        _("web image"), storage=archive_storage, upload_to="derivatives/", blank=True, max_length=300
    )
    thumbnail = models.FileField(
        _("thumbnail"), storage=archive_storage, upload_to="derivatives/", blank=True, max_length=300
    )
    web_mime = models.CharField(max_length=40, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True, help_text=_("Read aloud to blind readers."))
    redacted = models.BooleanField(_("redacted"), default=False)
    hidden = models.BooleanField(_("not shown in public"), default=False)
    uploaded_at = models.DateTimeField(_("received at"), auto_now_add=True)
    last_checked_at = models.DateTimeField(_("last fixity check"), null=True, blank=True)
    fixity_ok = models.BooleanField(_("fixity check passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("archive file")
        verbose_name_plural = _("archive files")
        ordering = ["item", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.item.reference}/{self.position}"

    @property
    def is_image(self) -> bool:
        return bool(self.web)


class Message(models.Model):
    """A reviewer's question to the contributor, or the contributor's answer, kept on the item."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="messages", verbose_name=_("item"))
    from_contributor = models.BooleanField(_("from the contributor"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["item", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class Takedown(models.Model):
    """Someone asks for a public item to be taken down (they made it, they are in it, it is theirs)."""

    class Relation(models.TextChoices):
        CREATOR = "creator", _("I made it or contributed it")
        DEPICTED = "depicted", _("I am in it or it is about me")
        RIGHTS = "rights", _("I hold the rights to it")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        HIDDEN = "hidden", _("Item hidden while we look at it")
        UPHELD = "upheld", _("Item withdrawn")
        REJECTED = "rejected", _("Item stays, with our reasons")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="takedowns", verbose_name=_("item"))
    reference = models.CharField(_("reference"), max_length=20, unique=True, editable=False)
    name = models.CharField(_("your name"), max_length=100)
    email = models.EmailField(_("your email"))
    relation = models.CharField(_("how the item concerns you"), max_length=10, choices=Relation.choices)
    reason = models.TextField(_("why it should come down"))
    contact_language = models.CharField(_("language for messages"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    staff_note = models.TextField(_("our answer"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("takedown request")
        verbose_name_plural = _("takedown requests")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.reference
