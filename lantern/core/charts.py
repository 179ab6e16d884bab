"""Small helpers for the SVG charts drawn on the server: axis ticks over a time window, and labels shortened
by their printed width (a CJK character is about twice as wide as a Latin one)."""

import datetime

from django.utils import timezone


def time_ticks(start: datetime.datetime, end: datetime.datetime) -> list[tuple[datetime.datetime, str]]:
    first, last = timezone.localtime(start), timezone.localtime(end)
    days = (last - first).days
    ticks = []
    if days <= 90:  # weekly, on Mondays
        day = (first + datetime.timedelta(days=(7 - first.weekday()) % 7)).replace(hour=0, minute=0, second=0)
        while day <= last:
            ticks.append((day, day.strftime("%m-%d")))
            day += datetime.timedelta(days=7)
        return ticks
    step = 1 if days <= 400 else 3
    month = first.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while month <= last:
        if month >= first:
            ticks.append((month, month.strftime("%Y-%m")))
        year, index = divmod(month.month - 1 + step, 12)
        month = month.replace(year=month.year + year, month=index + 1)
    return ticks


def short_label(name: str, limit: int = 14) -> str:
    # CJK characters are about twice as wide as Latin ones at the same font size.
    width, out = 0, ""
    for char in name:
        width += 2 if ord(char) > 0x2E80 else 1
        if width > limit * 2:
            return out + "…"
        out += char
    return out
