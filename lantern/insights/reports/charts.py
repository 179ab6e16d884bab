"""The report's charts as SVG (presentation attributes only, so the strict CSP allows them inline; no
JavaScript), and each as PNG through cairosvg. Every chart has its table beside it on the page.

Text is set in Noto Sans CJK so that Chinese labels render in the PNG and the PDF as on screen. Colours are
the Okabe–Ito palette, told apart by readers with colour-vision deficiencies.
"""

import datetime
from html import escape

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lantern.core.charts import short_label, time_ticks

from ..taxonomy import Category
from .data import SOURCE_LABELS, SOURCE_POST, SOURCE_STATUS, CodeRow, MonthRow, Report

FONT = "'Noto Sans CJK SC', 'Noto Sans CJK', 'WenQuanYi Micro Hei', sans-serif"
INK, GRID, MUTED = "#1f2328", "#d0d7de", "#57606a"
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
CATEGORY_COLOURS = dict(zip(Category.values, PALETTE, strict=False))
SOURCE_COLOURS = {SOURCE_STATUS: "#a11212", SOURCE_POST: "#E69F00"}


def _open(width: int, height: int, ident: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="report-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'font-family="{FONT}">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<title id="{ident}-title">{escape(title)}</title><desc id="{ident}-desc">{escape(desc)}</desc>',
    ]


def bar_chart(rows: list[CodeRow], *, ident: str, title: str) -> SafeString:
    """Horizontal bars, one per code, with the count and the share written at the bar's end."""
    label_w, bar_w, row_h, top = 230, 320, 26, 8
    width, height = label_w + bar_w + 110, top * 2 + row_h * max(len(rows), 1)
    most = max((row.count for row in rows), default=0) or 1
    parts = _open(width, height, ident, title, _("One bar per code; the table beside has the same figures."))
    for i, row in enumerate(rows):
        y = top + i * row_h
        length = round(row.count / most * bar_w, 1)
        colour = CATEGORY_COLOURS.get(row.code, PALETTE[i % len(PALETTE)])
        figure = f"{row.count} · {row.share:.0%}"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + row_h / 2 + 4}" font-size="12" fill="{INK}" text-anchor="end">'
            f"<title>{escape(row.label)}</title>{escape(short_label(row.label, 17))}</text>"
            f'<rect x="{label_w}" y="{y + 4}" width="{max(length, 1)}" height="{row_h - 8}" fill="{colour}">'
            f"<title>{escape(row.label)}: {escape(figure)}</title></rect>"
            f'<text x="{label_w + length + 6}" y="{y + row_h / 2 + 4}" font-size="12" fill="{INK}">'
            f"{escape(figure)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text above is escaped


def month_chart(months: list[MonthRow], *, ident: str, title: str) -> SafeString:
    """Stacked bars: records per month, one colour per category (a record with two categories counts in
    both, so a bar can be taller than the month's number of records)."""
    left, top, plot_h, bottom = 44, 12, 220, 44
    legend_h = 20 * ((len(Category.values) + 2) // 3)
    step = max(min(600 // max(len(months), 1), 40), 8)
    width = max(left + step * len(months) + 16, 560)
    height = top + plot_h + bottom + legend_h
    highest = max((sum(m.counts.values()) for m in months), default=0) or 1
    parts = _open(width, height, ident, title, _("Stacked bars, one per month, coloured by category; see the table."))
    for fraction in (0, 0.5, 1):
        y = round(top + plot_h - fraction * plot_h, 1)
        parts.append(
            f'<line x1="{left}" y1="{y}" x2="{width - 8}" y2="{y}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4}" font-size="10" fill="{MUTED}" text-anchor="end">'
            f"{round(highest * fraction)}</text>"
        )
    every = max(1, len(months) // 12)
    for i, month in enumerate(months):
        x = left + i * step + 1
        y = top + plot_h
        for code in Category.values:
            count = month.counts.get(code, 0)
            if not count:
                continue
            h = round(count / highest * plot_h, 1)
            y -= h
            label = f"{month.month:%Y-%m} · {Category(code).label}: {count}"
            parts.append(
                f'<rect x="{x}" y="{round(y, 1)}" width="{step - 2}" height="{h}" fill="{CATEGORY_COLOURS[code]}">'
                f"<title>{escape(label)}</title></rect>"
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + (step - 2) / 2}" y="{top + plot_h + 14}" font-size="10" fill="{INK}" '
                f'text-anchor="middle">{month.month:%Y-%m}</text>'
            )
    legend_top = top + plot_h + bottom - 10
    for i, (code, label) in enumerate(Category.choices):
        lx, ly = left + (i % 3) * 190, legend_top + (i // 3) * 20
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{CATEGORY_COLOURS[code]}"/>'
            f'<text x="{lx + 16}" y="{ly + 10}" font-size="11" fill="{INK}">'
            f"{escape(short_label(str(label), 14))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def reopening_chart(report: Report, *, ident: str) -> SafeString:
    """As the study's chart: one row per library, a bar from closure to reopening, from the status history
    (upper bar) and from the announcements (lower bar); a bar without a reopening runs to the window's end
    and fades. Ticks are emergency's (weekly or monthly)."""
    rows = [row for row in report.reopening if row.closed_on or row.reopened_on]
    label_w, axis_h, row_h, pad = 190, 28, 30, 8
    start, end = report.start, report.end + datetime.timedelta(days=1)
    span = max((end - start).days, 1)
    plot_w = int(min(max(span * 3, 420), 1200))
    # Room on the right for the last tick's label, centred on the window's end.
    width, height = label_w + plot_w + pad + 28, axis_h + row_h * max(len(rows), 1) + pad + 24
    title = _("Closure and reopening of each library, %(start)s to %(end)s") % {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
    }
    parts = _open(
        width,
        height,
        ident,
        title,
        _("One row per library; upper bar from the status history, lower bar from announcements. See the table."),
    )

    def x(day: datetime.date) -> float:
        return round(label_w + (min(max(day, start), end) - start).days / span * plot_w, 1)

    tz = timezone.get_current_timezone()
    for moment, label in time_ticks(
        datetime.datetime.combine(start, datetime.time(), tz), datetime.datetime.combine(end, datetime.time(), tz)
    ):
        tx = x(moment.date())
        parts.append(
            f'<line x1="{tx}" y1="{axis_h - 6}" x2="{tx}" y2="{height - pad - 24}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{tx}" y="{axis_h - 10}" font-size="11" fill="{INK}" text-anchor="middle">{label}</text>'
        )
    if not rows:
        parts.append(
            f'<text x="{label_w}" y="{axis_h + 18}" font-size="12" fill="{MUTED}">'
            f"{escape(_('No closure in this period.'))}</text>"
        )
    for i, row in enumerate(rows):
        top = axis_h + i * row_h
        name = str(row.library.name)
        parts.append(
            f'<text x="4" y="{top + row_h / 2 + 4}" font-size="12" fill="{INK}">'
            f"<title>{escape(name)}</title>{escape(short_label(name, 15))}</text>"
        )
        for n, (source, closed, reopened) in enumerate(
            ((SOURCE_STATUS, row.status_closed, row.status_reopened), (SOURCE_POST, row.post_closed, row.post_reopened))
        ):
            if not (closed or reopened):
                continue
            lo = closed or row.window[0]
            hi = reopened or row.window[1] + datetime.timedelta(days=1)
            left, right = x(lo), x(hi)
            tip = f"{name} · {SOURCE_LABELS[source]}: {closed or '?'} – {reopened or _('not reopened')}"
            opacity = "1" if reopened else "0.45"
            parts.append(
                f'<rect x="{left}" y="{top + 4 + n * 11}" width="{max(right - left, 2)}" height="10" '
                f'fill="{SOURCE_COLOURS[source]}" fill-opacity="{opacity}"><title>{escape(tip)}</title></rect>'
            )
    legend_y = height - pad - 12
    for n, source in enumerate((SOURCE_STATUS, SOURCE_POST)):
        lx = label_w + n * 200
        parts.append(
            f'<rect x="{lx}" y="{legend_y}" width="12" height="10" fill="{SOURCE_COLOURS[source]}"/>'
            f'<text x="{lx + 16}" y="{legend_y + 9}" font-size="11" fill="{INK}">{escape(str(SOURCE_LABELS[source]))}'
            "</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


CHARTS = ("categories", "features", "competencies", "months", "reopening")


def chart_svg(report: Report, name: str) -> SafeString:
    if name == "categories":
        return bar_chart(report.categories, ident="chart-categories", title=_("Records by category"))
    if name == "features":
        return bar_chart(report.features, ident="chart-features", title=_("Records by feature"))
    if name == "competencies":
        return bar_chart(report.competencies, ident="chart-competencies", title=_("Competencies shown"))
    if name == "months":
        return month_chart(report.months, ident="chart-months", title=_("Records per month, by category"))
    if name == "reopening":
        return reopening_chart(report, ident="chart-reopening")
    raise KeyError(name)


def svg_to_png(svg: str, scale: float = 2.0) -> bytes:
    import cairosvg  # imported late: only the PNG needs cairo

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale)
