"""Saving catalogue records as they arrive from a file or a form, and importing whole files.

`RecordData` is what every import format produces; `import_record` turns one into a `Record` of a library
(matched by control number, else by any ISBN, so that a second import updates instead of duplicating),
with its copies (matched by barcode within the library) and online access; `save_record` does the same
for one record typed or bought, refusing a barcode that another record's copy has. `import_file` runs a
whole file through a format reader and keeps the outcome in an `ImportJob`.
"""

import dataclasses
import datetime
import itertools
import re
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.catalogue import search
from lantern.catalogue.isbn import find_isbn
from lantern.catalogue.models import Copy, EResource, Format, ImportJob, Isbn, Record
from lantern.core.models import Library
from lantern.core.services import record_audit

INDEX_BATCH = 500  # records saved, indexed and committed together
BARCODE_MAX = Copy._meta.get_field("barcode").max_length
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_upload_bytes() -> int:
    return getattr(settings, "LANTERN_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES)


@dataclasses.dataclass
class CopyData:
    """A copy as an export describes it. `status` applies to a new copy; an existing copy only ever
    becomes lost (and only when it is available), so an import never undoes a loan or a request."""

    barcode: str
    location: str = ""
    shelf_mark: str = ""
    status: str = Copy.Status.AVAILABLE


@dataclasses.dataclass
class EResourceData:
    url: str
    platform: str = ""
    access_note: str = ""
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None


@dataclasses.dataclass
class RecordData:
    """One incoming record, format-neutral. `isbns` are as written (“0914378295 (lim. ed.)”)."""

    title: str = ""
    subtitle: str = ""
    responsibility: str = ""
    authors: list[str] = dataclasses.field(default_factory=list)
    publisher: str = ""
    year: int | None = None
    isbns: list[str] = dataclasses.field(default_factory=list)
    language: str = ""
    subjects: list[str] = dataclasses.field(default_factory=list)
    classification: str = ""
    summary: str = ""
    format: str = Format.PRINT_BOOK
    control_number: str = ""
    source_format: str = ""
    edition: str = ""
    copies: list[CopyData] = dataclasses.field(default_factory=list)
    eresources: list[EResourceData] = dataclasses.field(default_factory=list)
    # Holdings of the file that made no copy (no barcode...), in plain words: reported, never fatal.
    copy_warnings: list[str] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Saved:
    """What saving one record did, for an import's summary and its list of copies to check."""

    record: Record
    created: bool
    copies_created: int = 0
    copies_updated: int = 0
    copy_warnings: list[str] = dataclasses.field(default_factory=list)


# --- validation ----------------------------------------------------------------------------------
_LIMITS = {
    "title": 500,
    "subtitle": 500,
    "edition": 200,
    "responsibility": 500,
    "publisher": 300,
    "classification": 100,
}
_COPY_LIMITS = {name: Copy._meta.get_field(name).max_length for name in ("barcode", "location", "shelf_mark")}
_QUALIFIER = re.compile(r"\(([^)]*)\)")


def split_isbn(text: str) -> tuple[str, str] | None:
    """(ISBN-13, qualifier) of “0914378295 (lim. ed.) (v. 1)”, or None when it holds no valid ISBN."""
    value = find_isbn(text)
    if value is None:
        return None
    qualifier = "; ".join(q.strip() for q in _QUALIFIER.findall(text) if q.strip())
    return value, qualifier[:100]


def check_record(data: RecordData) -> RecordData:
    """A cleaned copy of `data`, or ValidationError listing everything wrong with it, in plain words."""
    errors = []
    data = dataclasses.replace(data)
    data.title = " ".join((data.title or "").split())
    if not data.title:
        errors.append(_("The record has no title."))
    for name, limit in _LIMITS.items():
        value = " ".join((getattr(data, name) or "").split())
        setattr(data, name, value)
        if len(value) > limit:
            errors.append(
                _("The %(field)s is longer than %(limit)d characters.") % {"field": _field_name(name), "limit": limit}
            )
    this_year = timezone.localdate().year
    if data.year is not None and not (1000 <= data.year <= this_year + 5):
        errors.append(_("The year %(year)s is not a plausible year of publication.") % {"year": data.year})
    for text in data.isbns:
        if split_isbn(text) is None:
            errors.append(_("“%(isbn)s” is not a valid ISBN-10 or ISBN-13.") % {"isbn": text})
    if data.format not in Format.values:
        errors.append(
            _("“%(format)s” is not a format; use one of: %(choices)s.")
            % {"format": data.format, "choices": ", ".join(Format.values)}
        )
    data.language = (data.language or "").strip().lower()[:8]
    data.authors = _dedupe(data.authors)
    data.subjects = _dedupe(data.subjects)
    data.control_number = (data.control_number or "").strip()[:64]
    barcodes = set()
    data.copies = [dataclasses.replace(copy) for copy in data.copies]
    for copy in data.copies:
        for name, limit in _COPY_LIMITS.items():
            value = " ".join((getattr(copy, name) or "").split())
            setattr(copy, name, value)
            if len(value) > limit:
                errors.append(
                    _("The %(field)s of copy %(barcode)s is longer than %(limit)d characters.")
                    % {"field": Copy._meta.get_field(name).verbose_name, "barcode": copy.barcode[:20], "limit": limit}
                )
        if not copy.barcode:
            errors.append(_("A copy has no barcode."))
        elif copy.barcode in barcodes:
            errors.append(_("The barcode %(barcode)s appears twice.") % {"barcode": copy.barcode})
        barcodes.add(copy.barcode)
        if copy.status not in Copy.Status.values:
            errors.append(_("“%(status)s” is not a copy status.") % {"status": copy.status})
    url_ok = URLValidator(schemes=["http", "https"])
    for access in data.eresources:
        try:
            url_ok(access.url)
        except ValidationError:
            errors.append(_("“%(url)s” is not a web address (http:// or https://).") % {"url": access.url})
        if access.starts_on and access.ends_on and access.ends_on < access.starts_on:
            errors.append(_("The access ends before it starts."))
    if errors:
        raise ValidationError(errors)
    return data


def _field_name(name: str) -> str:
    return str(Record._meta.get_field(name).verbose_name)


def _dedupe(values) -> list[str]:
    seen = []
    for value in values or []:
        value = " ".join(str(value).split())
        if value and value not in seen:
            seen.append(value)
    return seen


# --- saving --------------------------------------------------------------------------------------
def find_existing(library: Library, data: RecordData) -> Record | None:
    """The library's record this incoming one describes: same control number, else a shared ISBN.

    Records with neither are matched on identical title, subtitle, year and publisher among the
    library's records that have neither either, so that re-importing such a file does not duplicate.
    """
    records = Record.objects.filter(library=library).order_by("pk")
    if data.control_number:
        # The `exclude` repeats the condition of the partial unique index, so that SQLite uses it.
        found = records.filter(control_number=data.control_number).exclude(control_number="").first()
        if found:
            return found
    isbns = [pair[0] for pair in map(split_isbn, data.isbns) if pair]
    if isbns:
        # From the ISBN index to the record, not through every record of the library.
        match = Isbn.objects.filter(value__in=isbns, record__library=library).order_by("record_id").first()
        return records.filter(pk=match.record_id).first() if match else None
    if data.control_number:
        return None
    return records.filter(
        control_number="",
        isbn_set__isnull=True,
        title=data.title,
        subtitle=data.subtitle,
        year=data.year,
        publisher=data.publisher,
    ).first()


def save_record(library: Library, data: RecordData, *, index: bool = True) -> tuple[Record, bool]:
    """Create or update the library's record for `data`, with its ISBNs, copies and e-resources.

    Validates first (ValidationError, nothing written); then writes in one transaction. A copy whose
    barcode belongs to another record's copy refuses the whole record (ValidationError, nothing written).
    Returns (record, created). With index=False the caller indexes the record for search itself.
    """
    saved = _save(library, data, index=index, refuse_taken_barcodes=True)
    return saved.record, saved.created


def import_record(library: Library, data: RecordData, *, index: bool = True) -> Saved:
    """Like `save_record`, for a record arriving in a file: a copy whose barcode already belongs to another
    record's copy stays where it is and is reported in `Saved.copy_warnings`; the record is still saved."""
    return _save(library, data, index=index, refuse_taken_barcodes=False)


def _save(library: Library, data: RecordData, *, index: bool, refuse_taken_barcodes: bool) -> Saved:
    data = check_record(data)
    try:
        with transaction.atomic():
            saved = _write_record(library, data, refuse_taken_barcodes)
    except IntegrityError:
        raise ValidationError(_("The record clashes with another record of this library (control number).")) from None
    if index:
        search.index_records([saved.record])
    return saved


def _write_record(library: Library, data: RecordData, refuse_taken_barcodes: bool) -> Saved:
    record = find_existing(library, data)
    created = record is None
    if created:
        record = Record(library=library, control_number=data.control_number)
    elif not record.control_number and data.control_number:
        record.control_number = data.control_number
    for name in ("title", "subtitle", "edition", "responsibility", "authors", "publisher", "year", "language"):
        setattr(record, name, getattr(data, name))
    for name in ("subjects", "classification", "summary", "format", "source_format"):
        setattr(record, name, getattr(data, name))
    record.save()
    # ISBNs are only ever added: a file naming one of a record's ISBNs (a spreadsheet of paperbacks)
    # must not take away the others, which are what later imports are matched by.
    isbns = dict(pair for pair in map(split_isbn, data.isbns) if pair)
    for value, qualifier in isbns.items():
        Isbn.objects.update_or_create(record=record, value=value, defaults={"qualifier": qualifier})
    saved = Saved(record=record, created=created, copy_warnings=list(data.copy_warnings))
    for copy in data.copies:
        _write_copy(library, record, copy, saved, refuse_taken_barcodes)
    for access in data.eresources:
        EResource.objects.update_or_create(
            record=record,
            library=library,
            url=access.url,
            defaults={
                "platform": access.platform or _("Online"),
                "access_note": access.access_note,
                "starts_on": access.starts_on,
                "ends_on": access.ends_on,
            },
        )
    return saved


def _write_copy(library: Library, record: Record, copy: CopyData, saved: Saved, refuse_taken_barcodes: bool) -> None:
    """Create the copy, or update the record's copy with that barcode in the library (never another's).

    An empty location or shelf mark keeps the one Lantern has. The status of an existing copy changes
    only when the export says it is lost and Lantern has it on the shelf (available): a copy on loan,
    requested, in transit or in quarantine keeps its status, and that is reported.
    """
    existing = Copy.objects.filter(library=library, barcode=copy.barcode).select_related("record").first()
    if existing is None:
        Copy.objects.create(
            record=record,
            library=library,
            barcode=copy.barcode,
            location=copy.location,
            shelf_mark=copy.shelf_mark,
            status=copy.status,
        )
        saved.copies_created += 1
        return
    if existing.record_id != record.pk:
        if refuse_taken_barcodes:
            raise ValidationError(
                _("The barcode %(barcode)s already belongs to “%(title)s”.")
                % {"barcode": copy.barcode, "title": existing.record.title}
            )
        saved.copy_warnings.append(
            _(
                "The barcode %(barcode)s already belongs to a copy of “%(title)s” (record %(id)d) in this library; "
                "that copy was left where it is. Check which record the item belongs to."
            )
            % {"barcode": copy.barcode, "title": existing.record.title, "id": existing.record_id}
        )
        return
    now = timezone.now()
    # Narrow updates, never save(): a reader may order this copy while the file is being imported.
    Copy.objects.filter(pk=existing.pk).update(
        location=copy.location or existing.location, shelf_mark=copy.shelf_mark or existing.shelf_mark, updated_at=now
    )
    newly_lost = copy.status == Copy.Status.LOST and existing.status != Copy.Status.LOST
    if newly_lost and not Copy.objects.filter(pk=existing.pk, status=Copy.Status.AVAILABLE).update(
        status=Copy.Status.LOST, updated_at=now
    ):
        existing.refresh_from_db(fields=["status"])
        saved.copy_warnings.append(
            _("Copy %(barcode)s is marked lost in the export but is “%(status)s” in Lantern; its status was kept.")
            % {"barcode": copy.barcode, "status": existing.get_status_display()}
        )
    saved.copies_updated += 1


# --- whole files ---------------------------------------------------------------------------------
def import_file(
    fileobj_or_path,
    *,
    library: Library,
    format: str | None = None,
    by=None,
    progress: Callable[[int, int], None] | None = None,
    filename: str = "",
) -> ImportJob:
    """Import every record of a file into `library`; return the finished ImportJob.

    A file that cannot be read at all (unknown or wrong format, empty, bad CSV header) raises
    `imports.FileRejected` before anything is written. Otherwise each record is saved in its own
    transaction; a damaged or invalid record is counted as rejected with its position and reason, and
    the records around it are imported. `progress(done, total)` is called as records are read.
    """
    from lantern.catalogue import imports

    if isinstance(fileobj_or_path, str | Path):
        path = Path(fileobj_or_path)
        filename = filename or path.name
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise imports.FileRejected(_("The file cannot be read: %(reason)s") % {"reason": exc.strerror}) from None
    else:
        filename = filename or Path(getattr(fileobj_or_path, "name", "") or "upload").name
        content = fileobj_or_path.read()
    reader = imports.reader_for(content, format)
    total = reader.count(content)
    job = ImportJob.objects.create(library=library, filename=filename[:300], format=reader.NAME, started_by=by)
    try:
        _run(job, reader, content, library, progress, total)
    except Exception:
        job.status = ImportJob.Status.FAILED
        job.problems.append({"position": job.read, "message": _("The import stopped because of an internal error.")})
        job.finished_at = timezone.now()
        job.save()
        raise
    with transaction.atomic():
        job.status = ImportJob.Status.DONE
        job.finished_at = timezone.now()
        job.save()
        record_audit(
            by,
            "catalogue.imported",
            job,
            library=library,
            summary=f"{job.filename}: read {job.read} / created {job.created} / updated {job.updated} / "
            f"rejected {job.rejected} / copies created {job.copies_created} / copies updated {job.copies_updated}",
        )
    return job


def _run(job: ImportJob, reader, content: bytes, library: Library, progress, total: int) -> None:
    """Save the records in batches: each record in its own savepoint (all or nothing per record), each
    batch committed with its search index entries and the job's counters, so that an import of many
    thousands of records does not pay for one commit per record."""
    items = reader.read(content)
    while batch := list(itertools.islice(items, INDEX_BATCH)):
        counters = ("read", "created", "updated", "rejected", "copies_created", "copies_updated")
        snapshot = {name: getattr(job, name) for name in counters}
        kept = len(job.problems)
        try:
            with transaction.atomic():
                saved = []
                for item in batch:
                    if record := _save_item(job, library, item):
                        saved.append(record)
                    if progress:
                        progress(job.read, max(total, job.read))
                search.index_records(saved)
                job.save(update_fields=[*counters, "problems"])
        except Exception:
            # The batch was rolled back: the job must not count records that are not there.
            for name, value in snapshot.items():
                setattr(job, name, value)
            del job.problems[kept:]
            raise


def _save_item(job: ImportJob, library: Library, item) -> Record | None:
    job.read += 1
    entry = item.where()
    if item.problem:
        job.rejected += 1
        job.problems.append({**entry, "message": item.problem, "rejected": True})
        return None
    try:
        saved = import_record(library, item.data, index=False)
    except ValidationError as exc:
        job.rejected += 1
        job.problems.append({**entry, "message": " ".join(exc.messages), "rejected": True})
        return None
    job.created += saved.created
    job.updated += not saved.created
    job.copies_created += saved.copies_created
    job.copies_updated += saved.copies_updated
    job.problems.extend({**entry, "message": note, "rejected": False} for note in item.notes)
    # Copies to check name their record, so that staff can open it from the import's page.
    about = {"record": saved.record.pk, "title": saved.record.title}
    job.problems.extend(
        {**entry, **about, "message": warning, "rejected": False, "copy": True} for warning in saved.copy_warnings
    )
    return saved.record
