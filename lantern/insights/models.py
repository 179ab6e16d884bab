"""What the service observatory keeps.

ServiceRecord: one activity of one library, coded into the taxonomy; reports read only these. Activities
published in Lantern record themselves; announcements from outside become Posts (ingested from channels of
watched libraries), get automatic Suggestions, human Codings (double-coded where a study asks), and their
final codes become a ServiceRecord whose source object is the post.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library

from .taxonomy import Category, Feature


class ServiceRecordQuerySet(models.QuerySet):
    def for_library(self, library: Library) -> "ServiceRecordQuerySet":
        return self.filter(library=library)

    def recent(self) -> "ServiceRecordQuerySet":
        return self.order_by("-date", "-pk")


CODES = (*Category.values, *Feature.values)


class CodeColumns(models.Model):
    """One boolean column per code of the taxonomy (so that agreement and reports count in SQL)."""

    reading_online = models.BooleanField(Category.READING_ONLINE.label, default=False)
    reading_offline = models.BooleanField(Category.READING_OFFLINE.label, default=False)
    information = models.BooleanField(Category.INFORMATION.label, default=False)
    social = models.BooleanField(Category.SOCIAL.label, default=False)
    resources = models.BooleanField(Category.RESOURCES.label, default=False)
    emergency = models.BooleanField(Category.EMERGENCY.label, default=False)
    cross_industry = models.BooleanField(Feature.CROSS_INDUSTRY.label, default=False)
    social_participation = models.BooleanField(Feature.SOCIAL_PARTICIPATION.label, default=False)
    targeted_groups = models.BooleanField(Feature.TARGETED_GROUPS.label, default=False)

    class Meta:
        abstract = True

    @property
    def codes(self) -> list[str]:
        return [code for code in CODES if getattr(self, code)]

    def set_codes(self, codes) -> None:
        for code in CODES:
            setattr(self, code, code in codes)


class CodedBy(models.TextChoices):
    APP = "app", _("The activity itself (published in Lantern)")
    MACHINE = "machine", _("Automatic suggestion")
    HUMAN = "human", _("Human coder")


class ServiceRecord(CodeColumns):
    """One published activity, with its codes (one boolean column each, from CodeColumns)."""

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
    coded_by = models.CharField(_("coded by"), max_length=10, choices=CodedBy.choices, default=CodedBy.APP)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    source_object = GenericForeignKey("content_type", "object_id")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

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


class Channel(models.Model):
    """Where a library publishes: a website feed, a list of pages, a WeChat public account."""

    class Kind(models.TextChoices):
        FEED = "feed", _("Website feed (RSS or Atom)")
        PAGES = "pages", _("Web pages")
        WECHAT = "wechat", _("WeChat public account")
        OTHER = "other", _("Other")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="channels", verbose_name=_("library"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("address"), max_length=1000, blank=True, help_text=_("The feed or the site"))
    page_urls = models.TextField(_("page addresses"), blank=True, help_text=_("One address per line"))
    account = models.CharField(_("account name or ID"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["library", "name"]

    def __str__(self) -> str:
        return f"{self.library} · {self.name}"


class Study(models.Model):
    """A sample of libraries and a time window, coded by a team of coders."""

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="studies", verbose_name=_("owner")
    )
    libraries = models.ManyToManyField(Library, related_name="studies", blank=True, verbose_name=_("sample"))
    coders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coded_studies", blank=True, verbose_name=_("coders")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    until_reopening = models.BooleanField(
        _("until each library reopens"),
        default=False,
        help_text=_("Each library's window ends on its reopening date instead of a fixed date."),
    )
    double_coding_percent = models.PositiveSmallIntegerField(
        _("share of posts coded twice (%)"), default=20, validators=[MaxValueValidator(100)]
    )
    is_demo = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="study_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class IngestJob(models.Model):
    """One file or address taken in: what was read, created, skipped as a duplicate and rejected (with why)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="ingest_jobs", verbose_name=_("library")
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.SET_NULL, null=True, blank=True, related_name="jobs", verbose_name=_("channel")
    )
    source = models.CharField(_("file or address"), max_length=1000)
    format = models.CharField(_("format"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    read = models.PositiveIntegerField(_("read"), default=0)
    created = models.PositiveIntegerField(_("new"), default=0)
    duplicates = models.PositiveIntegerField(_("duplicates"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    problems = models.JSONField(_("problems"), default=list, blank=True, help_text=_("Where, and what is wrong"))
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ingest")
        verbose_name_plural = _("ingests")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.library} {self.source}"


class Post(models.Model):
    """One announcement of one library, as published; the original is kept beside the extracted text.

    The publication date, where it came from, and the capture date are kept apart: a missing date stays
    missing (never the capture date in disguise).
    """

    class DateSource(models.TextChoices):
        FEED = "feed", _("The feed's date")
        PAGE = "page", _("The page's metadata")
        TEXT = "text", _("The text of the post")
        FILE = "file", _("The imported file")
        CODER = "coder", _("Entered by a coder")
        NONE = "none", _("Unknown")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="posts", verbose_name=_("library"))
    channel = models.ForeignKey(
        Channel, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts", verbose_name=_("channel")
    )
    job = models.ForeignKey(
        IngestJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="posts", verbose_name=_("ingest")
    )
    url = models.URLField(_("address"), max_length=1000, blank=True)
    title = models.CharField(_("title"), max_length=500)
    text = models.TextField(_("text"))
    original = models.TextField(_("original"), blank=True, help_text=_("As captured: HTML, JSON or Markdown"))
    content_hash = models.CharField(_("content hash"), max_length=64)
    language = models.CharField(_("language"), max_length=8, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    date_source = models.CharField(_("date from"), max_length=10, choices=DateSource.choices, default=DateSource.NONE)
    captured_at = models.DateTimeField(_("captured at"))
    closed_on = models.DateField(_("closure date in the text"), null=True, blank=True)
    reopens_on = models.DateField(_("reopening date in the text"), null=True, blank=True)
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["library", "content_hash"], name="post_once_per_content"),
            models.UniqueConstraint(fields=["library", "url"], name="post_once_per_address", condition=~Q(url="")),
        ]
        indexes = [models.Index(fields=["library", "published_on"])]

    def __str__(self) -> str:
        return self.title


class Suggestion(CodeColumns):
    """The classifier's codes for a post, with a confidence per code; never mixed with human codes."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="suggestion", verbose_name=_("post"))
    confidence = models.JSONField(_("confidence"), default=dict)
    model_version = models.CharField(_("model version"), max_length=64, blank=True)
    suggested_at = models.DateTimeField(_("suggested at"), auto_now=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self) -> str:
        return f"{self.post} → {', '.join(self.codes)}"


class Assignment(models.Model):
    """A post given to a coder. Posts coded twice have two assignments; coders never see each other's codes."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("post"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("coder")
    )
    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments", verbose_name=_("study")
    )
    double = models.BooleanField(_("coded twice"), default=False)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["post", "coder"], name="one_assignment_per_coder")]

    def __str__(self) -> str:
        return f"{self.post} → {self.coder}"


class Coding(CodeColumns):
    """One coder's codes for one post."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="codings", verbose_name=_("post"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="codings", verbose_name=_("coder")
    )
    suggestions_shown = models.BooleanField(_("suggestions were shown"), default=False)
    note = models.TextField(_("note"), blank=True)
    coded_at = models.DateTimeField(_("coded at"), auto_now=True)

    class Meta:
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        ordering = ["post", "coded_at"]
        constraints = [models.UniqueConstraint(fields=["post", "coder"], name="one_coding_per_coder")]

    def __str__(self) -> str:
        return f"{self.post} · {self.coder}"
