"""CSV with a documented header (UTF-8, with or without a byte-order mark; GB18030 from Chinese Excel).

Columns: see HEADER. Only `title` is required; `;` separates several authors, subjects or ISBNs. A row
may also describe copies (one `barcode`, or several `barcodes` separated by `|` or `;`, sharing the row's
`location` and `shelf_mark`) and one e-resource (url, platform, access_note).
"""

import csv
import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.catalogue.services.records import CopyData, EResourceData, RecordData

from .base import FileRejected, Item

NAME = "csv"
LABEL = gettext_lazy("CSV")
HEADER = [
    "title",
    "subtitle",
    "authors",
    "publisher",
    "year",
    "isbn",
    "edition",
    "language",
    "subjects",
    "classification",
    "summary",
    "format",
    "barcode",
    "barcodes",
    "location",
    "shelf_mark",
    "url",
    "platform",
    "access_note",
]
_COLUMN_NAME = re.compile(r"^[^\W\d][\w -]{0,39}$")
EXAMPLE = [
    {
        "title": "红楼梦",
        "authors": "曹雪芹; 高鹗",
        "publisher": "人民文学出版社",
        "year": "1996",
        "isbn": "978-7-02-002207-6",
        "language": "chi",
        "subjects": "章回小说; 中国",
        "classification": "I242.4",
        "edition": "第3版",
        "format": "print_book",
        "barcodes": "A0001234|A0001235",
        "location": "二楼中文图书",
        "shelf_mark": "I242.4/C123",
    },
    {
        "title": "Plague",
        "subtitle": "a very short introduction",
        "authors": "Slack, Paul",
        "publisher": "Oxford University Press",
        "year": "2012",
        "isbn": "9780199589548",
        "language": "eng",
        "subjects": "Plague -- History; Epidemics",
        "format": "ebook",
        "url": "https://ebooks.example.org/plague",
        "platform": "Example e-books",
        "access_note": "Free during the closure",
    },
]


def _text(content: bytes) -> str | None:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _header(content: bytes) -> list[str] | None:
    text = _text(content[:65536]) or _text(content)
    if text is None or "\x00" in text[:4096]:
        return None
    first = next(csv.reader(io.StringIO(text)), None)
    return [name.strip().lower() for name in first] if first else None


def sniff(content: bytes) -> bool:
    """Text whose first line names columns (words, not data): check() then says what is wrong with them."""
    header = _header(content)
    return bool(header) and all(_COLUMN_NAME.match(name) for name in header) and ("title" in header or len(header) > 1)


def check(content: bytes) -> None:
    """The header must name `title` and only known columns; otherwise the file is refused at once."""
    if _text(content) is None:
        raise FileRejected(_("The CSV file is not in UTF-8 (or GB18030); save it as “CSV UTF-8” and try again."))
    header = _header(content) or []
    unknown = [name for name in header if name not in HEADER]
    if unknown:
        raise FileRejected(
            _("Unknown column(s) in the header: %(unknown)s. The columns Lantern reads are: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(HEADER)}
        )
    if "title" not in header:
        raise FileRejected(_("The header has no “title” column; the first line must name the columns."))
    if len(set(header)) != len(header):
        raise FileRejected(_("A column appears twice in the header."))


def count(content: bytes) -> int:
    return max((_text(content) or "").count("\n"), 1)


def _split(value: str) -> list[str]:
    return [part.strip() for part in (value or "").split(";") if part.strip()]


_BARCODE_SEPARATORS = re.compile(r"[|;]")


def read(content: bytes):
    """One Item per row; its position is the row's number and `line` the line it starts on."""
    reader = csv.DictReader(io.StringIO(_text(content) or ""))
    reader.fieldnames = [name.strip().lower() for name in reader.fieldnames or []]
    position = 0
    line = reader.line_num + 1
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            line = reader.line_num + 1
            continue
        position += 1
        item = Item(position=position, line=line)
        line = reader.line_num + 1
        if None in row:
            item.problem = _("The row has more values than the header has columns.")
            yield item
            continue
        item.data, item.problem = _to_data({k: (v or "").strip() for k, v in row.items()})
        yield item


def _to_data(row: dict) -> tuple[RecordData | None, str]:
    year = None
    if row.get("year"):
        if not row["year"].isdigit():
            return None, _("The year “%(year)s” is not a number.") % {"year": row["year"]}
        year = int(row["year"])
    data = RecordData(
        title=row.get("title", ""),
        subtitle=row.get("subtitle", ""),
        edition=row.get("edition", ""),
        authors=_split(row.get("authors", "")),
        publisher=row.get("publisher", ""),
        year=year,
        isbns=_split(row.get("isbn", "")),
        language=row.get("language", ""),
        subjects=_split(row.get("subjects", "")),
        classification=row.get("classification", ""),
        summary=row.get("summary", ""),
        format=row.get("format") or "print_book",
        source_format=NAME,
    )
    barcodes = [row["barcode"]] if row.get("barcode") else []
    barcodes += [part.strip() for part in _BARCODE_SEPARATORS.split(row.get("barcodes", "")) if part.strip()]
    for barcode in dict.fromkeys(barcodes):
        data.copies.append(
            CopyData(barcode=barcode, location=row.get("location", ""), shelf_mark=row.get("shelf_mark", ""))
        )
    if not barcodes and (row.get("location") or row.get("shelf_mark")):
        data.copy_warnings.append(
            _("A location or shelf mark is given without a barcode (barcode or barcodes); no copy was made.")
        )
    if row.get("url"):
        data.eresources.append(
            EResourceData(url=row["url"], platform=row.get("platform", ""), access_note=row.get("access_note", ""))
        )
    elif row.get("platform") or row.get("access_note"):
        return None, _("A platform or access note is given without a web address (url).")
    return data, ""
