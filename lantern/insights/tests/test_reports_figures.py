"""A report's figures against hand-made records: counts and shares, months, the human-coded filter, the
per-library table, and the reopening timeline from both sources."""

import pytest

from lantern.core.models import Library, ServiceMode

from ..models import CodedBy
from ..reports import build_report, resolve_scope
from .reports_helpers import D, mode_change, post, record

pytestmark = pytest.mark.django_db


def by_code(rows):
    return {row.code: (row.count, round(row.share, 3)) for row in rows}


@pytest.fixture
def records(library_a, library_b):
    record(library_a, D(2020, 2, 3), "emergency")
    record(library_a, D(2020, 2, 10), "reading_online", "information", "targeted_groups")  # several codes
    record(library_a, D(2020, 3, 1), "reading_online", "cross_industry", coded_by=CodedBy.MACHINE)
    record(library_b, D(2020, 3, 5), "emergency", "social", "social_participation", coded_by=CodedBy.HUMAN)
    record(library_b, D(2021, 1, 1), "emergency")  # outside the window
    return library_a, library_b


def test_counts_and_shares_by_category_and_feature(records):
    report = build_report(resolve_scope("network", "net"), D(2020, 1, 1), D(2020, 12, 31))
    assert report.total == 4
    categories = by_code(report.categories)
    assert categories["emergency"] == (2, 0.5)
    assert categories["reading_online"] == (2, 0.5)
    assert categories["information"] == (1, 0.25)
    assert categories["resources"] == (0, 0.0)
    features = by_code(report.features)
    assert features == {
        "cross_industry": (1, 0.25),
        "social_participation": (1, 0.25),
        "targeted_groups": (1, 0.25),
    }
    # A record with three codes counts once in the total and once under each of its codes.
    assert sum(row.count for row in report.categories) == 6


def test_library_report_counts_only_that_library(records):
    report = build_report(resolve_scope("library", "alpha"), D(2020, 1, 1), D(2020, 12, 31))
    assert report.total == 3
    assert [(row.library.slug, row.total) for row in report.libraries] == [("alpha", 3)]


def test_province_report_counts_libraries_of_that_province(records):
    report = build_report(resolve_scope("province", "浙江省"), D(2020, 1, 1), D(2020, 12, 31))
    assert report.total == 1
    assert by_code(report.categories)["social"] == (1, 1.0)


def test_monthly_timeline_buckets(records):
    report = build_report(resolve_scope("network", "net"), D(2020, 1, 15), D(2020, 4, 2))
    months = [(m.month.isoformat(), m.total, m.counts["emergency"], m.counts["reading_online"]) for m in report.months]
    assert months == [
        ("2020-01-01", 0, 0, 0),
        ("2020-02-01", 2, 1, 1),
        ("2020-03-01", 2, 1, 1),
        ("2020-04-01", 0, 0, 0),
    ]


def test_human_coded_only_and_without_machine(records):
    scope = resolve_scope("network", "net")
    human = build_report(scope, D(2020, 1, 1), D(2020, 12, 31), coding="human")
    assert human.total == 1
    assert by_code(human.categories)["social"] == (1, 1.0)
    people = build_report(scope, D(2020, 1, 1), D(2020, 12, 31), coding="people")
    assert people.total == 3  # the machine-coded record is left out
    assert by_code(people.features)["cross_industry"] == (0, 0.0)


def test_without_dates_the_report_starts_at_the_first_record(records):
    report = build_report(resolve_scope("library", "alpha"))
    assert report.start == D(2020, 2, 3)
    assert report.total == 3


def test_study_counts_each_library_in_its_own_window(records, library_a, library_b, reader):
    from ..models import Study

    study = Study.objects.create(title="Reopening study", owner=reader, starts_on=D(2020, 2, 5), ends_on=D(2020, 3, 31))
    study.libraries.set([library_a, library_b])
    report = build_report(resolve_scope("study", str(study.pk)))
    assert report.total == 3  # 3 Feb is before the study starts; 2021 is after it ends


def test_reopening_dates_from_both_sources_with_source_named(library_a, library_b, network):
    mode_change(library_a, ServiceMode.OPEN, D(2019, 12, 1))
    mode_change(library_a, ServiceMode.CLOSED, D(2020, 1, 24))
    mode_change(library_a, ServiceMode.APPOINTMENT, D(2020, 3, 2))
    # library_b: never changed mode in Lantern; its announcements say when.
    post(library_b, "Closed from 25 January", published_on=D(2020, 1, 24), closed_on=D(2020, 1, 25))
    post(library_b, "Reopens on 1 March", published_on=D(2020, 2, 20), reopens_on=D(2020, 3, 1))
    post(library_b, "Reopening postponed to 16 March", published_on=D(2020, 2, 28), reopens_on=D(2020, 3, 16))
    # A third library still closed at the end of the window.
    gamma = Library.objects.create(slug="gamma", name_en="Gamma Library", network=network, province="湖北省")
    mode_change(gamma, ServiceMode.CONTACTLESS, D(2020, 2, 1))

    report = build_report(resolve_scope("network", "net"), D(2020, 1, 1), D(2020, 6, 30))
    rows = {row.library.slug: row for row in report.reopening}
    a, b, g = rows["alpha"], rows["beta"], rows["gamma"]
    assert (a.closed_on, a.closed_source, a.reopened_on, a.reopened_source) == (
        D(2020, 1, 24),
        "status",
        D(2020, 3, 2),
        "status",
    )
    assert (b.closed_on, b.closed_source, b.reopened_on, b.reopened_source) == (
        D(2020, 1, 25),
        "announcement",
        D(2020, 3, 16),  # the later announcement supersedes the first date
        "announcement",
    )
    assert b.post_reopened_from.title == "Reopening postponed to 16 March"
    assert (g.closed_on, g.reopened_on) == (D(2020, 2, 1), None)
    # As in the study's chart: earliest reopening first, those still closed last.
    assert [row.library.slug for row in report.reopening] == ["alpha", "beta", "gamma"]


def test_status_history_wins_but_announcement_dates_are_kept(library_a):
    mode_change(library_a, ServiceMode.CLOSED, D(2020, 1, 24))
    post(library_a, "We reopen on 9 March", published_on=D(2020, 3, 1), reopens_on=D(2020, 3, 9))
    report = build_report(resolve_scope("library", "alpha"), D(2020, 1, 1), D(2020, 6, 30))
    row = report.reopening[0]
    assert (row.closed_on, row.closed_source) == (D(2020, 1, 24), "status")
    assert (row.reopened_on, row.reopened_source) == (D(2020, 3, 9), "announcement")
    assert row.status_reopened is None and row.post_reopened == D(2020, 3, 9)
