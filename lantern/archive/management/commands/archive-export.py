"""`lantern archive-export COLLECTION DIR`: write a collection as a BagIt bag. The file name has a hyphen on
purpose: Django names commands after their module file."""

import bagit
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from ...services.bag import ExportRefused, export_collection, find_collection


class Command(BaseCommand):
    help = (
        "Writes a collection as a BagIt bag (validated with the bagit library) in a new folder inside DIR, named "
        "<library>_<collection>_<date> unless --name is given; an existing non-empty folder is never overwritten. "
        "The bag holds EVERY accepted item of the collection, including items kept for preservation only and "
        "items hidden from the public, because it is the library's own preservation copy: keep it as private as "
        "the archive. Declined, withdrawn and unreviewed items are left out. Each original is copied byte for "
        "byte and checked against the SHA-256 recorded when it arrived; a missing or changed original stops the "
        "export, naming it, and nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "collection",
            help="LIBRARY/COLLECTION (slugs, as in the web address), or the collection's slug alone when only one "
            "library uses it",
        )
        parser.add_argument("dir", help="the folder the bag's folder is written in (made if missing)")
        parser.add_argument("--name", default="", help="the bag folder's name (default: library_collection_date)")

    def handle(self, *args, **options):
        try:
            collection = find_collection(options["collection"])
        except ExportRefused as exc:
            raise CommandError(" ".join(exc.messages)) from None
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit=" items", disable=None, file=self.stderr)
            bar.update(done - bar.n)

        name = options["name"]
        if name and (name in (".", "..") or "/" in name or "\\" in name):
            raise CommandError(_("--name must be a folder name, not a path."))
        try:
            path = export_collection(collection, options["dir"], name=name, progress=progress)
        except ExportRefused as exc:
            raise CommandError(" ".join(exc.messages)) from None
        finally:
            if bar is not None:
                bar.close()
        size, files = bagit.Bag(str(path)).info["Payload-Oxum"].split(".")
        # Not translated on purpose: scripts look for this exact line.
        self.stdout.write(f"bag written: {path} / payload files {files} / bytes {size}")
