"""Briefs' services: what a brief may cite (published notices and checks of its own library), every refusal,
finalising (a ServiceRecord titled by the brief's title only; cross_industry for government and health
recipients) and deleting drafts only, with the audit log."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry
from lantern.infoservice.models import Brief, Publishable
from lantern.infoservice.services import briefs as services
from lantern.insights.models import ServiceRecord
from lantern.tests.xss_payloads import PAYLOADS

from .hub_helpers import make_check, make_notice

pytestmark = pytest.mark.django_db


def brief_values(**changes) -> dict:
    values = {
        "title": "Weekly epidemic information brief",
        "recipient": "City epidemic prevention office",
        "recipient_kind": Brief.RecipientKind.GOVERNMENT,
        "language": "en",
        "period_start": datetime.date(2020, 2, 1),
        "period_end": datetime.date(2020, 2, 7),
        "summary": "<h2>Key points</h2><p>Readers ask about fever clinics.</p>",
        "sources": "National Health Commission https://www.nhc.example.gov.cn/\n\n  Hubei CDC  \n",
    }
    values.update(changes)
    return values


def test_a_brief_cites_published_notices_and_checks_and_tidies_its_sources(library_a, librarian_a):
    notice, check = make_notice(library_a, librarian_a), make_check(library_a)
    brief = services.create_brief(
        library_a, by=librarian_a, bulletins=[notice], rumour_checks=[check], **brief_values()
    )
    assert list(brief.bulletins.all()) == [notice] and list(brief.rumour_checks.all()) == [check]
    assert brief.sources == "National Health Commission https://www.nhc.example.gov.cn/\nHubei CDC"
    assert "<h2>Key points</h2>" in brief.summary
    assert AuditEntry.objects.filter(action="infoservice.brief_created", library=library_a).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"recipient": ""}, "recipient"),
        ({"recipient_kind": "king"}, "recipient_kind"),
        ({"language": "fr"}, "language"),
        ({"period_end": datetime.date(2020, 1, 1)}, "period_end"),
        ({"summary": "<script>alert(1)</script>"}, "summary"),
        ({"sources": "\n".join(f"source {n}" for n in range(60))}, "sources"),
        ({"sources": "x" * 600}, "sources"),
    ],
)
def test_a_brief_with_a_missing_or_wrong_field_is_refused(library_a, librarian_a, changes, field):
    with pytest.raises(ValidationError) as exc:
        services.create_brief(library_a, by=librarian_a, **brief_values(**changes))
    assert field in exc.value.message_dict
    assert not Brief.objects.exists()


def test_drafts_other_libraries_and_unpublished_items_cannot_be_cited(library_a, library_b, librarian_a, librarian_b):
    draft = make_notice(library_a, librarian_a, publish=False)
    theirs = make_notice(library_b, librarian_b)
    for bulletins in ([draft], [theirs]):
        with pytest.raises(ValidationError) as exc:
            services.create_brief(library_a, by=librarian_a, bulletins=bulletins, **brief_values())
        assert "bulletins" in exc.value.message_dict
    pending = make_check(library_a, status=Publishable.PENDING)
    with pytest.raises(ValidationError) as exc:
        services.create_brief(library_a, by=librarian_a, rumour_checks=[pending], **brief_values())
    assert "rumour_checks" in exc.value.message_dict
    assert not Brief.objects.exists()


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_summary_is_sanitised_with_headings(library_a, librarian_a, payload):
    brief = services.create_brief(
        library_a, by=librarian_a, **brief_values(summary=f"<h2>Points</h2><p>Ok</p>{payload}")
    )
    assert "<h2>Points</h2>" in brief.summary
    assert "<script" not in brief.summary.lower() and "onerror" not in brief.summary.lower()


@pytest.mark.parametrize(
    ("kind", "cross"),
    [("government", True), ("health", True), ("community", False), ("other", False)],
)
def test_finalising_records_information_titled_by_the_title_only(library_a, librarian_a, kind, cross):
    brief = services.create_brief(library_a, by=librarian_a, **brief_values(recipient_kind=kind))
    services.finalise_brief(brief, by=librarian_a)
    brief.refresh_from_db()
    assert brief.status == Brief.Status.FINAL and brief.finalised_at
    record = ServiceRecord.objects.get()
    assert record.information and record.cross_industry is cross
    assert record.title_en == "Weekly epidemic information brief" and not record.title_zh_hans
    assert "office" not in (record.title_en + (record.title_zh_hans or "")).lower()
    assert record.link == ""
    assert AuditEntry.objects.filter(action="infoservice.brief_finalised").exists()


def test_a_chinese_brief_gets_a_chinese_record_title(library_a, librarian_a):
    brief = services.create_brief(library_a, by=librarian_a, **brief_values(language="zh-hans", title="疫情信息周报"))
    services.finalise_brief(brief, by=librarian_a)
    assert ServiceRecord.objects.get().title_zh_hans == "疫情信息周报"


def test_a_final_brief_cannot_be_changed_finalised_again_or_deleted(library_a, librarian_a):
    brief = services.create_brief(library_a, by=librarian_a, **brief_values())
    services.finalise_brief(brief, by=librarian_a)
    for action in (
        lambda: services.update_brief(brief, by=librarian_a, **brief_values(title="Changed")),
        lambda: services.finalise_brief(brief, by=librarian_a),
        lambda: services.delete_brief(brief, by=librarian_a),
    ):
        with pytest.raises(Refused) as exc:
            action()
        assert exc.value.reason == "final"
    brief.refresh_from_db()
    assert brief.title == "Weekly epidemic information brief"
    assert ServiceRecord.objects.count() == 1


def test_a_draft_is_changed_and_deleted(library_a, librarian_a):
    notice = make_notice(library_a, librarian_a)
    brief = services.create_brief(library_a, by=librarian_a, bulletins=[notice], **brief_values())
    services.update_brief(brief, by=librarian_a, bulletins=[], **brief_values(title="Changed"))
    brief.refresh_from_db()
    assert brief.title == "Changed" and not brief.bulletins.exists()
    services.delete_brief(brief, by=librarian_a)
    assert not Brief.objects.exists() and ServiceRecord.objects.filter(information=True).count() == 1
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"infoservice.brief_updated", "infoservice.brief_deleted"} <= codes
