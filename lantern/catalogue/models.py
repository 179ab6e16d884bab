"""Records, their ISBNs, copies and e-resource access; reading lists and their entries; import jobs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library


class Format(models.TextChoices):
    PRINT_BOOK = "print_book", _("Print book")
    EBOOK = "ebook", _("E-book")
    AUDIOBOOK = "audiobook", _("Audiobook")
    VIDEO = "video", _("Video")
    DATABASE = "database", _("Database")
    PERIODICAL = "periodical", _("Periodical")


# Formats held as physical items, which can be lent (the rest are read online).
PHYSICAL_FORMATS = (Format.PRINT_BOOK, Format.AUDIOBOOK, Format.VIDEO, Format.PERIODICAL)


class RecordQuerySet(models.QuerySet):
    def at(self, library: Library) -> "RecordQuerySet":
        return self.filter(library=library)

    def with_details(self) -> "RecordQuerySet":
        return self.select_related("library").prefetch_related("isbn_set", "copies", "eresources")


class Record(models.Model):
    """One bibliographic record, catalogued by one library (matched on re-import by control number, else ISBN)."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="records", verbose_name=_("library"))
    control_number = models.CharField(_("control number"), max_length=64, blank=True)
    title = models.CharField(_("title"), max_length=500)
    subtitle = models.CharField(_("subtitle"), max_length=500, blank=True)
    edition = models.CharField(_("edition"), max_length=200, blank=True, help_text=_("e.g. 2nd ed., 第2版"))
    responsibility = models.CharField(_("statement of responsibility"), max_length=500, blank=True)
    authors = models.JSONField(_("authors"), default=list, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True, help_text=_("ISO 639-2 code, e.g. chi, eng"))
    subjects = models.JSONField(_("subjects"), default=list, blank=True)
    classification = models.CharField(_("classification number"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices, default=Format.PRINT_BOOK)
    source_format = models.CharField(_("imported from"), max_length=20, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("record")
        verbose_name_plural = _("records")
        ordering = ["title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["library", "control_number"],
                name="record_control_number_unique_per_library",
                condition=~Q(control_number=""),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:record", args=[self.library.slug, self.pk])

    @property
    def isbns(self) -> list[str]:
        return [isbn.value for isbn in self.isbn_set.all()]


class Isbn(models.Model):
    """An ISBN of a record, always stored as ISBN-13 digits so every spelling finds it."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="isbn_set")
    value = models.CharField(_("ISBN-13"), max_length=13, db_index=True)
    qualifier = models.CharField(_("qualifier"), max_length=100, blank=True, help_text=_("e.g. paperback, price"))

    class Meta:
        verbose_name = _("ISBN")
        verbose_name_plural = _("ISBNs")
        constraints = [models.UniqueConstraint(fields=["record", "value"], name="isbn_unique_per_record")]

    def __str__(self) -> str:
        return self.value


class CopyQuerySet(models.QuerySet):
    def available(self) -> "CopyQuerySet":
        return self.filter(status=Copy.Status.AVAILABLE)

    def at(self, library: Library) -> "CopyQuerySet":
        return self.filter(library=library)


class Copy(models.Model):
    """A physical item of a print record."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("Available")
        ON_LOAN = "on_loan", _("On loan")
        REQUESTED = "requested", _("Requested")
        IN_TRANSIT = "in_transit", _("In transit")
        IN_QUARANTINE = "in_quarantine", _("In quarantine")
        LOST = "lost", _("Lost")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="copies", verbose_name=_("record"))
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="copies", verbose_name=_("library"))
    barcode = models.CharField(_("barcode"), max_length=64)
    location = models.CharField(_("location"), max_length=200, blank=True)
    shelf_mark = models.CharField(_("shelf mark"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.AVAILABLE)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CopyQuerySet.as_manager()

    class Meta:
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        ordering = ["library", "location", "shelf_mark", "barcode"]
        constraints = [models.UniqueConstraint(fields=["library", "barcode"], name="copy_barcode_unique_per_library")]

    def __str__(self) -> str:
        return f"{self.barcode} · {self.record}"


class EResource(models.Model):
    """Online access to a record: where, how, and for how long."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="eresources", verbose_name=_("record"))
    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="eresources", verbose_name=_("library"))
    platform = models.CharField(_("platform"), max_length=200)
    url = models.URLField(_("address"), max_length=1000)
    access_note = models.CharField(
        _("access note"),
        max_length=300,
        blank=True,
        help_text=_("e.g. “free during the closure”, “library card needed”"),
    )
    starts_on = models.DateField(_("available from"), null=True, blank=True)
    ends_on = models.DateField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-resource access")
        verbose_name_plural = _("e-resource access")
        ordering = ["record", "platform"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="eresource_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform} · {self.record}"

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return (self.starts_on is None or self.starts_on <= today) and (self.ends_on is None or today <= self.ends_on)


class ReadingListQuerySet(models.QuerySet):
    def published(self) -> "ReadingListQuerySet":
        return self.filter(published_at__isnull=False)

    def at(self, library: Library) -> "ReadingListQuerySet":
        return self.filter(library=library)


class ReadingList(models.Model):
    """A librarian's list of records and outside e-resources, with a theme, an audience and a purpose."""

    class Audience(models.TextChoices):
        GENERAL = "general", _("Everyone")
        CHILDREN = "children", _("Children")
        FAMILIES = "families", _("Families")
        STUDENTS = "students", _("Students")
        ELDERLY = "elderly", _("Elderly readers")
        MEDICAL_STAFF = "medical_staff", _("Medical staff")
        PATIENTS = "patients", _("Patients")

    class Purpose(models.TextChoices):
        CLASSICS_AT_HOME = "classics_at_home", _("Classics at home")
        READING_THERAPY = "reading_therapy", _("Reading therapy")
        EPIDEMIC_KNOWLEDGE = "epidemic_knowledge", _("Epidemic knowledge")
        FAMILY_READING = "family_reading", _("Family reading")
        OTHER = "other", _("Other")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="reading_lists", verbose_name=_("library")
    )
    title = models.CharField(_("title"), max_length=300)
    theme = models.TextField(_("theme"), blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, default=Audience.GENERAL)
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, default=Purpose.OTHER)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ReadingListQuerySet.as_manager()

    class Meta:
        verbose_name = _("reading list")
        verbose_name_plural = _("reading lists")
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("catalogue:reading_list", args=[self.library.slug, self.pk])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ReadingListEntry(models.Model):
    """One entry of a reading list: a record of the catalogue, or an outside e-resource by its address."""

    reading_list = models.ForeignKey(ReadingList, on_delete=models.CASCADE, related_name="entries")
    position = models.PositiveIntegerField(_("position"), default=0)
    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, null=True, blank=True, related_name="list_entries", verbose_name=_("record")
    )
    title = models.CharField(_("title"), max_length=500, blank=True, help_text=_("For an outside e-resource"))
    url = models.URLField(_("address"), max_length=1000, blank=True, help_text=_("For an outside e-resource"))
    note = models.TextField(_("librarian's note"), blank=True)

    class Meta:
        verbose_name = _("reading list entry")
        verbose_name_plural = _("reading list entries")
        ordering = ["reading_list", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(record__isnull=False) | (~Q(url="") & ~Q(title="")),
                name="entry_is_a_record_or_an_outside_resource",
            )
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.record.title if self.record_id else self.title


class ImportJob(models.Model):
    """One file of records imported into a library's catalogue, with its outcome record by record."""

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="import_jobs", verbose_name=_("library")
    )
    filename = models.CharField(_("file name"), max_length=300)
    format = models.CharField(_("format"), max_length=20)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    read = models.PositiveIntegerField(_("read"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    copies_created = models.PositiveIntegerField(_("copies created"), default=0)
    copies_updated = models.PositiveIntegerField(_("copies updated"), default=0)
    problems = models.JSONField(
        _("problems"),
        default=list,
        blank=True,
        help_text=_("One entry per rejected record, repair, or copy that was left out or kept its status"),
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("started by")
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.filename} → {self.library}"
