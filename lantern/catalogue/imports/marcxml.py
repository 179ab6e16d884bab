"""MARCXML (a `collection` or a single `record` in the MARC21 slim namespace); UNIMARC records in
MARCXML are recognised by their 200 field and mapped with the UNIMARC field map."""

import re

# Python 3.13's expat refuses entity-expansion bombs, so the standard parser is safe for uploads.
import xml.etree.ElementTree as ET
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import marc21, unimarc
from .base import FileRejected, Item, MarcField, MarcRecord

NAME = "marcxml"
LABEL = gettext_lazy("MARCXML")
NS = "http://www.loc.gov/MARC21/slim"
_ROOT = re.compile(rb"<(?:[\w.-]+:)?(collection|record)\b[^>]*" + re.escape(NS.encode()))


def sniff(content: bytes) -> bool:
    head = content[:4096].lstrip(b"\xef\xbb\xbf \r\n\t")
    return head.startswith(b"<") and bool(_ROOT.search(head))


def check(content: bytes) -> None:
    try:
        for _event, element in ET.iterparse(BytesIO(content), events=("start",)):  # noqa: S314
            if element.tag not in (f"{{{NS}}}collection", f"{{{NS}}}record"):
                raise FileRejected(_("This XML file is not MARCXML: its root is not a MARC collection or record."))
            return
    except ET.ParseError as exc:
        raise FileRejected(_("This XML file cannot be read: %(reason)s") % {"reason": exc}) from None


def count(content: bytes) -> int:
    return len(re.findall(rb"<(?:[\w.-]+:)?record\b", content))


def read(content: bytes):
    """One Item per <record>; if the XML breaks off, the records before the break are still imported."""
    position = 0
    try:
        for _event, element in ET.iterparse(BytesIO(content), events=("end",)):  # noqa: S314
            if element.tag != f"{{{NS}}}record":
                continue
            position += 1
            item = Item(position=position)
            record = _to_marc(element)
            if record.looks_unimarc():
                item.data = unimarc.to_data(record, item.notes, source_format=NAME)
            else:
                item.data = marc21.to_data(record, item.notes, source_format=NAME)
            element.clear()
            yield item
    except ET.ParseError as exc:
        yield Item(
            position=position + 1,
            problem=_("The XML breaks off here (%(reason)s); nothing after this point could be read.")
            % {"reason": exc},
        )


def _to_marc(element) -> MarcRecord:
    leader = (element.findtext(f"{{{NS}}}leader") or "").ljust(24)
    fields = []
    for child in element:
        tag = child.get("tag", "")
        if child.tag == f"{{{NS}}}controlfield":
            fields.append(MarcField(tag=tag, data=child.text or ""))
        elif child.tag == f"{{{NS}}}datafield":
            indicators = (child.get("ind1", " ") or " ")[:1] + (child.get("ind2", " ") or " ")[:1]
            subfields = [(sub.get("code", ""), sub.text or "") for sub in child if sub.tag == f"{{{NS}}}subfield"]
            fields.append(MarcField(tag=tag, indicators=indicators, subfields=subfields))
    return MarcRecord(leader=leader, fields=fields)
