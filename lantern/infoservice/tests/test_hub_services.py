"""The hub's services: topics, notices from draft to published (and with a second person's approval),
withdrawn, pinned, expiring; every refusal; ServiceRecords and the audit log."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Role
from lantern.core.services import grant_role
from lantern.infoservice.models import Bulletin, Publishable, Topic
from lantern.infoservice.services import approval
from lantern.infoservice.services import hub as services
from lantern.insights.models import ServiceRecord
from lantern.tests.xss_payloads import PAYLOADS

from .hub_helpers import make_notice, notice_values

pytestmark = pytest.mark.django_db


def record_of(bulletin):
    return ServiceRecord.objects.filter(object_id=str(bulletin.pk), content_type__model="bulletin").first()


@pytest.fixture
def second_librarian(library_a):
    user = make_user("dora@example.org", "Dora")
    grant_role(user, Role.Kind.STAFF, library=library_a)
    return user


@pytest.fixture
def approval_required(library_a):
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)


# --- topics ---------------------------------------------------------------------------------------
def test_topics_are_added_renamed_and_removed_and_keep_their_notices(library_a, librarian_a):
    topic = services.create_topic(library_a, by=librarian_a, name_zh="防控措施", name_en="Prevention measures")
    assert topic.slug == "prevention-measures"
    chinese_only = services.create_topic(library_a, by=librarian_a, name_zh="出行", name_en="")
    assert chinese_only.slug and chinese_only.slug != topic.slug
    notice = make_notice(library_a, librarian_a, topics=[topic])
    services.rename_topic(topic, by=librarian_a, name_zh="防控", name_en="Prevention")
    topic.refresh_from_db()
    assert (topic.name_en, topic.slug) == ("Prevention", "prevention-measures")
    services.remove_topic(topic, by=librarian_a)
    assert not Topic.objects.filter(pk=topic.pk).exists()
    assert Bulletin.objects.filter(pk=notice.pk).exists()
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"infoservice.topic_added", "infoservice.topic_renamed", "infoservice.topic_removed"} <= codes


def test_a_topic_needs_a_name_and_names_are_not_repeated(library_a, librarian_a):
    with pytest.raises(ValidationError) as exc:
        services.create_topic(library_a, by=librarian_a, name_zh=" ", name_en="")
    assert "name_zh_hans" in exc.value.message_dict
    services.create_topic(library_a, by=librarian_a, name_zh="出行", name_en="Travel")
    with pytest.raises(ValidationError) as exc:
        services.create_topic(library_a, by=librarian_a, name_zh="", name_en="travel")
    assert "name_en" in exc.value.message_dict
    assert Topic.objects.count() == 1


# --- notices --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title_zh_hans": "", "title_en": " "}, "title_zh_hans"),
        ({"authority": "  "}, "authority"),
        ({"issued_on": None}, "issued_on"),
        ({"issued_on": datetime.date.today() + datetime.timedelta(days=3)}, "issued_on"),
        ({"verification": "sure"}, "verification"),
        ({"expires_at": timezone.now() - datetime.timedelta(minutes=1)}, "expires_at"),
    ],
)
def test_a_notice_with_a_missing_or_wrong_field_is_refused(library_a, librarian_a, changes, field):
    with pytest.raises(ValidationError) as exc:
        services.create_bulletin(library_a, by=librarian_a, **notice_values(**changes))
    assert field in exc.value.message_dict
    assert not Bulletin.objects.exists()


def test_a_topic_of_another_library_is_refused(library_a, library_b, librarian_a, librarian_b):
    theirs = services.create_topic(library_b, by=librarian_b, name_zh="", name_en="Theirs")
    with pytest.raises(ValidationError) as exc:
        services.create_bulletin(library_a, by=librarian_a, topics=[theirs], **notice_values())
    assert "topics" in exc.value.message_dict


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_text_is_sanitised_without_headings(library_a, librarian_a, payload):
    bulletin = services.create_bulletin(
        library_a, by=librarian_a, **notice_values(body_en=f"<h2>Big</h2><p>Fine</p>{payload}")
    )
    assert "<script" not in bulletin.body_en.lower() and "onerror" not in bulletin.body_en.lower()
    assert "<h2" not in bulletin.body_en and "Fine" in bulletin.body_en


def test_publishing_records_information_and_cross_industry_for_a_health_authority(library_a, librarian_a):
    bulletin = make_notice(library_a, librarian_a)
    assert bulletin.status == Publishable.PUBLISHED and bulletin.published_at
    record = record_of(bulletin)
    assert record.information and record.cross_industry
    assert record.title_en == "Fever clinics" and record.date == timezone.localdate()
    own = make_notice(library_a, librarian_a, authority="Alpha Library", title_en="Opening hours")
    assert record_of(own).information and not record_of(own).cross_industry
    assert AuditEntry.objects.filter(action="infoservice.bulletin_published").count() == 2


@pytest.mark.parametrize(
    ("authority", "counts"),
    [
        ("武汉市卫生健康委员会", True),
        ("湖北省疾病预防控制中心", True),
        ("武汉市人民政府", True),
        ("国务院联防联控机制", True),
        ("Ministry of Health", True),
        ("World Health Organization", True),
        ("Hangzhou Municipal People's Government", True),
        ("武汉图书馆", False),
        ("Alpha Library", False),
        ("某某出版社", False),
        ("", False),
    ],
)
def test_which_authorities_count_as_health_or_government(authority, counts):
    assert services.is_health_or_government(authority) is counts


def test_with_approval_required_a_second_person_publishes(library_a, librarian_a, second_librarian, approval_required):
    bulletin = make_notice(library_a, librarian_a)
    assert bulletin.status == Publishable.PENDING and record_of(bulletin) is None
    with pytest.raises(Refused) as exc:
        services.approve_bulletin(bulletin, by=librarian_a)
    assert exc.value.reason == "own_work"
    services.approve_bulletin(bulletin, by=second_librarian)
    bulletin.refresh_from_db()
    assert bulletin.status == Publishable.PUBLISHED and bulletin.approved_by == second_librarian
    assert record_of(bulletin).information
    assert AuditEntry.objects.filter(action="infoservice.bulletin_approved", actor=second_librarian).exists()


def test_sending_back_returns_a_draft_and_only_waiting_notices_are_approved_or_sent_back(
    library_a, librarian_a, second_librarian, approval_required
):
    bulletin = make_notice(library_a, librarian_a)
    with pytest.raises(Refused) as exc:
        services.submit_bulletin(bulletin, by=librarian_a)
    assert exc.value.reason == "already_pending"
    services.send_back_bulletin(bulletin, by=second_librarian)
    bulletin.refresh_from_db()
    assert bulletin.status == Publishable.DRAFT
    for action in (services.approve_bulletin, services.send_back_bulletin):
        with pytest.raises(Refused) as exc:
            action(bulletin, by=second_librarian)
        assert exc.value.reason == "not_pending"


def test_a_published_notice_cannot_be_submitted_again_and_a_draft_cannot_be_withdrawn(library_a, librarian_a):
    draft = make_notice(library_a, librarian_a, publish=False)
    with pytest.raises(Refused) as exc:
        services.withdraw_bulletin(draft, by=librarian_a)
    assert exc.value.reason == "not_published"
    published = make_notice(library_a, librarian_a, title_en="Another")
    with pytest.raises(Refused) as exc:
        services.submit_bulletin(published, by=librarian_a)
    assert exc.value.reason == "already_published"


def test_withdrawing_removes_the_record_and_resubmitting_publishes_again(library_a, librarian_a):
    bulletin = make_notice(library_a, librarian_a)
    services.withdraw_bulletin(bulletin, by=librarian_a)
    bulletin.refresh_from_db()
    assert bulletin.status == Publishable.WITHDRAWN and record_of(bulletin) is None
    assert not Bulletin.objects.current().exists()
    assert services.submit_bulletin(bulletin, by=librarian_a) is True
    assert record_of(bulletin) is not None


def test_changing_a_published_notice_under_approval_sends_it_back_for_review(library_a, librarian_a, second_librarian):
    bulletin = make_notice(library_a, librarian_a)
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    services.update_bulletin(bulletin, by=librarian_a, **notice_values(title_en="Fever clinics (changed)"))
    bulletin.refresh_from_db()
    assert bulletin.status == Publishable.PENDING and record_of(bulletin) is None
    with pytest.raises(Refused) as exc:
        services.update_bulletin(bulletin, by=librarian_a, **notice_values())
    assert exc.value.reason == "pending"
    services.approve_bulletin(bulletin, by=second_librarian)
    assert record_of(bulletin).title_en == "Fever clinics (changed)"


def test_changing_a_published_notice_without_approval_updates_its_record(library_a, librarian_a):
    bulletin = make_notice(library_a, librarian_a)
    services.update_bulletin(bulletin, by=librarian_a, **notice_values(title_en="New title", authority="Alpha Library"))
    bulletin.refresh_from_db()
    assert bulletin.status == Publishable.PUBLISHED
    record = record_of(bulletin)
    assert record.title_en == "New title" and not record.cross_industry


def test_expired_notices_leave_the_current_ones_by_themselves(library_a, librarian_a):
    soon = make_notice(library_a, librarian_a, expires_at=timezone.now() + datetime.timedelta(hours=2))
    lasting = make_notice(library_a, librarian_a, title_en="Lasting", expires_at=None)
    assert set(Bulletin.objects.current()) == {soon, lasting}
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=3), tick=False):
        assert list(Bulletin.objects.current()) == [lasting]


def test_an_expired_notice_cannot_be_published_or_approved(library_a, librarian_a, second_librarian):
    draft = make_notice(library_a, librarian_a, publish=False, expires_at=timezone.now() + datetime.timedelta(hours=1))
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        with pytest.raises(Refused) as exc:
            services.submit_bulletin(draft, by=librarian_a)
        assert exc.value.reason == "expired"
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    services.submit_bulletin(draft, by=librarian_a)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2), tick=False):
        with pytest.raises(Refused) as exc:
            services.approve_bulletin(draft, by=second_librarian)
        assert exc.value.reason == "expired"
    draft.refresh_from_db()
    assert draft.status == Publishable.PENDING


def test_pinning_and_unpinning(library_a, librarian_a):
    bulletin = make_notice(library_a, librarian_a)
    services.set_pinned(bulletin, by=librarian_a, pinned=True)
    bulletin.refresh_from_db()
    assert bulletin.pinned
    with pytest.raises(Refused):
        services.set_pinned(bulletin, by=librarian_a, pinned=True)
    services.set_pinned(bulletin, by=librarian_a, pinned=False)
    bulletin.refresh_from_db()
    assert not bulletin.pinned
    codes = list(AuditEntry.objects.values_list("action", flat=True))
    assert "infoservice.bulletin_pinned" in codes and "infoservice.bulletin_unpinned" in codes


def test_settings_are_saved_with_an_audit_entry_and_a_bad_target_is_refused(library_a, manager_a):
    services.save_settings(library_a, by=manager_a, require_approval=True, first_response_hours=12)
    assert approval.settings_for(library_a).require_approval
    with pytest.raises(Refused):
        services.save_settings(library_a, by=manager_a, require_approval=False, first_response_hours=0)
    assert approval.settings_for(library_a).first_response_hours == 12
    assert AuditEntry.objects.filter(action="infoservice.settings_changed").count() == 1
