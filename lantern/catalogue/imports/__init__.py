"""Import formats: one module per format, each with the same functions (see README.md beside this file).

`reader_for(content, format)` picks the module (detecting the format when none is given) and checks that
the file can be read at all; `read(content)` then yields one `Item` per record.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import csvfile, marc21, marcxml, unimarc
from .base import FileRejected, Item

__all__ = ["FORMATS", "FileRejected", "Item", "detect_format", "reader_for"]

# Explicit, in the order detection tries them.
FORMATS = {module.NAME: module for module in (marcxml, unimarc, marc21, csvfile)}
FORMAT_CHOICES = [
    ("marc21", gettext_lazy("MARC21 (ISO 2709, MARC-8 or UTF-8)")),
    ("marcxml", gettext_lazy("MARCXML")),
    ("unimarc", gettext_lazy("UNIMARC or CNMARC (ISO 2709)")),
    ("csv", gettext_lazy("CSV (spreadsheet)")),
]


def detect_format(content: bytes) -> str:
    """The name of the format `content` is in, or FileRejected when it is none of them."""
    if not content.strip():
        raise FileRejected(_("The file is empty."))
    for name, module in FORMATS.items():
        if module.sniff(content):
            return name
    raise FileRejected(
        _("This file is not in a format Lantern can import (MARC21, MARCXML, UNIMARC/CNMARC or CSV with a header).")
    )


def reader_for(content: bytes, format: str | None = None):
    """The format module for `content`, after checking the whole file can be read in that format."""
    if not content.strip():
        raise FileRejected(_("The file is empty."))
    if format:
        if format not in FORMATS:
            raise FileRejected(_("“%(format)s” is not an import format.") % {"format": format})
        module = FORMATS[format]
        if not module.sniff(content):
            raise FileRejected(
                _("This file is not in %(format)s. Choose another format, or let Lantern detect it.")
                % {"format": module.LABEL}
            )
    else:
        module = FORMATS[detect_format(content)]
    module.check(content)
    return module
