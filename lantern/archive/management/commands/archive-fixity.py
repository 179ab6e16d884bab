"""`lantern archive-fixity [--library SLUG]`: re-hash every original of the archive and report what is missing
or changed. The file name has a hyphen on purpose: Django names commands after their module file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from tqdm import tqdm

from lantern.core.errors import Refused
from lantern.core.models import Library

from ...services.fixity import problems_of, run_fixity_check


class Command(BaseCommand):
    help = (
        "Re-hashes every original file of the archive (of one library with --library) and compares it with the "
        "SHA-256 recorded when it arrived. Missing and changed files are listed, kept on the staff preservation "
        "page and emailed to the library's managers; the exit status is 1 when any was found, so that cron can "
        "alert. Run it daily or weekly."
    )

    def add_arguments(self, parser):
        parser.add_argument("--library", help="only this library's files (its slug, as in its web address)")

    def handle(self, *args, **options):
        library = None
        if options["library"]:
            library = Library.objects.filter(slug=options["library"]).first()
            if library is None:
                known = ", ".join(Library.objects.order_by("slug").values_list("slug", flat=True)) or "—"
                raise CommandError(
                    _("There is no library “%(slug)s”. Libraries: %(known)s")
                    % {"slug": options["library"], "known": known}
                )
        bar = None

        def progress(done, total):
            nonlocal bar
            if bar is None:
                bar = tqdm(total=total, unit=" files", disable=None, file=self.stderr)
            bar.total = max(bar.total, total)
            bar.update(done - bar.n)

        try:
            run = run_fixity_check(library=library, progress=progress)
        except Refused as exc:
            raise CommandError(str(exc)) from None
        finally:
            if bar is not None:
                bar.close()
        libraries = [library] if library is not None else Library.objects.filter(archive_items__files__isnull=False)
        for place in dict.fromkeys(libraries):
            for problem in problems_of(run, place):
                kind = problem.get_kind_display()
                self.stdout.write(f"{place.slug} {problem.file.item.reference}/{problem.file.position}: {kind}")
        # Not translated on purpose: scripts and cron mails look for this exact line.
        self.stdout.write(f"checked {run.checked} / problems {run.problems}")
        if run.problems:
            # CommandError: a readable line on stderr and exit status 1, which cron mails about.
            raise CommandError(
                ngettext(
                    "%(count)d archive file is missing or changed; restore it from a backup.",
                    "%(count)d archive files are missing or changed; restore them from a backup.",
                    run.problems,
                )
                % {"count": run.problems}
            )
