"""The rumour-check services: every refusal, publishing through the second approver, the ServiceRecord and its
cross_industry rule, doubts answered on publication (notice or email), declined, rate-limited, matched."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Notice
from lantern.infoservice.models import Doubt, Publishable, Topic
from lantern.infoservice.services import approval
from lantern.infoservice.services import rumours as services
from lantern.insights.models import ServiceRecord
from lantern.tests.xss_payloads import PAYLOADS

from .rumours_helpers import check_values, make_check

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


# --- writing checks ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"claim_zh_hans": "", "claim_en": "  "}, "claim_zh_hans"),
        ({"summary_zh_hans": "", "summary_en": ""}, "summary_zh_hans"),
        ({"explanation_zh_hans": "<script>x</script>", "explanation_en": ""}, "explanation_zh_hans"),
        ({"verdict": "maybe"}, "verdict"),
        ({"claim_en": "x" * 501}, "claim_en"),
        ({"summary_zh_hans": "长" * 301}, "summary_zh_hans"),
    ],
)
def test_a_check_missing_what_readers_need_is_refused(library_a, librarian_a, changes, field):
    with pytest.raises(ValidationError) as exc:
        services.save_check(library_a, check_values(**changes), by=librarian_a)
    assert field in exc.value.message_dict
    assert not library_a.rumour_checks.exists()


def test_topics_of_another_library_are_refused(library_a, library_b, librarian_a):
    other = Topic.objects.create(library=library_b, name="Other", slug="other")
    with pytest.raises(ValidationError) as exc:
        services.save_check(library_a, check_values(), topics=[other], by=librarian_a)
    assert "topics" in exc.value.message_dict


def test_the_explanation_is_sanitised_without_headings(library_a, librarian_a):
    for payload in PAYLOADS:
        check = services.save_check(
            library_a, check_values(explanation_en=f"<h2>Title</h2><p>ok</p>{payload}"), by=librarian_a
        )
        assert "<script" not in check.explanation_en.lower()
        assert "onerror" not in check.explanation_en.lower()
        assert "javascript:" not in check.explanation_en.lower()
        assert "<h2>" not in check.explanation_en


def test_evidence_needs_a_title_and_a_pending_check_cannot_change(library_a, librarian_a, manager_a):
    check = make_check(library_a, librarian_a)
    with pytest.raises(ValidationError) as exc:
        services.add_evidence(check, {"title": "  ", "publisher": "p" * 201}, by=librarian_a)
    assert "title" in exc.value.message_dict and "publisher" in exc.value.message_dict
    assert check.evidence.count() == 1
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    assert services.submit_check(check, by=librarian_a) is False
    assert check.status == Publishable.PENDING
    with pytest.raises(Refused) as exc:
        services.save_check(library_a, check_values(), check=check, by=librarian_a)
    assert exc.value.reason == "pending"
    with pytest.raises(Refused):
        services.add_evidence(check, {"title": "More"}, by=librarian_a)
    with pytest.raises(Refused):
        services.remove_evidence(check.evidence.get(), by=librarian_a)


def test_a_check_without_sources_is_not_published(library_a, librarian_a):
    check = make_check(library_a, librarian_a, evidence=())
    with pytest.raises(Refused) as exc:
        services.submit_check(check, by=librarian_a)
    assert exc.value.reason == "no_evidence"
    check.refresh_from_db()
    assert check.status == Publishable.DRAFT


def test_a_published_check_keeps_its_last_source(library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    with pytest.raises(Refused) as exc:
        services.remove_evidence(check.evidence.get(), by=librarian_a)
    assert exc.value.reason == "last_evidence"


# --- publishing and measurement ------------------------------------------------------------------
def test_publishing_records_an_information_service_with_outside_sources(library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    assert check.status == Publishable.PUBLISHED and check.published_at
    record = ServiceRecord.objects.get()
    assert record.information and record.cross_industry
    assert record.title_en == "Drinking hot water kills the virus"
    assert AuditEntry.objects.filter(action="infoservice.check_published").exists()


def test_evidence_from_libraries_only_is_not_cross_industry(library_a, librarian_a):
    make_check(
        library_a,
        librarian_a,
        publish=True,
        evidence=({"title": "Guide", "publisher": "中国图书馆学会"}, {"title": "x"}),
    )
    record = ServiceRecord.objects.get()
    assert record.information and not record.cross_industry
    assert services.is_outside_source("国家卫生健康委员会") and not services.is_outside_source("Wuhan Library")


def test_a_second_person_approves_and_the_author_cannot(library_a, librarian_a, manager_a):
    approval.save_settings(library_a, require_approval=True, first_response_hours=24)
    check = make_check(library_a, librarian_a, publish=True)
    assert check.status == Publishable.PENDING and not ServiceRecord.objects.exists()
    with pytest.raises(Refused) as exc:
        services.approve_check(check, by=librarian_a)
    assert exc.value.reason == "own_work"
    services.send_back_check(check, by=manager_a)
    assert check.status == Publishable.DRAFT
    with pytest.raises(Refused):
        services.send_back_check(check, by=manager_a)
    with pytest.raises(Refused):
        services.approve_check(check, by=manager_a)
    services.submit_check(check, by=librarian_a)
    with pytest.raises(Refused) as exc:
        services.submit_check(check, by=librarian_a)
    assert exc.value.reason == "already_pending"
    services.approve_check(check, by=manager_a)
    assert check.status == Publishable.PUBLISHED and check.approved_by == manager_a
    assert ServiceRecord.objects.count() == 1


def test_withdrawing_removes_the_record_and_only_published_checks_are_withdrawn(library_a, librarian_a):
    draft = make_check(library_a, librarian_a)
    with pytest.raises(Refused) as exc:
        services.withdraw_check(draft, by=librarian_a)
    assert exc.value.reason == "not_published"
    check = make_check(library_a, librarian_a, publish=True)
    services.withdraw_check(check, by=librarian_a)
    assert check.status == Publishable.WITHDRAWN and not ServiceRecord.objects.exists()
    assert AuditEntry.objects.filter(action="infoservice.check_withdrawn").exists()
    assert services.submit_check(check, by=librarian_a) is True  # published again
    assert ServiceRecord.objects.count() == 1


# --- doubts --------------------------------------------------------------------------------------
def test_an_empty_doubt_is_refused(library_a):
    with pytest.raises(ValidationError):
        services.send_doubt(library_a, text="  ", link="")
    assert not Doubt.objects.exists()


def test_references_are_unguessable_and_unambiguous(library_a):
    references = {services.send_doubt(library_a, text=f"message {i}").reference for i in range(20)}
    assert len(references) == 20
    for reference in references:
        assert len(reference) == 8 and set(reference) <= set(services.REFERENCE_ALPHABET)
        assert not set(reference) & set("01OIL")


def test_an_address_may_send_ten_messages_an_hour(library_a):
    for i in range(services.DOUBTS_PER_HOUR):
        services.send_doubt(library_a, text=f"message {i}", address="10.0.0.1")
    with pytest.raises(Refused) as exc:
        services.send_doubt(library_a, text="one more", address="10.0.0.1")
    assert exc.value.status == 429 and "10" in str(exc.value)
    services.send_doubt(library_a, text="from elsewhere", address="10.0.0.2")
    assert Doubt.objects.count() == services.DOUBTS_PER_HOUR + 1


def test_publishing_answers_linked_doubts_by_notice_and_email(library_a, librarian_a, reader):
    reader.language = "en"
    reader.email = ""
    reader.save()
    check = make_check(library_a, librarian_a)
    signed_in = services.send_doubt(library_a, text="hot water kills it?", reader=reader, email="ignored@example.org")
    by_email = services.send_doubt(library_a, text="is hot water good?", email="visitor@example.org")
    assert signed_in.email == ""
    assert services.link_doubt(signed_in, check, by=librarian_a) is False
    assert services.link_doubt(by_email, check, by=librarian_a) is False
    assert Doubt.objects.filter(status=Doubt.Status.OPEN).count() == 2

    services.submit_check(check, by=librarian_a, base_url="https://lantern.example.org/")
    assert Doubt.objects.filter(status=Doubt.Status.ANSWERED, answer=check).count() == 2
    notice = Notice.objects.get(recipient=reader)
    assert signed_in.reference in notice.subject and "False" in notice.body
    assert notice.link == check.get_absolute_url()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["visitor@example.org"]
    assert f"https://lantern.example.org{check.get_absolute_url()}" in sent.body
    assert by_email.reference in sent.subject


def test_linking_to_a_published_check_answers_at_once(library_a, librarian_a, reader):
    check = make_check(library_a, librarian_a, publish=True)
    doubt = services.send_doubt(library_a, text="hot water?", reader=reader)
    assert services.link_doubt(doubt, check, by=librarian_a) is True
    doubt.refresh_from_db()
    assert doubt.status == Doubt.Status.ANSWERED and doubt.answered_at
    with pytest.raises(Refused) as exc:
        services.link_doubt(doubt, check, by=librarian_a)
    assert exc.value.reason == "not_open"


def test_linking_refuses_another_library_and_withdrawn_checks(library_a, library_b, librarian_a, librarian_b):
    doubt = services.send_doubt(library_a, text="hot water?")
    other = make_check(library_b, librarian_b, publish=True)
    with pytest.raises(Refused) as exc:
        services.link_doubt(doubt, other, by=librarian_a)
    assert exc.value.reason == "other_library"
    withdrawn = make_check(library_a, librarian_a, publish=True)
    services.withdraw_check(withdrawn, by=librarian_a)
    with pytest.raises(Refused) as exc:
        services.link_doubt(doubt, withdrawn, by=librarian_a)
    assert exc.value.reason == "withdrawn"
    doubt.refresh_from_db()
    assert doubt.answer is None and doubt.status == Doubt.Status.OPEN


def test_declining_tells_the_reader_why(library_a, librarian_a, reader):
    reader.language = "en"
    reader.save()
    doubt = services.send_doubt(library_a, text="5G spreads it", reader=reader)
    with pytest.raises(ValidationError):
        services.decline_doubt(doubt, "  ", by=librarian_a)
    with pytest.raises(ValidationError):
        services.decline_doubt(doubt, "x" * 301, by=librarian_a)
    services.decline_doubt(doubt, "Not about health.", by=librarian_a)
    assert doubt.status == Doubt.Status.DECLINED
    notice = Notice.objects.get(recipient=reader)
    assert "Not about health." in notice.body
    with pytest.raises(Refused) as exc:
        services.decline_doubt(doubt, "again", by=librarian_a)
    assert exc.value.reason == "not_open"
    assert AuditEntry.objects.filter(action="infoservice.doubt_declined").count() == 1


def test_an_email_only_sender_is_emailed_when_declined(library_a, librarian_a):
    doubt = services.send_doubt(library_a, text="5G spreads it", email="visitor@example.org")
    services.decline_doubt(doubt, "Not about health.", by=librarian_a)
    assert mail.outbox[0].to == ["visitor@example.org"] and "Not about health." in mail.outbox[0].body


# --- matching and search -------------------------------------------------------------------------
def test_matches_find_the_check_by_words_in_either_script_and_by_link(library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    other = make_check(
        library_a,
        librarian_a,
        publish=True,
        claim_zh_hans="双黄连口服液可以预防新冠病毒",
        claim_en="Shuanghuanglian prevents the virus",
        summary_zh_hans="误导",
        summary_en="Misleading",
    )
    make_check(library_a, librarian_a, claim_zh_hans="喝热水的草稿", claim_en="draft")  # not published
    assert services.find_matches(library_a, "朋友圈说：多喝热水能杀死病毒！")[0] == check
    assert services.find_matches(library_a, "喝熱水能殺死病毒嗎")[0] == check  # Traditional characters
    assert services.find_matches(library_a, "Is it true that drinking hot water kills the virus?")[0] == check
    assert set(services.find_matches(library_a, "", "https://www.who.int/myths")) == {check, other}
    assert services.find_matches(library_a, "明天图书馆几点开门") == []
    assert services.find_matches(library_a, "") == []


def test_search_looks_in_both_languages_and_folds_traditional(library_a, librarian_a):
    check = make_check(library_a, librarian_a, publish=True)
    published = library_a.rumour_checks.all()
    assert list(services.search(published, "热水")) == [check]
    assert list(services.search(published, "熱水")) == [check]
    assert list(services.search(published, "HOT water")) == [check]
    assert list(services.search(published, "37 degrees")) == [check]
    assert list(services.search(published, "hot garlic")) == []
