"""Time ranges typed by staff, such as "10:00-12:00, 15:00-17:00": read, checked and sorted, for every page
that makes time slots in bulk (visits, pickup times)."""

import datetime
import itertools
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A range like 10:00-12:00; the colons, dashes and words Chinese keyboards type are accepted too.
TIME_RANGE = re.compile(r"^(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})$")
SEPARATORS = re.compile(r"[,，;；、\n]+")


def span(start: datetime.time, end: datetime.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"


def parse_time_ranges(text: str, *, example: str = "10:00-12:00") -> list[tuple[datetime.time, datetime.time]]:
    """The ranges in `text` (separated by commas, semicolons or lines), sorted; ValidationError for anything
    that is not a range, ends before it starts, or overlaps another. `example` is shown in the messages."""
    parts = [part.strip() for part in SEPARATORS.split(text or "") if part.strip()]
    if not parts:
        raise ValidationError(_("Give at least one time range, such as %(example)s.") % {"example": example})
    ranges = set()
    for part in parts:
        match = TIME_RANGE.match(part)
        try:
            if not match:
                raise ValueError
            h1, m1, h2, m2 = map(int, match.groups())
            start, end = datetime.time(h1, m1), datetime.time(h2, m2)
        except ValueError:
            raise ValidationError(
                _("“%(part)s” is not a time range like %(example)s.") % {"part": part, "example": example}
            ) from None
        if end <= start:
            raise ValidationError(_("%(part)s ends before it starts.") % {"part": part})
        ranges.add((start, end))
    ordered = sorted(ranges)
    for (start, end), (next_start, next_end) in itertools.pairwise(ordered):
        if next_start < end:
            raise ValidationError(
                _("%(a)s and %(b)s overlap.") % {"a": span(start, end), "b": span(next_start, next_end)}
            )
    return ordered
