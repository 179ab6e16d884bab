"""The network status board's data and its timeline chart: each library's history cut into coloured
segments over a window of time, its closure and reopening dates, and the chart drawn as inline SVG
(presentation attributes only, so the strict CSP allows it; no JavaScript)."""

import dataclasses
import datetime
from html import escape

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lantern.core.charts import short_label, time_ticks
from lantern.core.models import Library, ServiceMode
from lantern.core.status_history import closure_dates, history_of

# The banner's colours (lantern.css), so the chart and the banner speak the same language.
MODE_COLOURS = {
    ServiceMode.OPEN: "#0b6b2f",
    ServiceMode.APPOINTMENT: "#0b4f8a",
    ServiceMode.CONTACTLESS: "#c46a00",
    ServiceMode.CLOSED: "#a11212",
}
LABEL_W, AXIS_H, ROW_H, BAR_H, PAD = 180, 28, 28, 18, 8
MAX_WINDOW_DAYS = 3 * 366


@dataclasses.dataclass
class Segment:
    mode: str
    start: datetime.datetime
    end: datetime.datetime

    @property
    def label(self) -> str:
        return str(ServiceMode(self.mode).label)


@dataclasses.dataclass
class BoardRow:
    library: Library
    history: list[tuple[str, datetime.datetime]]
    segments: list[Segment]
    closed_on: datetime.date | None
    reopened_on: datetime.date | None


def segments_of(history, start: datetime.datetime, end: datetime.datetime) -> list[Segment]:
    segments = []
    for i, (mode, since) in enumerate(history):
        until = history[i + 1][1] if i + 1 < len(history) else end
        lo, hi = max(since, start), min(until, end)
        if hi > lo:
            segments.append(Segment(mode, lo, hi))
    return segments


def board_rows(libraries, start: datetime.datetime, end: datetime.datetime) -> list[BoardRow]:
    rows = []
    for library in libraries:
        history = history_of(library)
        closed_on, reopened_on = closure_dates(history, start, end)
        rows.append(BoardRow(library, history, segments_of(history, start, end), closed_on, reopened_on))
    # As in the study's chart: the earliest to reopen first, those still closed last.
    rows.sort(key=lambda row: (row.reopened_on or datetime.date.max, row.closed_on or datetime.date.max))
    return rows


def network_libraries(network):
    return Library.objects.in_network(network).prefetch_related("mode_changes").order_by("province", "slug")


def default_window(libraries, now: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    """From a week before the earliest recorded change (at most three years back) until now."""
    earliest = min(
        (change.since for library in libraries for change in library.mode_changes.all()),
        default=now - datetime.timedelta(days=30),
    )
    start = max(earliest - datetime.timedelta(days=7), now - datetime.timedelta(days=MAX_WINDOW_DAYS))
    return min(start, now - datetime.timedelta(days=30)), now


# --- drawing -------------------------------------------------------------------------------------
def timeline_svg(rows: list[BoardRow], start: datetime.datetime, end: datetime.datetime, *, ident: str) -> SafeString:
    """The timeline chart: one row per library, a bar per mode segment, weekly or monthly ticks."""
    span = max((end - start).total_seconds(), 1.0)
    days = span / 86400
    plot_w = int(min(max(days * 4, 420), 1400))
    width, height = LABEL_W + plot_w + PAD, AXIS_H + ROW_H * max(len(rows), 1) + PAD

    def x(moment: datetime.datetime) -> float:
        return round(LABEL_W + (moment - start).total_seconds() / span * plot_w, 1)

    fmt = "%Y-%m-%d"
    title = _("Service mode of each library over time, %(start)s to %(end)s") % {
        "start": timezone.localtime(start).strftime(fmt),
        "end": timezone.localtime(end).strftime(fmt),
    }
    desc = _("One row per library; bar colours show the mode: see the legend. The table below has the same dates.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>',
    ]
    for moment, label in time_ticks(start, end):
        tx = x(moment)
        parts.append(
            f'<line x1="{tx}" y1="{AXIS_H - 6}" x2="{tx}" y2="{height - PAD}" stroke="#d0d7de" stroke-width="1"/>'
            f'<text x="{tx}" y="{AXIS_H - 10}" font-size="11" fill="#1f2328" text-anchor="middle">{label}</text>'
        )
    for i, row in enumerate(rows):
        top = AXIS_H + i * ROW_H
        name = str(row.library.name)
        parts.append(
            f'<text x="4" y="{top + ROW_H / 2 + 4}" font-size="12" fill="#1f2328">'
            f"<title>{escape(name)}</title>{escape(short_label(name))}</text>"
        )
        for segment in row.segments:
            left, right = x(segment.start), x(segment.end)
            first = timezone.localtime(segment.start).strftime(fmt)
            last = timezone.localtime(segment.end).strftime(fmt)
            tip = f"{segment.label}: {first} – {last}"
            parts.append(
                f'<rect class="mode-{segment.mode}" x="{left}" y="{top + (ROW_H - BAR_H) / 2}" '
                f'width="{max(right - left, 1)}" height="{BAR_H}" fill="{MODE_COLOURS[segment.mode]}">'
                f"<title>{escape(name)} · {escape(tip)}</title></rect>"
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def legend() -> list[tuple[str, str, str]]:
    return [(mode.value, str(mode.label), MODE_COLOURS[mode]) for mode in ServiceMode]
