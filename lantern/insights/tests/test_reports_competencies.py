"""The competencies shown: each rule of lantern/insights/competencies.py, in Python and in SQL alike."""

import pytest

from ..competencies import competencies, competency_q
from ..models import ServiceRecord
from ..reports import build_report, resolve_scope
from ..taxonomy import Competency
from .reports_helpers import D, record


@pytest.mark.parametrize(
    ("codes", "kind", "expected"),
    [
        (["resources"], None, ["resource_organisation"]),
        (["information"], None, ["information_service"]),
        (["reading_offline", "targeted_groups"], None, ["information_service"]),
        (["reading_offline"], None, []),
        (["reading_online"], None, ["information_technology"]),
        (["reading_online", "targeted_groups"], None, ["information_service", "information_technology"]),
        (["reading_online"], "catalogue.readinglist", ["resource_organisation", "information_technology"]),
        (["reading_offline"], "lending.deliveryzone", ["information_technology"]),
        (["emergency"], "emergency.zone", ["information_technology"]),
        (["emergency"], "emergency.training", []),
        (["information"], "infoservice.brief", ["information_service", "research"]),
        (["emergency", "social", "social_participation"], None, []),
    ],
)
def test_rules(codes, kind, expected):
    assert competencies(codes, kind) == expected


def test_research_is_never_shown_from_codes_alone():
    every_code = [
        "reading_online",
        "reading_offline",
        "information",
        "social",
        "resources",
        "emergency",
        "cross_industry",
        "social_participation",
        "targeted_groups",
    ]
    assert Competency.RESEARCH not in competencies(every_code)


@pytest.mark.django_db
def test_sql_form_counts_what_the_python_rule_says(library_a):
    from lantern.catalogue.models import ReadingList

    reading_list = ReadingList.objects.create(library=library_a, title_en="Reads for home")
    samples = [
        record(library_a, D(2020, 2, 1), "resources"),
        record(library_a, D(2020, 2, 2), "reading_offline", "targeted_groups"),
        record(library_a, D(2020, 2, 3), "reading_online", source_object=reading_list),
        record(library_a, D(2020, 2, 4), "emergency"),
    ]
    for competency in Competency.values:
        in_sql = set(ServiceRecord.objects.filter(competency_q(competency)).values_list("pk", flat=True))
        in_python = {
            r.pk
            for r in samples
            if competency in competencies(r.codes, "catalogue.readinglist" if r.content_type_id else None)
        }
        assert in_sql == in_python, competency
    report = build_report(resolve_scope("library", "alpha"), D(2020, 1, 1), D(2020, 12, 31))
    counts = {row.code: row.count for row in report.competencies}
    assert counts == {
        "resource_organisation": 2,
        "information_service": 1,
        "information_technology": 1,
        "research": 0,
    }
