"""Holdings in MARC records (the copies a library system exports under each record), read into `CopyData`.

`MARC21` (852, Koha's 952) and `UNIMARC` (CNMARC 905, Koha's 995) below say which subfield holds what;
MARC21, MARCXML and UNIMARC/CNMARC all read their holdings here through `copies()`. The rules (what
updates what, which statuses an import may change) are in README.md beside this file.

A holding without a barcode makes no copy: it is reported in `copy_warnings` and the record is still
imported. Loans and due dates in an export are not read: circulation is Lantern's own.
"""

import dataclasses

from django.utils.translation import gettext as _

from lantern.catalogue.models import Copy
from lantern.catalogue.services.records import BARCODE_MAX, CopyData

from .base import MarcField, MarcRecord


@dataclasses.dataclass(frozen=True)
class HoldingsField:
    tag: str
    barcode: str
    shelf_mark: tuple[str, ...]
    location: tuple[str, ...]
    # True: every location subfield found is kept (852 $b sublocation, $c shelf); else the first one wins.
    location_joins: bool = False
    shelf_mark_separator: str = " "
    lost: tuple[str, ...] = ()  # a code other than empty or 0 in any of these: lost or withdrawn
    not_for_loan: str = ""


MARC21 = (
    HoldingsField("852", barcode="p", shelf_mark=("k", "h", "i", "m"), location=("b", "c"), location_joins=True),
    HoldingsField("952", barcode="p", shelf_mark=("o",), location=("c", "a", "b"), lost=("1", "0"), not_for_loan="7"),
)
UNIMARC = (
    # Chinese call numbers are written class/book number: I242.4/C123.
    HoldingsField("905", barcode="b", shelf_mark=("d", "e"), location=("a",), shelf_mark_separator="/"),
    HoldingsField("995", barcode="f", shelf_mark=("k",), location=("e", "b"), lost=("2", "0"), not_for_loan="o"),
)


def copies(record: MarcRecord, fields: tuple[HoldingsField, ...], warnings: list[str]) -> list[CopyData]:
    """One CopyData per holding with a barcode (the first holding wins when a barcode repeats); every
    holding left out is described in `warnings`, in plain words, with the field it came from."""
    found: dict[str, CopyData] = {}
    for spec in fields:
        for number, field in enumerate(record.get(spec.tag), start=1):
            copy = _copy(field, spec)
            where = {"n": number, "tag": spec.tag, "details": _details(copy)}
            if not copy.barcode:
                warnings.append(
                    _("Holding %(n)d in field %(tag)s%(details)s has no barcode ($%(code)s); no copy was made of it.")
                    % {**where, "code": spec.barcode}
                )
            elif len(copy.barcode) > BARCODE_MAX:
                warnings.append(
                    _(
                        "The barcode of holding %(n)d in field %(tag)s%(details)s is longer than %(limit)d "
                        "characters; no copy was made of it."
                    )
                    % {**where, "limit": BARCODE_MAX}
                )
            elif copy.barcode in found:
                warnings.append(
                    _(
                        "The barcode %(barcode)s appears again in holding %(n)d in field %(tag)s; "
                        "only its first holding was taken."
                    )
                    % {**where, "barcode": copy.barcode}
                )
            else:
                found[copy.barcode] = copy
                if spec.not_for_loan and _flagged(field.get(spec.not_for_loan)):
                    # Lantern's statuses have no “library use only”: say so rather than guess lost.
                    warnings.append(
                        _(
                            "Copy %(barcode)s is marked not for loan ($%(code)s) in the export; Lantern has no "
                            "such status, so it is shown as available and can be ordered."
                        )
                        % {"barcode": copy.barcode, "code": spec.not_for_loan}
                    )
    return list(found.values())


def _details(copy: CopyData) -> str:
    """“ (GEN · 823 DIC)”: what the holding did say, so that staff can find the item."""
    said = " · ".join(part for part in (copy.location, copy.shelf_mark) if part)
    return f" ({said})" if said else ""


def _copy(field: MarcField, spec: HoldingsField) -> CopyData:
    locations = [_text(v) for code in spec.location for v in field.get_all(code) if _text(v)]
    if not spec.location_joins:
        locations = locations[:1]
    shelf_mark = spec.shelf_mark_separator.join(
        _text(v) for code in spec.shelf_mark for v in field.get_all(code) if _text(v)
    )
    flagged_lost = any(_flagged(field.get(code)) for code in spec.lost)
    return CopyData(
        barcode=_text(field.get(spec.barcode)),
        location=", ".join(locations),
        shelf_mark=shelf_mark,
        status=Copy.Status.LOST if flagged_lost else Copy.Status.AVAILABLE,
    )


def _text(value: str) -> str:
    """Holdings subfields carry no ISBD punctuation: only spaces are tidied (a shelf mark may end in “.”)."""
    return " ".join((value or "").split())


def _flagged(code: str) -> bool:
    """Koha's status codes: empty or 0 is “no”, any other value (1, 2, -1, a local code) is “yes”."""
    return code.strip() not in ("", "0")
