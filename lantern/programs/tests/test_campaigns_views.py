"""Joint campaign pages: the coordinator's create / edit / resources / publish / cancel, a library's join,
leave and activities, the public pages, bad input on every form, and people who may not."""

import pytest
from django.urls import reverse

from lantern.conftest import make_user
from lantern.core import services as core_services
from lantern.core.models import Library, Network, Role
from lantern.insights.models import ServiceRecord
from lantern.programs.models import Activity, Campaign, Participation, SharedResource, Status
from lantern.programs.services import campaigns as services

from .test_campaigns_services import make_campaign

pytestmark = pytest.mark.django_db


def net_url(name, campaign_or_network, *args):
    if isinstance(campaign_or_network, Campaign):
        return reverse(f"campaigns:{name}", args=[campaign_or_network.network.slug, campaign_or_network.pk, *args])
    return reverse(f"campaigns:{name}", args=[campaign_or_network.slug, *args])


def lib_url(name, library, *args):
    return reverse(f"programs:{name}", args=[library.slug, *args])


def res(data: dict) -> dict:
    """The resource form's fields carry its prefix."""
    return {f"resource-{name}": value for name, value in data.items()}


@pytest.fixture
def campaign(network, coordinator):
    return make_campaign(network, coordinator)


@pytest.fixture
def other_network_staff():
    library = Library.objects.create(
        slug="zeta", name="Zeta", network=Network.objects.create(slug="other", name="Other Network")
    )
    user = make_user("zed@example.org", "Zed")
    core_services.grant_role(user, Role.Kind.STAFF, library=library)
    return user


FORM = {
    "title_zh_hans": "同读一本书",
    "title_en": "One city, one book",
    "theme_zh_hans": "",
    "theme_en": "Reading together",
    "reader_action_zh_hans": "",
    "reader_action_en": "Post a video",
    "hashtag": "onebook",
    "starts_on": "2030-03-01",
    "ends_on": "2030-03-31",
}


# --- coordinator --------------------------------------------------------------------------------------
def test_the_coordinator_creates_a_draft_and_publishes_it(client_as, coordinator, network, librarian_a):
    client = client_as(coordinator)
    response = client.post(net_url("new", network), FORM, follow=True)
    assert "Draft campaign “One city, one book” created." in response.content.decode()
    campaign = Campaign.objects.get()
    assert campaign.status == Status.DRAFT and campaign.hashtag == "#onebook"
    # A draft is hidden from everyone else.
    assert client_as(librarian_a).get(net_url("campaign", campaign)).status_code == 404
    confirm = client_as(coordinator).post(net_url("publish", campaign))
    assert "Nothing has changed yet." in confirm.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Status.DRAFT
    done = client.post(net_url("publish", campaign), {"confirm": "yes"}, follow=True)
    assert "The campaign is published." in done.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title_zh_hans": "", "title_en": ""}, "title_zh_hans", "Give the campaign a title in Chinese or English."),
        ({"ends_on": "2030-02-01"}, "ends_on", "The campaign cannot end before it starts."),
        ({"starts_on": "not a date"}, "starts_on", "Enter a valid date."),
        ({"ends_on": ""}, "ends_on", "This field is required."),
        ({"hashtag": "one book"}, "hashtag", "A hashtag has no spaces."),
        ({"title_en": "x" * 201}, "title_en", "Ensure this value has at most 200 characters"),
    ],
)
def test_bad_campaign_input_is_refused_with_a_message(
    client_as, coordinator, network, campaign, change, field, message
):
    client = client_as(coordinator)
    response = client.post(net_url("new", network), {**FORM, **change})
    assert response.status_code == 422 and message in response.content.decode()
    response = client.post(net_url("edit", campaign), {**FORM, **change})
    assert response.status_code == 422 and message in response.content.decode()
    assert Campaign.objects.count() == 1
    campaign.refresh_from_db()
    assert campaign.title_en == "One city, one book"


def test_the_coordinator_edits_and_manages_resources(client_as, coordinator, campaign):
    client = client_as(coordinator)
    response = client.post(net_url("edit", campaign), {**FORM, "title_en": "Reading together"}, follow=True)
    assert "Campaign saved." in response.content.decode()
    response = client.post(
        net_url("resource_add", campaign),
        res({"title_zh": "电子书", "title_en": "The e-book", "url": "https://read.example.com/book", "note": "Free"}),
        follow=True,
    )
    assert "Shared resource “The e-book” added." in response.content.decode()
    resource = SharedResource.objects.get()
    client.post(net_url("resource_remove", campaign, resource.pk))
    assert SharedResource.objects.exists()
    response = client.post(net_url("resource_remove", campaign, resource.pk), {"confirm": "yes"}, follow=True)
    assert "Shared resource removed." in response.content.decode() and not SharedResource.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"title_zh": "", "title_en": "", "url": "https://read.example.com"}, "Give the resource a title"),
        ({"title_zh": "书", "title_en": "", "url": "not a link at all"}, "Enter a valid URL."),
        ({"title_zh": "书", "title_en": "", "url": ""}, "This field is required."),
        ({"title_zh": "书", "title_en": "", "url": "javascript:alert(1)"}, "Enter a valid URL."),
    ],
)
def test_bad_resource_input_is_refused(client_as, coordinator, campaign, data, message):
    response = client_as(coordinator).post(net_url("resource_add", campaign), res(data))
    assert response.status_code == 422 and message in response.content.decode()
    assert not SharedResource.objects.exists()


def test_cancelling_asks_first_then_withdraws_records(client_as, coordinator, campaign, library_a, librarian_a):
    services.join_campaign(campaign, library_a, by=librarian_a)
    client = client_as(coordinator)
    assert "This cannot be undone." in client.post(net_url("cancel", campaign)).content.decode()
    assert ServiceRecord.objects.count() == 1
    response = client.post(net_url("cancel", campaign), {"confirm": "yes"}, follow=True)
    assert "The campaign is cancelled." in response.content.decode()
    assert not ServiceRecord.objects.exists()
    again = client.post(net_url("cancel", campaign), {"confirm": "yes"}, follow=True)
    assert "already cancelled" in again.content.decode()
    assert "Cancelled" in client.get(net_url("campaign", campaign)).content.decode()


def test_non_coordinators_are_refused(
    client, client_as, campaign, network, librarian_a, manager_a, other_network_staff
):
    other_coordinator = make_user("oc@example.org", "OC")
    core_services.grant_role(other_coordinator, Role.Kind.COORDINATOR, network=Network.objects.get(slug="other"))
    assert client.get(net_url("manage", network)).status_code == 302
    for user in (librarian_a, manager_a, other_network_staff, other_coordinator):
        c = client_as(user)
        assert c.get(net_url("manage", network)).status_code == 403
        assert c.post(net_url("new", network), FORM).status_code == 403
        assert c.post(net_url("edit", campaign), FORM).status_code == 403
        assert c.post(net_url("cancel", campaign), {"confirm": "yes"}).status_code == 403
        assert (
            c.post(
                net_url("resource_add", campaign), res({"title_zh": "x", "url": "https://x.example.com"})
            ).status_code
            == 403
        )
    campaign.refresh_from_db()
    assert campaign.status == Status.PUBLISHED and Campaign.objects.count() == 1
    assert client.get(reverse("campaigns:manage", args=["nowhere"])).status_code == 404


# --- a library ----------------------------------------------------------------------------------------
def test_staff_join_add_an_activity_and_leave(client_as, librarian_a, library_a, campaign):
    client = client_as(librarian_a)
    page = client.get(lib_url("staff_campaigns", library_a)).content.decode()
    assert "One city, one book" in page and "Join" in page
    assert (
        "Nothing has changed yet."
        in client.post(lib_url("staff_campaign_join", library_a, campaign.pk)).content.decode()
    )
    assert not Participation.objects.exists()
    response = client.post(lib_url("staff_campaign_join", library_a, campaign.pk), {"confirm": "yes"}, follow=True)
    assert "Your library has joined “One city, one book”." in response.content.decode()
    again = client.post(lib_url("staff_campaign_join", library_a, campaign.pk), {"confirm": "yes"}, follow=True)
    assert "already joined" in again.content.decode()
    data = {"title_zh": "朗读接力", "title_en": "Reading relay", "date": campaign.starts_on.isoformat(), "link": ""}
    response = client.post(lib_url("staff_campaign", library_a, campaign.pk), data, follow=True)
    assert "Activity “Reading relay” added." in response.content.decode()
    activity = Activity.objects.get()
    edit = lib_url("staff_campaign_activity", library_a, campaign.pk, activity.pk)
    response = client.post(edit, {**data, "title_en": "Reading-aloud relay"}, follow=True)
    assert "Activity saved." in response.content.decode()
    public = client.get(net_url("campaign", campaign)).content.decode()
    assert "Reading-aloud relay" in public and 'href="/alpha/"' in public
    leave = lib_url("staff_campaign_leave", library_a, campaign.pk)
    refused = client.post(leave, {"confirm": "yes"}, follow=True).content.decode()
    assert "Remove it first" in refused and Participation.objects.exists()
    remove = lib_url("staff_campaign_activity_remove", library_a, campaign.pk, activity.pk)
    client.post(remove, {"confirm": "yes"})
    response = client.post(leave, {"confirm": "yes"}, follow=True)
    assert "Your library has left the campaign." in response.content.decode()
    assert not Participation.objects.exists() and not ServiceRecord.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title_zh": "", "title_en": ""}, "Give the activity a title in Chinese or English."),
        ({"date": "2001-01-01"}, "The date must be within the campaign"),
        ({"date": "31/31/2030"}, "Enter a valid date."),
        ({"link": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"event": "999999"}, "Select a valid choice."),
    ],
)
def test_bad_activity_input_is_refused(client_as, librarian_a, library_a, campaign, change, message):
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    activity = services.add_activity(participation, by=librarian_a, title_en="Kept", date=campaign.starts_on)
    client = client_as(librarian_a)
    data = {"title_zh": "", "title_en": "New", "date": campaign.starts_on.isoformat(), **change}
    response = client.post(lib_url("staff_campaign", library_a, campaign.pk), data)
    assert response.status_code == 422 and message in response.content.decode()
    response = client.post(lib_url("staff_campaign_activity", library_a, campaign.pk, activity.pk), data)
    assert response.status_code == 422 and message in response.content.decode()
    assert list(Activity.objects.values_list("title_en", flat=True)) == ["Kept"]


def test_another_librarys_events_are_not_offered(client_as, librarian_a, library_a, library_b, campaign):
    from .test_campaigns_services import make_event

    mine, theirs = make_event(library_a), make_event(library_b)
    services.join_campaign(campaign, library_a, by=librarian_a)
    page = client_as(librarian_a).get(lib_url("staff_campaign", library_a, campaign.pk)).content.decode()
    assert f'value="{mine.pk}"' in page and f'value="{theirs.pk}"' not in page


def test_staff_of_other_libraries_and_networks_are_refused(
    client_as, reader, librarian_b, library_a, campaign, other_network_staff
):
    participation = services.join_campaign(campaign, library_a, by=None)
    activity = services.add_activity(participation, by=None, title_en="Kept", date=campaign.starts_on)
    for user in (reader, librarian_b, other_network_staff):
        c = client_as(user)
        assert c.get(lib_url("staff_campaigns", library_a)).status_code == 403
        assert c.post(lib_url("staff_campaign_join", library_a, campaign.pk), {"confirm": "yes"}).status_code == 403
        assert c.post(lib_url("staff_campaign_leave", library_a, campaign.pk), {"confirm": "yes"}).status_code == 403
        remove = lib_url("staff_campaign_activity_remove", library_a, campaign.pk, activity.pk)
        assert c.post(remove, {"confirm": "yes"}).status_code == 403
    # A librarian of another network cannot reach this network's campaign through their own library.
    zeta = Library.objects.get(slug="zeta")
    c = client_as(other_network_staff)
    assert c.post(lib_url("staff_campaign_join", zeta, campaign.pk), {"confirm": "yes"}).status_code == 404
    assert c.get(lib_url("staff_campaign", zeta, campaign.pk)).status_code == 404
    assert "One city, one book" not in c.get(lib_url("staff_campaigns", zeta)).content.decode()
    assert Participation.objects.count() == 1 and Activity.objects.count() == 1


# --- public -----------------------------------------------------------------------------------------
def test_public_pages_in_both_languages(client, campaign, library_a, library_b, librarian_a, coordinator):
    services.add_resource(
        campaign, by=coordinator, title_zh="电子书", title_en="The e-book", url="https://r.example.com"
    )
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    services.add_activity(
        participation, by=librarian_a, title_zh="朗读接力", title_en="Reading relay", date=campaign.starts_on
    )
    page = client.get(net_url("list", campaign.network)).content.decode()
    assert "One city, one book" in page and "1 library takes part" in page
    page = client.get(net_url("campaign", campaign)).content.decode()
    for text in ("Read a chapter a day", "#onebook", "The e-book", "Alpha City Library", "Reading relay"):
        assert text in page
    page = client.get(net_url("campaign", campaign), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for text in ("每天读一章", "电子书", "甲市图书馆", "朗读接力"):
        assert text in page
    page = client.get(lib_url("library_campaigns", library_a)).content.decode()
    assert "One city, one book" in page and f"/network/net/campaigns/{campaign.pk}/#library-alpha" in page
    assert "no joint campaign" in client.get(reverse("programs:library_campaigns", args=["beta"])).content.decode()
    assert client.get(reverse("campaigns:campaign", args=["net", 99999])).status_code == 404
    assert client.get(reverse("campaigns:list", args=["nowhere"])).status_code == 404
