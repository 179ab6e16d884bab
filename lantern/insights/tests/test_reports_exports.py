"""Exports a researcher downloads: CSV tables, the XLSX workbook, chart PNGs, the PDF, the REFI-QDA project
and the posts CSV for qualitative-analysis tools."""

import csv
import io
import xml.etree.ElementTree as ET
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType

from ..models import CodedBy, ServiceRecord
from ..reports import build_report, resolve_scope
from ..reports.charts import CHARTS, chart_svg, svg_to_png
from ..reports.exports import posts_csv, report_pdf, report_qdpx, report_xlsx, table_csv, tables
from .reports_helpers import D, post, record

pytestmark = pytest.mark.django_db
QDA = "{urn:QDA-XML:project:1.0}"


@pytest.fixture
def report(library_a, library_b):
    record(library_a, D(2020, 2, 3), "emergency")
    record(library_a, D(2020, 2, 10), "reading_online", "information", "targeted_groups")
    record(library_b, D(2020, 3, 5), "emergency", "social")
    coded = post(
        library_a, "暂停开放通知", published_on=D(2020, 1, 24), closed_on=D(2020, 1, 24), text="本馆暂停开放。"
    )
    post(library_b, "Not coded yet", published_on=D(2020, 2, 1))
    ServiceRecord.objects.create(
        library=library_a,
        date=D(2020, 1, 24),
        title_zh_hans=coded.title,
        emergency=True,
        targeted_groups=True,
        coded_by=CodedBy.HUMAN,
        source=ServiceRecord.Source.OUTSIDE,
        content_type=ContentType.objects.get_for_model(coded),
        object_id=str(coded.pk),
    )
    return build_report(resolve_scope("network", "net"), D(2020, 1, 1), D(2020, 6, 30))


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_category_csv_has_header_and_rows(report):
    rows = read_csv(table_csv(tables(report)["categories"]))
    assert rows[0] == ["Category", "Code", "Records", "Share of records (%)"]
    emergency = next(row for row in rows if row[1] == "emergency")
    assert emergency[2:] == ["3", "75.0"]
    assert len(rows) == 7


def test_reopening_csv_names_the_source(report):
    rows = read_csv(table_csv(tables(report)["reopening"]))
    alpha = next(row for row in rows if row[0] == "Alpha City Library")
    assert alpha[1:3] == ["2020-01-24", "Announcement"]


def test_xlsx_opens_and_has_the_numbers(report):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(report_xlsx(report)))
    assert {"categories", "features", "competencies", "months", "libraries", "reopening"} <= set(book.sheetnames)
    rows = list(book["categories"].iter_rows(values_only=True))
    assert ("Emergency management", "emergency", 3, 75.0) in rows
    months = list(book["months"].iter_rows(values_only=True))
    assert months[2][:2] == ("2020-02", 2)


def test_every_chart_is_svg_and_png(report):
    for name in CHARTS:
        svg = str(chart_svg(report, name))
        assert svg.startswith("<svg") and "Noto Sans CJK" in svg
        ET.fromstring(svg)  # noqa: S314  (well-formed; our own output)
        png = svg_to_png(svg)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(png) > 2000


def test_chinese_labels_render_in_the_png(report, chinese):
    report = build_report(resolve_scope("network", "net"), D(2020, 1, 1), D(2020, 6, 30))
    svg = str(chart_svg(report, "reopening"))
    assert "甲市图书馆" in svg
    assert len(svg_to_png(svg)) > 2000


def test_pdf(report):
    assert report_pdf(report).startswith(b"%PDF")


def test_refi_qda_project(report):
    archive = zipfile.ZipFile(io.BytesIO(report_qdpx(report)))
    root = ET.fromstring(archive.read("project.qde"))  # noqa: S314  (our own output)
    assert root.tag == f"{QDA}Project"
    codes = {code.get("name"): code.get("guid") for code in root.iter(f"{QDA}Code") if code.get("isCodable") == "true"}
    assert len(codes) == 9 and "emergency" in codes
    sources = list(root.iter(f"{QDA}TextSource"))
    assert len(sources) == 2
    for source in sources:
        path = source.get("plainTextPath").replace("internal://", "sources/")
        assert path in archive.namelist()
    coded = next(s for s in sources if "暂停开放通知" in s.get("name"))
    selection = coded.find(f"{QDA}PlainTextSelection")
    text = archive.read(coded.get("plainTextPath").replace("internal://", "sources/")).decode("utf-8")
    assert (selection.get("startPosition"), selection.get("endPosition")) == ("0", str(len(text)))
    refs = {ref.get("targetGUID") for ref in selection.iter(f"{QDA}CodeRef")}
    assert refs == {codes["emergency"], codes["targeted_groups"]}
    uncoded = next(s for s in sources if "Not coded yet" in s.get("name"))
    assert uncoded.find(f"{QDA}PlainTextSelection") is None
    assert {case.get("name") for case in root.iter(f"{QDA}Case")} == {"Alpha City Library", "Beta City Library"}


def test_posts_csv_one_row_per_post(report):
    rows = read_csv(posts_csv(report))
    assert rows[0][:7] == ["id", "library", "date", "title", "text", "url", "coded"]
    assert len(rows) == 3
    coded = next(row for row in rows if row[3] == "暂停开放通知")
    flags = dict(zip(rows[0][7:], coded[7:], strict=True))
    assert flags["emergency"] == "1" and flags["targeted_groups"] == "1" and flags["social"] == "0"
    uncoded = next(row for row in rows if row[3] == "Not coded yet")
    assert uncoded[6] == "0" and set(uncoded[7:]) == {""}
