"""`lantern ingest PATH-or-URL --library SLUG [--format ...] [--channel ID]`: take announcements in.

A file, every file of a directory (one job), or an address fetched once (with a timeout and a size
limit). Prints the problems with their place, then one summary line; exits 1 when nothing could be read.
"""

import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from lantern.core.models import Library
from lantern.insights import ingest
from lantern.insights.ingest.service import fetch, ingest_content, ingest_files
from lantern.insights.models import Channel

# Below this many entries a progress bar only flickers.
PROGRESS_FROM = 200


class Command(BaseCommand):
    help = (
        "Takes in library announcements: an RSS/Atom feed, a saved web page, WeChat article exports (HTML, JSON, "
        "Markdown), CSV (url,title,text,published,library) or JSON Lines; a file, a directory, or an address. "
        "Duplicates (same address or same content) are counted, not added; bad entries are listed with their place."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="a file, a directory, or an http(s) address")
        parser.add_argument("--library", help="the library's slug (default for rows that name none)")
        parser.add_argument("--format", choices=list(ingest.FORMATS), help="the format (detected if omitted)")
        parser.add_argument("--channel", type=int, help="the id of the library's channel the posts came from")

    def handle(self, *args, **options):
        channel = None
        if options["channel"] is not None:
            channel = Channel.objects.select_related("library").filter(pk=options["channel"]).first()
            if channel is None:
                raise CommandError(_("There is no channel %(id)s.") % {"id": options["channel"]})
        library = self._library(options["library"], channel)
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None and total >= PROGRESS_FROM:
                bar = tqdm(total=total, unit=" posts", disable=None, file=self.stderr)
            if bar is not None:
                bar.total = max(bar.total, total)
                bar.update(done - bar.n)

        source = options["source"]
        common = {"library": library, "format": options["format"], "channel": channel, "progress": progress}
        try:
            if re.match(r"^https?://", source, re.IGNORECASE):
                job = ingest_content(fetch(source), source=source, default_url=source, **common)
            else:
                path = Path(source)
                if path.is_dir():
                    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
                    job = ingest_files(
                        [(str(p.relative_to(path)), p.read_bytes) for p in files], source=str(path), **common
                    )
                elif path.is_file():
                    job = ingest_content(path.read_bytes(), source=str(path), **common)
                else:
                    raise CommandError(_("There is no file or directory “%(path)s”.") % {"path": source})
        except ingest.FileRejected as exc:
            raise CommandError(" ".join(exc.messages)) from None
        finally:
            if bar is not None:
                bar.close()
        for problem in job.problems:
            self.stdout.write(f"{describe_place(problem)}: {problem['message']}")
        # Not translated on purpose: scripts look for this exact line.
        self.stdout.write(
            f"read {job.read} / new {job.created} / duplicates {job.duplicates} / rejected {job.rejected}"
        )
        if job.created + job.duplicates == 0:
            raise CommandError(_("Nothing could be read."), returncode=1)

    def _library(self, slug, channel):
        if not slug:
            if channel is not None:
                return channel.library
            raise CommandError(_("Name the library with --library SLUG (or a channel with --channel ID)."))
        library = Library.objects.filter(slug=slug).first()
        if library is None:
            known = ", ".join(Library.objects.order_by("slug").values_list("slug", flat=True)[:50]) or "—"
            raise CommandError(
                _("There is no library “%(slug)s”. Libraries: %(known)s") % {"slug": slug, "known": known}
            )
        if channel is not None and channel.library_id != library.pk:
            raise CommandError(_("Channel %(id)s belongs to another library.") % {"id": channel.pk})
        return library


def describe_place(problem: dict) -> str:
    """“posts.csv, line 3 (entry 2)”, “entry 4”, or the file alone when the whole file was refused."""
    parts = []
    if problem.get("file"):
        parts.append(problem["file"])
    if "line" in problem:
        parts.append(_("line %(line)d (entry %(n)d)") % {"line": problem["line"], "n": problem["position"]})
    elif "position" in problem:
        parts.append(_("entry %(n)d") % {"n": problem["position"]})
    return ", ".join(parts) or _("file")
