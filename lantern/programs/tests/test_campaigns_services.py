"""Joint campaign services: what a coordinator and a library may do, every refusal, the audit log, notices
and the ServiceRecords a library's participation leaves in the measurement."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lantern.conftest import make_user
from lantern.core import services as core_services
from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Library, Network, Notice, Role
from lantern.insights.models import ServiceRecord
from lantern.programs.models import Activity, Campaign, Event, Participation, Status
from lantern.programs.services import campaigns as services

pytestmark = pytest.mark.django_db


def make_campaign(network, by=None, *, publish=True, days=(0, 30), **fields):
    today = timezone.localdate()
    values = {
        "title_zh_hans": "同读一本书",
        "title_en": "One city, one book",
        "reader_action_zh_hans": "每天读一章",
        "reader_action_en": "Read a chapter a day",
        "hashtag": "#onebook",
        "starts_on": today + datetime.timedelta(days=days[0]),
        "ends_on": today + datetime.timedelta(days=days[1]),
        **fields,
    }
    campaign = services.create_campaign(network, by=by, **values)
    if publish:
        services.publish_campaign(campaign, by=by)
        campaign.refresh_from_db()
    return campaign


def make_event(library, mode=Event.Mode.ONLINE, status=Status.PUBLISHED):
    start = timezone.now() + datetime.timedelta(days=2)
    return Event.objects.create(
        library=library,
        title_en="Reading aloud",
        title_zh_hans="朗读会",
        mode=mode,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        status=status,
    )


def record_of(participation):
    return ServiceRecord.objects.filter(object_id=str(participation.pk), library=participation.library).first()


# --- coordinator ------------------------------------------------------------------------------------
def test_a_campaign_needs_a_title_and_an_end_after_its_start(network, coordinator):
    with pytest.raises(ValidationError) as exc:
        make_campaign(network, coordinator, title_zh_hans="", title_en="  ", days=(5, 1))
    assert set(exc.value.message_dict) == {"title_zh_hans", "ends_on"}
    assert not Campaign.objects.exists()


def test_publishing_tells_member_managers_and_is_audited(network, coordinator, manager_a, library_a):
    manager_a.language = "en"
    manager_a.save()
    campaign = make_campaign(network, coordinator)
    assert campaign.status == Status.PUBLISHED and campaign.published_at
    notice = Notice.objects.get(recipient=manager_a)
    assert notice.subject == "New joint campaign: One city, one book"
    assert notice.link == "/alpha/staff/campaigns/"
    actions = set(
        AuditEntry.objects.filter(library=None, object_type="programs.Campaign").values_list("action", flat=True)
    )
    assert actions == {"campaign.created", "campaign.published"}


def test_publish_refusals(network, coordinator):
    campaign = make_campaign(network, coordinator)
    with pytest.raises(Refused, match="already published"):
        services.publish_campaign(campaign, by=coordinator)
    ended = make_campaign(network, coordinator, publish=False, days=(-10, -1))
    with pytest.raises(Refused, match="already ended"):
        services.publish_campaign(ended, by=coordinator)
    services.cancel_campaign(campaign, by=coordinator)
    with pytest.raises(Refused, match="cancelled campaign cannot be published"):
        services.publish_campaign(campaign, by=coordinator)
    with pytest.raises(Refused, match="already cancelled"):
        services.cancel_campaign(campaign, by=coordinator)


def test_a_cancelled_campaign_cannot_be_changed(network, coordinator):
    campaign = make_campaign(network, coordinator)
    resource = services.add_resource(
        campaign, by=coordinator, title_zh="平台", title_en="", url="https://x.example.com"
    )
    services.cancel_campaign(campaign, by=coordinator)
    campaign.refresh_from_db()
    with pytest.raises(Refused):
        services.update_campaign(campaign, by=coordinator, hashtag="#x")
    with pytest.raises(Refused):
        services.add_resource(campaign, by=coordinator, title_zh="a", title_en="", url="https://y.example.com")
    resource.refresh_from_db()
    with pytest.raises(Refused):
        services.remove_resource(resource, by=coordinator)


def test_a_resource_needs_a_title_and_a_link(network, coordinator):
    campaign = make_campaign(network, coordinator)
    with pytest.raises(ValidationError) as exc:
        services.add_resource(campaign, by=coordinator, title_zh="", title_en="", url="https://x.example.com")
    assert "title_zh_hans" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.add_resource(campaign, by=coordinator, title_zh="a", title_en="", url=" ")
    assert "url" in exc.value.message_dict
    assert not campaign.resources.exists()


def test_new_dates_must_keep_every_activity(network, coordinator, library_a, librarian_a):
    campaign = make_campaign(network, coordinator)
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    day = campaign.starts_on + datetime.timedelta(days=10)
    services.add_activity(participation, by=librarian_a, title_zh="朗读", date=day)
    with pytest.raises(ValidationError, match="1 activity of a participating library falls outside"):
        services.update_campaign(campaign, by=coordinator, ends_on=campaign.starts_on + datetime.timedelta(days=5))
    campaign.refresh_from_db()
    assert campaign.ends_on == timezone.localdate() + datetime.timedelta(days=30)
    services.update_campaign(campaign, by=coordinator, ends_on=day, title_en="Renamed")
    campaign.refresh_from_db()
    assert campaign.ends_on == day and record_of(participation).title_en == "Renamed"


# --- a library ----------------------------------------------------------------------------------------
def test_join_records_the_service_and_leave_withdraws_it(network, coordinator, library_a, librarian_a):
    campaign = make_campaign(network, coordinator)
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    record = record_of(participation)
    assert record.reading_online and not record.reading_offline
    assert record.social_participation and not record.cross_industry
    assert record.date == campaign.starts_on
    assert AuditEntry.objects.filter(action="campaign.joined", library=library_a).exists()
    services.leave_campaign(participation, by=librarian_a)
    assert not Participation.objects.exists() and not ServiceRecord.objects.exists()
    assert AuditEntry.objects.filter(action="campaign.left", library=library_a).exists()


def test_join_refusals(network, coordinator, library_a, librarian_a):
    draft = make_campaign(network, coordinator, publish=False)
    with pytest.raises(Refused, match="not open"):
        services.join_campaign(draft, library_a, by=librarian_a)
    campaign = make_campaign(network, coordinator)
    services.join_campaign(campaign, library_a, by=librarian_a)
    with pytest.raises(Refused, match="already joined"):
        services.join_campaign(campaign, library_a, by=librarian_a)
    elsewhere = Library.objects.create(slug="far", name="Far", network=Network.objects.create(slug="n2", name="N2"))
    with pytest.raises(Refused, match="Only libraries of the campaign's network"):
        services.join_campaign(campaign, elsewhere, by=None)
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=timezone.localdate() - datetime.timedelta(days=9),
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    campaign.refresh_from_db()
    library_b = Library.objects.create(slug="gamma", name="Gamma", network=network)
    with pytest.raises(Refused, match="has ended"):
        services.join_campaign(campaign, library_b, by=None)
    assert Participation.objects.count() == 1 and ServiceRecord.objects.count() == 1


def test_leaving_is_refused_while_activities_remain(network, coordinator, library_a, librarian_a):
    campaign = make_campaign(network, coordinator)
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    services.add_activity(participation, by=librarian_a, title_en="Relay", date=campaign.starts_on)
    with pytest.raises(Refused, match="still has 1 activity in this campaign"):
        services.leave_campaign(participation, by=librarian_a)
    assert Participation.objects.exists() and record_of(participation)


def test_activity_refusals(network, coordinator, library_a, library_b, librarian_a):
    campaign = make_campaign(network, coordinator)
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    other_event = make_event(library_b)
    draft_event = make_event(library_a, status=Status.DRAFT)
    with pytest.raises(ValidationError) as exc:
        services.add_activity(
            participation,
            by=librarian_a,
            title_zh=" ",
            date=campaign.ends_on + datetime.timedelta(days=1),
            event=other_event,
        )
    assert set(exc.value.message_dict) == {"title_zh_hans", "date", "event"}
    assert "within the campaign" in exc.value.message_dict["date"][0]
    with pytest.raises(ValidationError, match="published events"):
        services.add_activity(participation, by=librarian_a, title_en="x", date=campaign.starts_on, event=draft_event)
    assert not Activity.objects.exists()
    services.cancel_campaign(campaign, by=coordinator)
    participation.campaign.refresh_from_db()
    with pytest.raises(Refused, match="not open"):
        services.add_activity(participation, by=librarian_a, title_en="x", date=campaign.starts_on)


def test_an_on_site_event_makes_it_offline_reading_too(network, coordinator, library_a, librarian_a):
    campaign = make_campaign(network, coordinator)
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    activity = services.add_activity(
        participation, by=librarian_a, title_en="Talk", date=campaign.starts_on, event=make_event(library_a)
    )
    assert not record_of(participation).reading_offline
    services.update_activity(
        activity,
        by=librarian_a,
        title_en="Talk in the hall",
        date=campaign.starts_on,
        event=make_event(library_a, mode=Event.Mode.HYBRID),
    )
    assert record_of(participation).reading_offline
    services.remove_activity(activity, by=librarian_a)
    assert not record_of(participation).reading_offline
    actions = set(AuditEntry.objects.filter(library=library_a).values_list("action", flat=True))
    assert {"campaign.activity_added", "campaign.activity_changed", "campaign.activity_removed"} <= actions


def test_outside_resources_make_it_cross_industry_but_library_ones_do_not(
    network, coordinator, library_a, library_b, librarian_a
):
    library_b.website = "https://www.beta-library.example.org/"
    library_b.save()
    campaign = make_campaign(network, coordinator, reader_action_zh_hans="", reader_action_en="")
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    assert not record_of(participation).social_participation
    services.add_resource(
        campaign, by=coordinator, title_zh="乙馆书单", title_en="", url="https://ebooks.beta-library.example.org/list"
    )
    assert not record_of(participation).cross_industry
    outside = services.add_resource(
        campaign, by=coordinator, title_zh="出版社平台", title_en="", url="https://read.publisher.example.com/"
    )
    assert record_of(participation).cross_industry
    services.remove_resource(outside, by=coordinator)
    assert not record_of(participation).cross_industry


def test_cancelling_withdraws_every_record_and_tells_who_joined(
    network, coordinator, library_a, library_b, librarian_a, librarian_b
):
    librarian_a.language = "en"
    librarian_a.save()
    campaign = make_campaign(network, coordinator)
    services.join_campaign(campaign, library_a, by=librarian_a)
    services.join_campaign(campaign, library_b, by=librarian_b)
    assert ServiceRecord.objects.count() == 2
    services.cancel_campaign(campaign, by=coordinator)
    assert not ServiceRecord.objects.exists()
    assert Notice.objects.get(recipient=librarian_a).subject == "Joint campaign cancelled: One city, one book"
    assert Notice.objects.filter(recipient=librarian_b).exists()
    assert AuditEntry.objects.filter(action="campaign.cancelled", library=None).exists()


def test_only_the_networks_coordinators_coordinate(network, coordinator, librarian_a, manager_a):
    other = make_user("olga@example.org", "Olga")
    core_services.grant_role(other, Role.Kind.COORDINATOR, network=Network.objects.create(slug="n3", name="N3"))
    assert services.is_coordinator(coordinator, network)
    assert not services.is_coordinator(librarian_a, network)
    assert not services.is_coordinator(manager_a, network)
    assert not services.is_coordinator(other, network)
