"""`lantern import-records FILE --library SLUG [--format ...]`: import a file of catalogue records.

The file name has a hyphen on purpose: Django names commands after their module file, so this one is
run as `lantern import-records`.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from lantern.catalogue import imports
from lantern.catalogue.services.records import import_file
from lantern.core.models import Library

# Below this many records a progress bar only flickers.
PROGRESS_FROM = 200


class Command(BaseCommand):
    help = (
        "Imports MARC21 (ISO 2709, MARC-8 or UTF-8), MARCXML, UNIMARC/CNMARC or CSV records into a library's "
        "catalogue. Records already there (same control number, else a shared ISBN) are updated, not duplicated; "
        "damaged records are listed with their position and the rest are imported. Holdings with a barcode "
        "(MARC 852/952, UNIMARC 905/995, CSV barcode/barcodes) become copies, matched by barcode; copies missing "
        "from the file are never deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the file to import")
        parser.add_argument("--library", required=True, help="the library's slug, as in its web address")
        parser.add_argument("--format", choices=list(imports.FORMATS), help="the file's format (detected if omitted)")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("There is no file “%(path)s”.") % {"path": path})
        library = Library.objects.filter(slug=options["library"]).first()
        if library is None:
            known = ", ".join(Library.objects.order_by("slug").values_list("slug", flat=True)) or "—"
            raise CommandError(
                _("There is no library “%(slug)s”. Libraries: %(known)s") % {"slug": options["library"], "known": known}
            )
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None and total >= PROGRESS_FROM:
                bar = tqdm(total=total, unit=" records", disable=None, file=self.stderr)
            if bar is not None:
                bar.total = max(bar.total, total)
                bar.update(done - bar.n)

        try:
            job = import_file(path, library=library, format=options["format"], progress=progress)
        except imports.FileRejected as exc:
            raise CommandError(" ".join(exc.messages)) from None
        finally:
            if bar is not None:
                bar.close()
        for problem in job.problems:
            self.stdout.write(f"{describe_position(problem)}: {problem['message']}")
        # Not translated on purpose: scripts and cron mails look for these exact lines, the records' last.
        self.stdout.write(f"copies created {job.copies_created} / copies updated {job.copies_updated}")
        self.stdout.write(f"read {job.read} / created {job.created} / updated {job.updated} / rejected {job.rejected}")


def describe_position(problem: dict) -> str:
    """“record 3 (byte 1234)”, “record 2 (line 5)”, and whether it was rejected, imported with a repair, or
    imported with a copy to check (then with its title)."""
    where = _("record %(n)d") % {"n": problem["position"]}
    if "offset" in problem:
        where += " " + _("(byte %(offset)d)") % {"offset": problem["offset"]}
    if "line" in problem:
        where += " " + _("(line %(line)d)") % {"line": problem["line"]}
    if problem.get("copy"):
        return _("%(where)s “%(title)s”, imported, copy to check") % {"where": where, "title": problem.get("title", "")}
    state = _("rejected") if problem.get("rejected", True) else _("imported, repaired")
    return f"{where}, {state}"
