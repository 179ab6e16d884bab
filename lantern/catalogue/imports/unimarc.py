"""UNIMARC and CNMARC (China's national format, which follows UNIMARC's layout) in ISO 2709.

One field map serves both: 001 control number, 010 $a ISBN ($b qualifier, $d price), 101 $a language,
200 $a title / $e other title information / $f $g responsibility, 205 edition, 210 (or 214) $c
publisher and $d date, 330 summary, 606 subjects, 690 (Chinese Library Classification) / 676 (Dewey) /
675 (UDC) / 686 classification, 700/701/702 and 710/711/712 names; holdings in 905 (CNMARC) and 995
(Koha) become copies (see holdings.py).
"""

from django.utils.translation import gettext_lazy

from lantern.catalogue.models import Format
from lantern.catalogue.services.records import RecordData

from . import holdings, iso2709, marc21
from .base import MarcField, MarcRecord, clean, year_in

NAME = "unimarc"
LABEL = gettext_lazy("UNIMARC/CNMARC")


def sniff(content: bytes) -> bool:
    if not iso2709.looks_like(content):
        return False
    sample = iso2709.first_records(content)
    return bool(sample) and all(record.looks_unimarc() for record in sample)


def check(content: bytes) -> None:
    """Nothing to check beyond sniff: damaged records are reported one by one."""


def count(content: bytes) -> int:
    return iso2709.count(content)


def read(content: bytes):
    return iso2709.read(content, iso2709.utf8_or_gb18030, to_data)


def _name(field: MarcField) -> str:
    family, given = clean(field.get("a")), clean(field.get("b")).lstrip(", ")
    return f"{family}, {given}" if family and given else family


def to_data(record: MarcRecord, notes: list[str], source_format: str = NAME) -> RecordData:
    title_field = next(iter(record.get("200")), MarcField("200"))
    imprint = next((f for f in record.get("210", "214") if f.get("c") or f.get("d")), MarcField("210"))
    responsibility = "; ".join(clean(v) for v in title_field.get_all("f", "g") if clean(v))
    kind, level = (record.leader + "  ")[6:8]
    fmt = {"l": Format.EBOOK, "i": Format.AUDIOBOOK, "g": Format.VIDEO}.get(kind, Format.PRINT_BOOK)
    if level == "s":
        fmt = Format.PERIODICAL
    data = RecordData(
        title=" : ".join(clean(v) for v in title_field.get_all("a") if clean(v)),
        subtitle=" : ".join(clean(v) for v in title_field.get_all("e") if clean(v)),
        responsibility=responsibility,
        authors=[_name(f) for f in record.get("700", "701", "702", "710", "711", "712") if f.get("a")],
        publisher=clean(imprint.get("c")),
        year=year_in(imprint.get("d")) or year_in(record.first("100", "a")[9:13]),
        isbns=marc21.isbns(record, notes, tag="010"),
        language=record.first("101", "a")[:3].lower(),
        subjects=[
            " -- ".join(clean(v) for v in f.get_all("a", "x", "y", "z") if clean(v))
            for f in record.get("606", "600", "601", "607")
            if f.get("a")
        ],
        classification=marc21.classification(record, ("690", "676", "675", "686")),
        summary="\n\n".join(f.get("a").strip() for f in record.get("330") if f.get("a").strip()),
        format=fmt,
        control_number=record.control("001").strip(),
        source_format=source_format,
        edition=clean(record.first("205", "a")),
    )
    data.copies = holdings.copies(record, holdings.UNIMARC, data.copy_warnings)
    return data
