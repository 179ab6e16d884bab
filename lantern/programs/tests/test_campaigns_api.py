"""The joint campaigns API as a mini-program uses it: a network's published campaigns, one campaign with its
libraries and activities in the asked language, and a library joining with a token (201, or a 4xx with a clear
detail and nothing written)."""

import pytest

from lantern.core.services import create_api_token
from lantern.insights.models import ServiceRecord
from lantern.programs.models import Participation
from lantern.programs.services import campaigns as services

from .test_campaigns_services import make_campaign

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, 'phone')[1]}", **EN}


@pytest.fixture
def campaign(network, coordinator):
    return make_campaign(network, coordinator)


def test_the_list_shows_published_campaigns_only(client, network, coordinator, campaign):
    make_campaign(network, coordinator, publish=False, title_en="Still a draft")
    answer = client.get("/api/v1/networks/net/campaigns", **EN).json()
    assert [(c["id"], c["title"], c["hashtag"], c["libraries"]) for c in answer] == [
        (campaign.pk, "One city, one book", "#onebook", 0)
    ]
    assert answer[0]["page"] == f"http://testserver/network/net/campaigns/{campaign.pk}/"
    assert client.get("/api/v1/networks/nowhere/campaigns").json()["detail"] == "Not found."


def test_one_campaign_with_libraries_and_activities_in_the_asked_language(
    client, coordinator, campaign, library_a, librarian_a
):
    services.add_resource(
        campaign, by=coordinator, title_zh="电子书", title_en="The e-book", url="https://r.example.com"
    )
    participation = services.join_campaign(campaign, library_a, by=librarian_a)
    services.add_activity(
        participation, by=librarian_a, title_zh="朗读接力", title_en="Reading relay", date=campaign.starts_on
    )
    answer = client.get(f"/api/v1/networks/net/campaigns/{campaign.pk}", **EN).json()
    assert answer["reader_action"] == "Read a chapter a day"
    assert answer["resources"] == [{"title": "The e-book", "url": "https://r.example.com", "note": ""}]
    [library] = answer["participants"]
    assert (library["library"], library["name"], library["page"]) == (
        "alpha",
        "Alpha City Library",
        "http://testserver/alpha/",
    )
    assert [a["title"] for a in library["activities"]] == ["Reading relay"]
    chinese = client.get(f"/api/v1/networks/net/campaigns/{campaign.pk}", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert chinese["participants"][0]["activities"][0]["title"] == "朗读接力"


def test_drafts_and_unknown_campaigns_are_not_found(client, network, coordinator):
    draft = make_campaign(network, coordinator, publish=False)
    assert client.get(f"/api/v1/networks/net/campaigns/{draft.pk}").status_code == 404
    assert client.get("/api/v1/networks/net/campaigns/99999").status_code == 404
    assert client.get("/api/v1/networks/net/campaigns/abc").status_code == 422


def test_staff_join_with_a_token(client, campaign, librarian_a):
    url = f"/api/v1/libraries/alpha/campaigns/{campaign.pk}/join"
    answer = client.post(url, **bearer(librarian_a))
    assert answer.status_code == 201 and answer.json()["library"] == "alpha"
    assert ServiceRecord.objects.filter(library__slug="alpha").count() == 1
    again = client.post(url, **bearer(librarian_a))
    assert again.status_code == 409
    assert again.json() == {"detail": "Your library has already joined this campaign.", "reason": "already_joined"}


def test_join_bad_input_and_people_who_may_not(client, network, coordinator, campaign, reader, librarian_b):
    url = f"/api/v1/libraries/alpha/campaigns/{campaign.pk}/join"
    assert client.post(url, **EN).status_code == 401
    assert client.post(url, **bearer(reader)).status_code == 403
    assert client.post(url, **bearer(librarian_b)).json()["detail"] == "You do not have permission to do that."
    draft = make_campaign(network, coordinator, publish=False)
    from lantern.core.models import Role

    staff = Role.objects.filter(kind="staff", library__slug="beta").get().user
    answer = client.post(f"/api/v1/libraries/beta/campaigns/{draft.pk}/join", **bearer(staff))
    assert answer.status_code == 409 and answer.json()["reason"] == "campaign_not_open"
    assert client.post("/api/v1/libraries/beta/campaigns/99999/join", **bearer(staff)).status_code == 404
    assert client.post("/api/v1/libraries/beta/campaigns/x/join", **bearer(staff)).status_code == 422
    assert client.post("/api/v1/libraries/nowhere/campaigns/1/join", **bearer(staff)).status_code == 404
    assert not Participation.objects.exists()
