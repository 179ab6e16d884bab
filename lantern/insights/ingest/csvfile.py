"""CSV with a header line: `url,title,text,published,library` (see README.md).

Only `text` is required; columns may come in any order; `id` is accepted and ignored; any other unknown
column refuses the whole file (a misspelt `pubished` would otherwise lose every date). UTF-8 with or
without BOM, or GB18030. A bad row is reported with its line number and the rest come in.
"""

import csv
import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import IGNORED_FIELDS, ROW_FIELDS, FileRejected, Item, decode, row_item

NAME = "csv"
LABEL = gettext_lazy("CSV (spreadsheet)")
HEADER = ROW_FIELDS
EXAMPLE = [
    {
        "url": "https://library.example.org/news/2020-01-24",
        "title": "关于暂停开放的公告",
        "text": "因疫情防控需要，我馆自2020年1月24日起暂停开放，数字资源照常服务。",
        "published": "2020-01-23",
        "library": "",
    },
    {
        "url": "",
        "title": "Reopening on 8 June",
        "text": "The library will reopen on June 8 with limited seats; book a visit online.",
        "published": "",
        "library": "",
    },
]


def _header(content: bytes) -> list[str]:
    text = decode(content[:8192])
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return [name.strip().lower() for name in next(csv.reader([first]), [])]


def sniff(content: bytes) -> bool:
    header = _header(content)
    # Loose on purpose: `check` then names the unknown columns instead of "not a format Lantern knows".
    return len(header) >= 2 and "text" in header


def check(content: bytes) -> None:
    header = _header(content)
    unknown = [name for name in header if name not in ROW_FIELDS + IGNORED_FIELDS]
    if unknown or "text" not in header:
        raise FileRejected(
            _("The first line must name the columns: %(header)s (only “text” is required). Unknown: %(unknown)s")
            % {"header": ",".join(ROW_FIELDS), "unknown": ", ".join(unknown) or "—"}
        )


def count(content: bytes) -> int:
    return max(0, content.count(b"\n") - 1)


def read(content: bytes):
    text = decode(content).lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    position = 0
    start = reader.line_num + 1
    for row in reader:
        position += 1
        line = start
        start = reader.line_num + 1
        if None in row:  # more cells than columns
            yield Item(position, line=line, problem=_("the row has more cells than the header has columns"))
            continue
        if all(not (value or "").strip() for value in row.values()):
            position -= 1
            continue
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="").writerow([row.get(name) or "" for name in reader.fieldnames])
        yield row_item(row, position, line, ",".join(reader.fieldnames) + "\n" + buffer.getvalue())
