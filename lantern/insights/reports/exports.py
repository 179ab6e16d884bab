"""A report's tables and exports: CSV (one table), XLSX (every table, one sheet each), the printable PDF
(WeasyPrint, CJK fonts as emergency's plan PDF), and a REFI-QDA project (.qdpx) that NVivo, ATLAS.ti and
MAXQDA open: the posts as text sources, the taxonomy as the codebook, each post's codes as one coding of a
selection spanning the whole post, and each library as a case. A plain CSV of the posts (one row per post,
one 0/1 column per code) is there too for tools that import spreadsheets.
"""

import csv
import dataclasses
import datetime
import io
import uuid
import zipfile
from xml.sax.saxutils import escape, quoteattr

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.pdf import CJK_FONTS, render_pdf

from ..models import CODES
from ..taxonomy import Category, Feature
from .charts import CATEGORY_COLOURS, CHARTS, PALETTE, chart_svg
from .data import Report, post_codes


@dataclasses.dataclass
class Table:
    name: str
    title: str
    headers: list[str]
    rows: list[list]


def tables(report: Report) -> dict[str, Table]:
    """Every table of the report, by name (the same names as the charts where there is one)."""

    def code_table(name, title, rows, heading):
        return Table(
            name,
            title,
            [heading, _("Code"), _("Records"), _("Share of records (%)")],
            [[row.label, row.code, row.count, round(row.share * 100, 1)] for row in rows],
        )

    categories = Category.values
    out = {
        "categories": code_table("categories", _("Records by category"), report.categories, _("Category")),
        "features": code_table("features", _("Records by feature"), report.features, _("Feature")),
        "competencies": code_table("competencies", _("Competencies shown"), report.competencies, _("Competency")),
        "months": Table(
            "months",
            _("Records per month, by category"),
            [_("Month"), _("Records"), *[str(Category(c).label) for c in categories]],
            [[m.month.strftime("%Y-%m"), m.total, *[m.counts[c] for c in categories]] for m in report.months],
        ),
        "libraries": Table(
            "libraries",
            _("Records per library"),
            [
                _("Library"),
                _("Slug"),
                _("From"),
                _("Until"),
                _("Records"),
                *[str(Category(c).label) for c in categories],
            ],
            [
                [
                    str(row.library.name),
                    row.library.slug,
                    report.windows[row.library.pk][0].isoformat(),
                    report.windows[row.library.pk][1].isoformat(),
                    row.total,
                    *[row.counts[c] for c in categories],
                ]
                for row in report.libraries
            ],
        ),
        "reopening": Table(
            "reopening",
            _("Closure and reopening of each library"),
            [
                _("Library"),
                _("Closed on"),
                _("Closure from"),
                _("Reopened on"),
                _("Reopening from"),
                _("Closed (status history)"),
                _("Reopened (status history)"),
                _("Closed (announcement)"),
                _("Reopened (announcement)"),
            ],
            [
                [
                    str(row.library.name),
                    _iso(row.closed_on),
                    row.source_label(row.closed_source),
                    _iso(row.reopened_on),
                    row.source_label(row.reopened_source),
                    _iso(row.status_closed),
                    _iso(row.status_reopened),
                    _iso(row.post_closed),
                    _iso(row.post_reopened),
                ]
                for row in report.reopening
            ],
        ),
    }
    return out


def _iso(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


def table_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    # A byte-order mark so that spreadsheet programs read the Chinese names as UTF-8.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def report_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = _("Report")[:31]
    for line in (
        [_("Report"), report.scope.title],
        [_("From"), report.start.isoformat()],
        [_("Until"), report.end.isoformat()],
        [_("Codes"), report.coding_label],
        [_("Records"), report.total],
    ):
        about.append(line)
    for table in tables(report).values():
        sheet = book.create_sheet(table.name)
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_html(report: Report) -> str:
    all_tables = tables(report)
    charts = [(name, chart_svg(report, name)) for name in CHARTS]
    return render_to_string(
        "insights/report_pdf.html",
        {
            "fonts": CJK_FONTS,
            "report": report,
            "sections": [(all_tables[name], svg) for name, svg in charts] + [(all_tables["libraries"], None)],
            "printed": timezone.localdate(),
        },
    )


def report_pdf(report: Report) -> bytes:
    return render_pdf(report_html(report))


# --- for qualitative-analysis tools -----------------------------------------------------------------
def posts_csv(report: Report) -> bytes:
    """One row per post: id, library, date, title, text, then one 0/1 column per code (blank if not coded)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "library", "date", "title", "text", "url", "coded", *CODES])
    for post, codes in post_codes(report.scope, report.windows, report.coding):
        flags = [int(code in codes) if codes is not None else "" for code in CODES]
        writer.writerow(
            [
                post.pk,
                post.library.slug,
                _iso(post.published_on),
                post.title,
                post.text,
                post.url,
                int(codes is not None),
                *flags,
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _guid(*parts) -> str:
    # Stable GUIDs: exporting the same posts twice gives the same project, so a tool can merge them.
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "lantern:" + ":".join(map(str, parts)))).upper()


def _when(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def report_qdpx(report: Report) -> bytes:
    """The REFI-QDA project (urn:QDA-XML:project:1.0): project.qde plus sources/<guid>.txt per post."""
    now = _when(timezone.now())
    user = _guid("user", "lantern")
    code_guid = {code: _guid("code", code) for code in CODES}

    def a(value) -> str:
        return quoteattr(_clean(str(value)))

    xml = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<Project xmlns="urn:QDA-XML:project:1.0" name={a(report.scope.title)} origin="Lantern" '
        f'creatingUserGUID="{user}" creationDateTime="{now}">',
        f'<Users><User guid="{user}" name="Lantern"/></Users>',
        "<CodeBook><Codes>",
    ]
    for group, choices in ((_("Categories"), Category.choices), (_("Features"), Feature.choices)):
        xml.append(f'<Code guid="{_guid("group", group)}" name={a(group)} isCodable="false">')
        for i, (code, label) in enumerate(choices):
            colour = CATEGORY_COLOURS.get(code, PALETTE[(i + 6) % len(PALETTE)])
            xml.append(
                f'<Code guid="{code_guid[code]}" name={a(code)} isCodable="true" color="{colour}">'
                f"<Description>{_text(str(label))}</Description></Code>"
            )
        xml.append("</Code>")
    xml.append("</Codes></CodeBook>")

    files: list[tuple[str, str]] = []
    sources: list[str] = []
    cases: dict[str, tuple[str, list[str]]] = {}
    for post, codes in post_codes(report.scope, report.windows, report.coding):
        guid = _guid("post", post.pk)
        text = f"{post.title}\n\n{post.text}"
        files.append((f"sources/{guid}.txt", text))
        name = f"{post.published_on or '----'} {post.title}"[:200]
        created = _when(post.created_at) if post.created_at else now
        source = [
            f'<TextSource guid="{guid}" name={a(name)} plainTextPath="internal://{guid}.txt" '
            f'creatingUser="{user}" creationDateTime="{created}">',
            f"<Description>{_text(post.url or str(post.library.name))}</Description>",
        ]
        if codes:
            selection = _guid("selection", post.pk)
            source.append(
                f'<PlainTextSelection guid="{selection}" name={a(post.title[:200])} startPosition="0" '
                f'endPosition="{len(text)}" creatingUser="{user}" creationDateTime="{now}">'
            )
            for code in codes:
                source.append(
                    f'<Coding guid="{_guid("coding", post.pk, code)}" creatingUser="{user}" creationDateTime="{now}">'
                    f'<CodeRef targetGUID="{code_guid[code]}"/></Coding>'
                )
            source.append("</PlainTextSelection>")
        source.append("</TextSource>")
        sources.append("".join(source))
        case = cases.setdefault(post.library.slug, (str(post.library.name), []))
        case[1].append(guid)
    if cases:
        xml.append("<Cases>")
        for slug, (name, refs) in cases.items():
            xml.append(f'<Case guid="{_guid("case", slug)}" name={a(name)}>')
            xml.extend(f'<SourceRef targetGUID="{ref}"/>' for ref in refs)
            xml.append("</Case>")
        xml.append("</Cases>")
    if sources:
        xml.append("<Sources>")
        xml.extend(sources)
        xml.append("</Sources>")
    about = _("Exported from Lantern: %(title)s") % {"title": report.scope.title}
    xml.append(f"<Description>{_text(about)}</Description>")
    xml.append("</Project>")

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", "\n".join(xml).encode("utf-8"))
        for path, text in files:
            archive.writestr(path, text.encode("utf-8"))
    return out.getvalue()


def _clean(value: str) -> str:
    # XML 1.0 forbids most control characters; posts copied from web pages sometimes carry them.
    return "".join(ch for ch in value if ch in "\t\n\r" or ord(ch) >= 0x20)


def _text(value: str) -> str:
    return escape(_clean(value))
