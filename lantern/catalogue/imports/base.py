"""What every import format reader shares: the `Item` it yields per record, `FileRejected` for a file
that cannot be read at all, and `MarcRecord`, a plain decoded MARC record the field maps read."""

import dataclasses
import re
import unicodedata

from django.core.exceptions import ValidationError

from lantern.catalogue.services.records import RecordData


class FileRejected(ValidationError):
    """The whole file cannot be imported (wrong format, empty, bad header); nothing was written."""


@dataclasses.dataclass
class Item:
    """One record of a file: its position, and either its data (maybe with notes on repairs) or a problem."""

    position: int
    offset: int | None = None
    line: int | None = None
    data: RecordData | None = None
    problem: str = ""
    notes: list[str] = dataclasses.field(default_factory=list)

    def where(self) -> dict:
        entry = {"position": self.position}
        if self.offset is not None:
            entry["offset"] = self.offset
        if self.line is not None:
            entry["line"] = self.line
        return entry


@dataclasses.dataclass
class MarcField:
    tag: str
    indicators: str = "  "
    subfields: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    data: str = ""  # control fields (001-009)

    def get(self, code: str) -> str:
        return next((value for c, value in self.subfields if c == code), "")

    def get_all(self, *codes: str) -> list[str]:
        return [value for c, value in self.subfields if c in codes]


@dataclasses.dataclass
class MarcRecord:
    """A MARC record (MARC21 or UNIMARC), already decoded to Unicode."""

    leader: str
    fields: list[MarcField]

    def get(self, *tags: str) -> list[MarcField]:
        return [f for f in self.fields if f.tag in tags]

    def has(self, tag: str) -> bool:
        return any(f.tag == tag for f in self.fields)

    def control(self, tag: str) -> str:
        return next((f.data for f in self.fields if f.tag == tag), "")

    def first(self, tag: str, code: str) -> str:
        return next((f.get(code) for f in self.fields if f.tag == tag and f.get(code)), "")

    def looks_unimarc(self) -> bool:
        return self.has("200") and not self.has("245")


_TRAILING = re.compile(r"[\s/:;,=.]+$")
# A final period that belongs to the text: an initial (“Willard B.”), “Ph.D.”, “D.C.”, “Jr.”, “et al.”
_INITIAL = re.compile(r"(?:(?:^|[\s.])\w|\b(?:Jr|Sr|Inc|Ltd|Co|al|etc|ed))\.$")
_YEAR = re.compile(r"(1[0-9]{3}|20[0-9]{2})")


def clean(text: str) -> str:
    """A subfield without the ISBD punctuation that separates it from the next (“Escape from loneliness /”)."""
    text = unicodedata.normalize("NFC", " ".join((text or "").split()))
    kept_period = text.endswith(".") and _INITIAL.search(text)
    text = _TRAILING.sub("", text)
    if kept_period:
        text += "."
    if (text.startswith("[") and "]" not in text[1:-1]) or (text.endswith("]") and "[" not in text[:-1]):
        text = text.strip("[] ")  # brackets (“supplied by the cataloguer”) often open and close in two subfields
    return text


def year_in(text: str) -> int | None:
    match = _YEAR.search(text or "")
    return int(match.group(1)) if match else None
