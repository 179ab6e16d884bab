"""`lantern classify FILE.jsonl`: suggest taxonomy codes for announcements, one JSON line per input line.

Needs no database. Input lines are `{"id", "title", "text", "published"?, "library"?}` (UTF-8, a BOM
is tolerated; `-` reads standard input). Output, in input order, on standard output only:
`{"id": ..., "categories": [...], "features": [...]}`. A line that is not a JSON object or has
neither title nor text is reported on standard error with its line number and answered with empty
lists (when it has an id); the rest go on. Blank lines are skipped.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

BATCH = 2000


class Command(BaseCommand):
    help = (
        "Suggests categories and features (CODEBOOK.md) for announcements in a JSONL file, one JSON line "
        "per input line on stdout. --evaluate cross-validates the classifier on the development set instead."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help=_("JSONL file of announcements, or - for standard input"))
        parser.add_argument("--evaluate", action="store_true", help=_("cross-validate on the development set"))
        parser.add_argument("--folds", type=int, default=5)
        parser.add_argument("--repeats", type=int, default=5)

    def handle(self, *args, **options):
        if options["evaluate"]:
            from lantern.insights.classify.evaluate import run

            run(options["folds"], options["repeats"], out=self.stdout)
            return
        if not options["file"]:
            raise CommandError(_("Give a JSONL file, or - for standard input."))
        from lantern.insights.classify import get_classifier

        clf = get_classifier()
        pending: list[tuple[object, dict | None]] = []  # (id, post or None for a bad line)
        for number, line in enumerate(self._lines(options["file"]), start=1):
            if not line.strip():
                continue
            pending.append(self._parse(number, line))
            if len(pending) >= BATCH:
                self._flush(clf, pending)
                pending = []
        self._flush(clf, pending)

    def _lines(self, name: str):
        if name == "-":
            stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
            if stream is None:
                yield from (line.lstrip("\ufeff") if i == 0 else line for i, line in enumerate(sys.stdin))
                return
        else:
            try:
                stream = open(name, "rb")  # noqa: SIM115  (closed below)
            except OSError as exc:
                raise CommandError(_("Cannot read %(file)s: %(error)s") % {"file": name, "error": exc}) from exc
        try:
            for i, raw in enumerate(stream):
                text = raw.decode("utf-8", errors="replace")
                yield text.lstrip("\ufeff") if i == 0 else text
        finally:
            if name != "-":
                stream.close()

    def _parse(self, number: int, line: str) -> tuple[object, dict | None]:
        try:
            post = json.loads(line)
        except json.JSONDecodeError as exc:
            self.stderr.write(_("line %(n)d: not JSON (%(error)s)") % {"n": number, "error": exc.msg})
            return None, None
        if not isinstance(post, dict):
            self.stderr.write(_("line %(n)d: not a JSON object") % {"n": number})
            return None, None
        title, text = post.get("title"), post.get("text")
        if not (isinstance(title, str) and title.strip()) and not (isinstance(text, str) and text.strip()):
            self.stderr.write(_("line %(n)d: no title and no text") % {"n": number})
            return post.get("id"), None
        return post.get("id"), {
            "title": title if isinstance(title, str) else "",
            "text": text if isinstance(text, str) else "",
        }

    def _flush(self, clf, pending: list[tuple[object, dict | None]]) -> None:
        posts = [post for _id, post in pending if post is not None]
        predictions = iter(clf.predict(posts))
        for ident, post in pending:
            if post is None:
                if ident is None:
                    continue
                categories, features = [], []
            else:
                p = next(predictions)
                categories, features = p.categories, p.features
            self.stdout.write(
                json.dumps({"id": ident, "categories": categories, "features": features}, ensure_ascii=False)
            )
