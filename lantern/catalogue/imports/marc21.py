"""MARC21 in ISO 2709 (MARC-8 or UTF-8), and the MARC21 field map that MARCXML shares."""

from django.utils.translation import gettext_lazy

from lantern.catalogue.models import Format
from lantern.catalogue.services.records import RecordData

from . import holdings, iso2709
from .base import MarcRecord, clean, year_in

NAME = "marc21"
LABEL = gettext_lazy("MARC21")


def sniff(content: bytes) -> bool:
    if not iso2709.looks_like(content):
        return False
    sample = iso2709.first_records(content)
    return not sample or not all(record.looks_unimarc() for record in sample)


def check(content: bytes) -> None:
    """Nothing to check beyond sniff: damaged records are reported one by one."""


def count(content: bytes) -> int:
    return iso2709.count(content)


def read(content: bytes):
    return iso2709.read(content, iso2709.utf8_or_marc8, to_data)


def to_data(record: MarcRecord, notes: list[str], source_format: str = NAME) -> RecordData:
    """MARC21 fields → RecordData (001, 020, 041/008, 100/700, 245, 250, 260/264, 520, 6xx, 050/082/084),
    and holdings in 852 or Koha's 952 → copies (see holdings.py)."""
    title_field = next(iter(record.get("245")), None)
    title = subtitle = responsibility = ""
    if title_field:
        title = " ".join(clean(v) for v in title_field.get_all("a", "n", "p") if clean(v))
        subtitle = clean(title_field.get("b"))
        responsibility = clean(title_field.get("c"))
    imprint = next((f for f in record.get("264") if f.indicators[1:] == "1"), None) or next(
        iter(record.get("260", "264")), None
    )
    fixed = record.control("008")
    year = year_in(imprint.get("c")) if imprint else None
    if year is None and fixed[7:11].isdigit():
        year = int(fixed[7:11])
    language = record.first("041", "a")[:3] or (fixed[35:38] if fixed[35:38].strip(" |") else "")
    data = RecordData(
        title=title,
        subtitle=subtitle,
        responsibility=responsibility,
        authors=[clean(" ".join(f.get_all("a", "b", "c", "d")[:1])) for f in record.get("100", "110", "700", "710")],
        publisher=clean(imprint.get("b")) if imprint else "",
        year=year,
        isbns=isbns(record, notes),
        language=language.lower(),
        subjects=subjects(record, ("600", "610", "611", "630", "650", "651")),
        classification=classification(record, ("050", "082", "084")),
        summary=summary(record),
        format=format_of(record),
        control_number=record.control("001").strip(),
        source_format=source_format,
        edition=clean(record.first("250", "a")),
    )
    data.copies = holdings.copies(record, holdings.MARC21, data.copy_warnings)
    return data


def summary(record: MarcRecord) -> str:
    """520 summaries; failing those, the 505 contents note, which readers search just as well."""
    for tag in ("520", "505"):
        text = "\n\n".join(" ".join(f.get_all("a", "t", "r")).strip() for f in record.get(tag))
        if text.strip():
            return text.strip()
    return ""


def isbns(record: MarcRecord, notes: list[str], tag: str = "020") -> list[str]:
    from django.utils.translation import gettext as _

    from lantern.catalogue.services.records import split_isbn

    found = []
    for field in record.get(tag):
        text = field.get("a")
        if not text:
            continue
        qualifiers = " ".join(f"({q.strip(' ()')})" for q in field.get_all("q", "b", "d") if q.strip(" ()"))
        if split_isbn(text) is None:
            notes.append(
                _("“%(isbn)s” in field %(tag)s is not a valid ISBN; it was left out.") % {"isbn": text, "tag": tag}
            )
            continue
        found.append(f"{text} {qualifiers}".strip())
    return found


def subjects(record: MarcRecord, tags) -> list[str]:
    return [
        " -- ".join(clean(v) for v in f.get_all("a", "x", "y", "z") if clean(v))
        for f in record.get(*tags)
        if f.get("a")
    ]


def classification(record: MarcRecord, tags) -> str:
    for tag in tags:
        for field in record.get(tag):
            if field.get("a"):
                return " ".join(clean(v) for v in [field.get("a"), field.get("b")] if v)
    return ""


def format_of(record: MarcRecord) -> str:
    """Leader/06 (type of record) and /07 (bibliographic level), with 008/23 for online text."""
    kind, level = (record.leader + "  ")[6:8]
    online = record.control("008")[23:24] in ("o", "s") or "electronic" in record.first("245", "h").lower()
    if level in ("s",) and kind in "a":
        return Format.PERIODICAL
    if kind == "m":
        return Format.DATABASE if level in ("i", "s") else Format.EBOOK
    if kind == "i":
        return Format.AUDIOBOOK
    if kind == "g":
        return Format.VIDEO
    if kind == "a" and level == "i":
        return Format.DATABASE
    return Format.EBOOK if online else Format.PRINT_BOOK
