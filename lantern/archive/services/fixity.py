"""Fixity checks: every original re-hashed against the SHA-256 recorded when it arrived. A file that is gone
or whose bytes changed becomes a FixityProblem of the run, and the library's managers are told.

FixityRun has no library of its own: the audit entry written when a run starts (`archive.fixity_run`,
library set for a one-library check, empty for a check of every library) says which files it covered, and
the staff page reads runs through it.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library, Role
from lantern.core.services import email_address, notify, record_audit

from ..models import FixityProblem, FixityRun, ItemFile
from .files import sha256_of

AUDIT_ACTION = "archive.fixity_run"
# Files read from the database at a time: memory stays flat however large the archive.
BATCH = 500
# A run that has not finished after this long is taken to have died (a worker restarted), not to be running.
RUN_TIMEOUT = datetime.timedelta(hours=6)


class _Formatted:
    """A lazy translation with its %-values, rendered in the language `notify` switches to per recipient."""

    def __init__(self, text, values: dict):
        self.text, self.values = text, values

    def __str__(self) -> str:
        return str(self.text) % self.values


class _Lines:
    """Lines rendered one by one when the notice is (each may be a lazy translation)."""

    def __init__(self, lines):
        self.lines = list(lines)

    def __str__(self) -> str:
        return "\n".join(str(line) for line in self.lines)


def files_of(library: Library | None = None):
    files = ItemFile.objects.all()
    return files.filter(item__library=library) if library is not None else files


def runs_for(library: Library):
    """The runs that covered `library`'s files: its own checks and the checks of every library, newest first."""
    return FixityRun.objects.filter(Q(library=library) | Q(library__isnull=True)).select_related("started_by")


def running_check(library: Library | None):
    """An unfinished run that covers `library` (or any run at all, for a check of every library)."""
    since = timezone.now() - RUN_TIMEOUT
    runs = runs_for(library) if library is not None else FixityRun.objects.all()
    return runs.filter(finished_at__isnull=True, started_at__gte=since).first()


def start_fixity_run(*, library: Library | None = None, by=None) -> FixityRun:
    """A new run, audited, before any file is read; refused while another check of these files is running."""
    if running_check(library) is not None:
        raise Refused(
            _("A fixity check of these files is already running. Its result appears on this page when it ends."),
            "already_running",
            409,
        )
    with transaction.atomic():
        run = FixityRun.objects.create(
            library=library, started_by=by if getattr(by, "is_authenticated", False) else None
        )
        record_audit(
            by, AUDIT_ACTION, run, library=library, summary=library.slug if library is not None else "all libraries"
        )
    return run


def run_fixity_check(*, library: Library | None = None, by=None, progress=None, run: FixityRun | None = None):
    """Re-hash every original (of `library`, or of every library) and return the finished FixityRun.

    Each file's `last_checked_at` and `fixity_ok` are set; a missing file is a MISSING problem, different bytes
    a CHANGED problem with both hashes. Files are read in batches, each hashed in chunks, so thousands of large
    files never sit in memory. `progress(done, total)` is called as files are checked. When anything is wrong
    the managers of each library concerned get a notice (emailed), or the library's own address when it has
    no manager.
    """
    run = run or start_fixity_run(library=library, by=by)
    files = files_of(library)
    total = files.count()
    problems: list[FixityProblem] = []
    run.checked = 0
    last_pk = 0
    try:
        while True:
            batch = list(files.filter(pk__gt=last_pk).order_by("pk").only("pk", "original", "sha256")[:BATCH])
            if not batch:
                break
            last_pk = batch[-1].pk
            good, found = [], []
            for item_file in batch:
                problem = _check(run, item_file)
                if problem is None:
                    good.append(item_file.pk)
                else:
                    found.append(problem)
            now = timezone.now()
            with transaction.atomic():
                ItemFile.objects.filter(pk__in=good).update(last_checked_at=now, fixity_ok=True)
                bad = [problem.file_id for problem in found]
                ItemFile.objects.filter(pk__in=bad).update(last_checked_at=now, fixity_ok=False)
                FixityProblem.objects.bulk_create(found)
            problems.extend(found)
            run.checked += len(batch)
            if progress is not None:
                progress(run.checked, max(total, run.checked))
    finally:
        # Even a run cut short (a storage error) ends, with what it did check: it must not look "running" forever.
        run.problems, run.finished_at = len(problems), timezone.now()
        run.save(update_fields=["checked", "problems", "finished_at"])
    if problems:
        _tell_managers(run, problems)
    return run


def _check(run: FixityRun, item_file: ItemFile) -> FixityProblem | None:
    try:
        found = sha256_of(item_file)
    except OSError:
        # Gone, or no longer a readable file (a folder in its place, its permissions changed): either way the
        # original as received is not there to read; the check reports it and goes on with the other files.
        return FixityProblem(run=run, file=item_file, kind=FixityProblem.Kind.MISSING, expected=item_file.sha256)
    if found != item_file.sha256:
        return FixityProblem(
            run=run, file=item_file, kind=FixityProblem.Kind.CHANGED, expected=item_file.sha256, found=found
        )
    return None


def library_managers(library: Library):
    return (
        get_user_model()
        .objects.filter(roles__library=library, roles__kind=Role.Kind.MANAGER, is_active=True)
        .distinct()
        .order_by("pk")
    )


def _tell_managers(run: FixityRun, problems: list[FixityProblem]) -> None:
    by_library: dict[int, list[FixityProblem]] = {}
    files = ItemFile.objects.filter(pk__in=[p.file_id for p in problems]).select_related("item__library")
    file_by_pk = {f.pk: f for f in files}
    for problem in problems:
        by_library.setdefault(file_by_pk[problem.file_id].item.library_id, []).append(problem)
    for library in Library.objects.filter(pk__in=by_library):
        found = by_library[library.pk]
        lines = _Lines(
            _Formatted(
                "%(file)s: %(kind)s",
                {"file": file_by_pk[p.file_id].original.name, "kind": FixityProblem.Kind(p.kind).label},
            )
            for p in found
        )
        subject = _Formatted(
            gettext_lazy("Fixity check: %(count)d archive files are missing or changed"), {"count": len(found)}
        )
        body = _Formatted(
            gettext_lazy(
                "The fixity check of %(date)s found these originals missing or changed. Restore them from a "
                "backup and run the check again.\n\n%(files)s"
            ),
            {"date": f"{run.started_at:%Y-%m-%d %H:%M} UTC", "files": lines},
        )
        link = reverse("archive:staff_preservation", args=[library.slug])
        managers = list(library_managers(library))
        for manager in managers:
            notify(manager, subject, body, link=link, library=library)
        if not managers and library.email:
            email_address(library.email, str(subject), f"{body}\n\n{link}")


def preservation_totals(library: Library) -> dict:
    """What the staff page sums up: files, bytes, the last check, files never checked, files failing now."""
    totals = files_of(library).aggregate(
        files=Count("pk"),
        bytes=Sum("size"),
        last_checked=Max("last_checked_at"),
        never_checked=Count("pk", filter=Q(last_checked_at__isnull=True)),
        failing=Count("pk", filter=Q(fixity_ok=False)),
    )
    totals["bytes"] = totals["bytes"] or 0
    return totals


def problems_of(run: FixityRun, library: Library):
    """The problems `run` found in `library`'s files (a check of every library found others' too)."""
    return (
        run.found.filter(file__item__library=library)
        .select_related("file__item")
        .order_by("file__item__reference", "file__position")
    )
