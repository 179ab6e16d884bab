"""ISO 2709, the exchange format of MARC21 and UNIMARC/CNMARC: records split at the record terminator
(so a wrong record length in a leader does not derail the records after it), parsed by pymarc, and
decoded to Unicode (UTF-8, MARC-8, or GB18030 for older CNMARC files)."""

import logging
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _
from pymarc import exceptions as marc_errors
from pymarc.exceptions import BadSubfieldCodeWarning
from pymarc.marc8 import marc8_to_unicode
from pymarc.record import Record

from .base import Item, MarcField, MarcRecord

TERMINATOR = b"\x1d"
_LEADER_START = re.compile(rb"\s*\d{5}")
_TAG = re.compile(r"^[0-9A-Za-z]{3}$")
# Non-sorting markers (NSB/NSE) around “L'” in “L'altra faccia”, in their ISO 6429 and Unicode forms.
_NON_SORTING = dict.fromkeys(map(ord, "\x88\x89\x98\x9c"))
_pymarc_log = logging.getLogger("pymarc")


def looks_like(content: bytes) -> bool:
    """Whether the file starts like ISO 2709: a five-digit record length and a record terminator."""
    return bool(_LEADER_START.match(content[:64])) and (TERMINATOR in content or b"\x1e" in content)


def chunks(content: bytes) -> Iterator[tuple[int, bytes]]:
    """(byte offset, bytes) of each record; padding and line breaks between records are not records."""
    start = 0
    while start < len(content):
        end = content.find(TERMINATOR, start)
        end = len(content) if end < 0 else end + 1
        chunk = content[start:end]
        stripped = chunk.lstrip(b" \r\n\t\x00")
        if stripped.strip(TERMINATOR + b" \r\n\t\x00"):
            yield start + len(chunk) - len(stripped), stripped
        start = end


def count(content: bytes) -> int:
    return sum(1 for _chunk in chunks(content))


def first_records(content: bytes, limit: int = 5) -> list[MarcRecord]:
    """Up to `limit` of the first records that parse, to tell MARC21 from UNIMARC."""
    found = []
    for _offset, chunk in chunks(content):
        try:
            found.append(parse(chunk, decode_text=_latin1)[0])
        except ValueError:
            continue
        if len(found) >= limit:
            break
    return found


def read(content: bytes, decode_text: Callable, to_data: Callable) -> Iterator[Item]:
    """One Item per record: the mapped data, or what is wrong with the record in plain words."""
    for position, (offset, chunk) in enumerate(chunks(content), start=1):
        item = Item(position=position, offset=offset)
        try:
            record, item.notes = parse(chunk, decode_text)
        except ValueError as exc:
            item.problem = str(exc)
        else:
            item.data = to_data(record, item.notes)
        yield item


class _Silence(logging.Filter):
    """Counts pymarc's own warnings (“missing indicators”) instead of printing them."""

    def __init__(self):
        super().__init__()
        self.seen = 0

    def filter(self, record):
        self.seen += 1
        return False


def parse(chunk: bytes, decode_text: Callable) -> tuple[MarcRecord, list[str]]:
    """A decoded record and notes on what was repaired, or ValueError saying why it cannot be read."""
    notes: list[str] = []
    if chunk.endswith(TERMINATOR) and chunk[:5].isdigit() and int(chunk[:5]) != len(chunk):
        # A complete record (it ends with its terminator) whose leader miscounts its length: read it anyway.
        notes.append(_("The leader gave a wrong record length; the record was read up to its end marker."))
        chunk = b"%05d" % len(chunk) + chunk[5:]
    silence = _Silence()
    _pymarc_log.addFilter(silence)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", BadSubfieldCodeWarning)
            raw = Record(data=chunk, to_unicode=False)
    except marc_errors.RecordLengthInvalid:
        raise ValueError(_("The record does not start with its length (five digits).")) from None
    except marc_errors.RecordLeaderInvalid:
        raise ValueError(_("The record's leader is damaged.")) from None
    except (marc_errors.BaseAddressInvalid, marc_errors.BaseAddressNotFound):
        raise ValueError(_("The leader says the data starts at a place that is not in the record.")) from None
    except marc_errors.RecordDirectoryInvalid:
        raise ValueError(_("The record's directory (the list of its fields) is damaged.")) from None
    except marc_errors.NoFieldsFound:
        raise ValueError(_("The record has no fields.")) from None
    except marc_errors.TruncatedRecord:
        raise ValueError(_("The record is cut short: it is shorter than its leader says.")) from None
    except (UnicodeDecodeError, ValueError, IndexError):
        raise ValueError(_("The record's leader or directory is damaged (unreadable characters or numbers).")) from None
    finally:
        _pymarc_log.removeFilter(silence)
    if silence.seen:
        notes.append(_("Some fields had missing or extra indicators; they were read as blank."))
    repaired = {bytes(w.message.subf) for w in caught if issubclass(w.category, BadSubfieldCodeWarning)}
    fields = []
    for raw_field in raw.fields:
        if not _TAG.match(raw_field.tag):
            notes.append(_("A field with the damaged tag “%(tag)s” was left out.") % {"tag": raw_field.tag.strip()})
            continue
        if raw_field.is_control_field():
            data = raw_field.data
            text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
            fields.append(MarcField(tag=raw_field.tag, data=text))
            continue
        subfields = []
        for sub in raw_field.subfields:
            value = bytes(sub.value)
            code = sub.code
            if repaired and _was_repaired(code, value, repaired):
                value = value[1:]  # pymarc kept the real code letter at the start of the value
                notes.append(
                    _("Field %(tag)s had an unreadable character where a subfield code belongs; read as $%(code)s.")
                    % {"tag": raw_field.tag, "code": code}
                )
            subfields.append((code, value))
        fields.append(MarcField(tag=raw_field.tag, indicators="".join(raw_field.indicators), subfields=subfields))
    text_of = decode_text(raw.leader, fields, notes)
    for field in fields:
        field.subfields = [(code, text_of(value)) for code, value in field.subfields]
    return MarcRecord(leader=str(raw.leader), fields=fields), notes


def _was_repaired(code: str, value: bytes, repaired: set[bytes]) -> bool:
    return any(bad.endswith(value) and bad.startswith(b"\xef\xbf\xbd" + code.encode()) for bad in repaired)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text.translate(_NON_SORTING))


def _all_bytes(fields) -> bytes:
    return b"".join(value for field in fields for _code, value in field.subfields)


def _latin1(leader, fields, notes) -> Callable[[bytes], str]:
    return lambda value: value.decode("latin-1")


def utf8_or_marc8(leader, fields, notes) -> Callable[[bytes], str]:
    """MARC21 text: UTF-8 when the leader says so (or the bytes can only be UTF-8), else MARC-8."""
    everything = _all_bytes(fields)
    if leader[9] == "a" or _is_utf8(everything):
        try:
            everything.decode("utf-8")
        except UnicodeDecodeError:
            notes.append(_("Some text was not valid UTF-8; the unreadable bytes were replaced by �."))
        return lambda value: normalize(value.decode("utf-8", "replace"))
    return lambda value: normalize(marc8_to_unicode(value, hide_utf8_warnings=True))


def utf8_or_gb18030(leader, fields, notes) -> Callable[[bytes], str]:
    """UNIMARC/CNMARC text: UTF-8 (character set “50” in 100$a), else GB18030 (older CNMARC), else Latin-1."""
    everything = _all_bytes(fields)
    for encoding in ("utf-8", "gb18030"):
        try:
            everything.decode(encoding)
        except UnicodeDecodeError:
            continue
        return lambda value, encoding=encoding: normalize(value.decode(encoding))
    notes.append(_("The character set could not be recognised; accented letters may be wrong."))
    return lambda value: normalize(value.decode("latin-1"))


def _is_utf8(data: bytes) -> bool:
    """Non-ASCII bytes that decode as UTF-8: MARC-8 text (a diacritic before an ASCII letter) never does."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
