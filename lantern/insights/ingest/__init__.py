"""Ingest formats: one module per format, each with the same functions (see README.md beside this file),
and `service.py`, which takes a file in: deduplicated, classified, dated, counted in one IngestJob.

`reader_for(content, format)` picks the module (detecting the format when none is given) and checks that
the file can be read at all; `read(content)` then yields one `Item` per entry.
"""

from django.utils.translation import gettext as _

from . import csvfile, jsonl, page, rss, wechat
from .base import FileRejected, Item, PostData

__all__ = ["FORMATS", "FORMAT_CHOICES", "FileRejected", "Item", "PostData", "detect_format", "reader_for"]

# Explicit, in the order detection tries them: WeChat's HTML before any HTML page, JSON Lines before
# WeChat's JSON (a JSON Lines file's first line is a JSON object too).
FORMATS = {module.NAME: module for module in (rss, jsonl, wechat, page, csvfile)}
FORMAT_CHOICES = [(module.NAME, module.LABEL) for module in (rss, page, wechat, csvfile, jsonl)]


def detect_format(content: bytes) -> str:
    """The name of the format `content` is in, or FileRejected when it is none of them."""
    if not content.strip():
        raise FileRejected(_("The file is empty."))
    for name, module in FORMATS.items():
        if module.sniff(content):
            return name
    raise FileRejected(
        _(
            "This file is not in a format Lantern can take in (an RSS or Atom feed, a saved web page, a WeChat "
            "article export in HTML, JSON or Markdown, CSV with a header, or JSON Lines)."
        )
    )


def reader_for(content: bytes, format: str | None = None):
    """The format module for `content`, after checking the whole file can be read in that format."""
    if not content.strip():
        raise FileRejected(_("The file is empty."))
    if format:
        if format not in FORMATS:
            raise FileRejected(_("“%(format)s” is not an ingest format.") % {"format": format})
        module = FORMATS[format]
        if not module.sniff(content):
            raise FileRejected(
                _("This file is not in the format “%(format)s”. Choose another format, or let Lantern detect it.")
                % {"format": module.LABEL}
            )
    else:
        module = FORMATS[detect_format(content)]
    module.check(content)
    return module
