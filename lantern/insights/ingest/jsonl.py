"""JSON Lines: one object per line with the fields `url`, `title`, `text`, `published`, `library`.

Only `text` is required; other keys (`id`, as `lantern classify` reads) are ignored. A line that is not a
JSON object is reported with its line number and the rest come in. UTF-8 (or GB18030).
"""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .base import Item, decode, row_item

NAME = "jsonl"
LABEL = gettext_lazy("JSON Lines (one post per line)")


def _lines(content: bytes):
    for number, line in enumerate(decode(content).lstrip("\ufeff").splitlines(), start=1):
        if line.strip():
            yield number, line


def sniff(content: bytes) -> bool:
    lines = _lines(content[:200000])
    first = next(lines, None)
    if first is None or not first[1].lstrip().startswith("{"):
        return False
    try:
        data = json.loads(first[1])
    except ValueError:
        return False
    # One line alone could be a JSON export of one article: JSONL when there are more lines or it has "text".
    return isinstance(data, dict) and (next(lines, None) is not None or "text" in data)


def check(content: bytes) -> None:
    return None


def count(content: bytes) -> int:
    return sum(1 for _line in _lines(content))


def read(content: bytes):
    for position, (number, line) in enumerate(_lines(content), start=1):
        try:
            row = json.loads(line)
        except ValueError as exc:
            yield Item(position, line=number, problem=_("not valid JSON (%(reason)s)") % {"reason": exc.msg})
            continue
        if not isinstance(row, dict):
            yield Item(position, line=number, problem=_("not a JSON object with fields"))
            continue
        yield row_item(row, position, number, line)
