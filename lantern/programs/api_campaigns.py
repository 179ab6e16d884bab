"""API of joint campaigns: a network's published campaigns, one campaign with its shared resources, the
participating libraries and their activities (texts in the request's language), and a library joining (staff).
"""

import datetime

from django.http import Http404
from ninja import Router, Schema, Status

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, refused
from lantern.core.errors import Refused
from lantern.core.permissions import get_library_for_staff

from .models import Campaign
from .models import Status as CampaignStatus
from .services import campaigns as services
from .views.campaigns import get_network, get_public_campaign

router = Router(tags=["programs"])


class CampaignResourceOut(Schema):
    title: str
    url: str
    note: str


class CampaignActivityOut(Schema):
    id: int
    title: str
    description: str
    date: datetime.date
    link: str
    event: str | None


class CampaignParticipantOut(Schema):
    library: str
    name: str
    page: str
    joined_at: datetime.datetime
    activities: list[CampaignActivityOut]


class CampaignSummaryOut(Schema):
    id: int
    network: str
    title: str
    theme: str
    reader_action: str
    hashtag: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str
    page: str
    libraries: int


class CampaignOut(CampaignSummaryOut):
    resources: list[CampaignResourceOut]
    participants: list[CampaignParticipantOut]


class CampaignJoinOut(Schema):
    campaign: int
    library: str
    joined_at: datetime.datetime


def _summary(request, campaign: Campaign) -> dict:
    return {
        "id": campaign.pk,
        "network": campaign.network.slug,
        "title": campaign.title or "",
        "theme": campaign.theme or "",
        "reader_action": campaign.reader_action or "",
        "hashtag": campaign.hashtag,
        "starts_on": campaign.starts_on,
        "ends_on": campaign.ends_on,
        "status": campaign.status,
        "page": request.build_absolute_uri(campaign.get_absolute_url()),
        "libraries": campaign.participations.count(),
    }


def _activity(request, activity) -> dict:
    event = activity.event if activity.event_id and activity.event.status != CampaignStatus.DRAFT else None
    return {
        "id": activity.pk,
        "title": activity.title or "",
        "description": activity.description or "",
        "date": activity.date,
        "link": activity.link,
        "event": request.build_absolute_uri(event.get_absolute_url()) if event else None,
    }


@router.get(
    "/networks/{network}/campaigns",
    response={200: list[CampaignSummaryOut], 404: Problem},
    summary="A network's published joint campaigns",
)
def campaign_list(request, network: str):
    network = get_network(network)
    campaigns = network.campaigns.filter(status=CampaignStatus.PUBLISHED).select_related("network")
    return [_summary(request, campaign) for campaign in campaigns[:200]]


@router.get(
    "/networks/{network}/campaigns/{pk}",
    response={200: CampaignOut, 404: Problem},
    summary="One joint campaign: resources, participating libraries and their activities",
)
def campaign(request, network: str, pk: int):
    found = get_public_campaign(request.user, network, pk)
    participants = [
        {
            "library": p.library.slug,
            "name": p.library.name,
            "page": request.build_absolute_uri(p.library.get_absolute_url()),
            "joined_at": p.joined_at,
            "activities": [_activity(request, a) for a in p.activities.all()],
        }
        for p in found.participations.select_related("library").prefetch_related("activities__event")
    ]
    return {
        **_summary(request, found),
        "resources": [{"title": r.title or "", "url": r.url, "note": r.note} for r in found.resources.all()],
        "participants": participants,
    }


@router.post(
    "/libraries/{slug}/campaigns/{pk}/join",
    auth=signed_in,
    response={201: CampaignJoinOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem},
    summary="Join a published joint campaign of the library's network (staff)",
    description="409 with a `reason` when the library has already joined, the campaign is not open or has ended.",
)
def join(request, slug: str, pk: int):
    library = get_library_for_staff(request.auth, slug)
    found = Campaign.objects.filter(pk=pk, network_id=library.network_id).first()
    if found is None or library.network_id is None:
        raise Http404
    try:
        participation = services.join_campaign(found, library, by=request.auth)
    except Refused as exc:
        exc.status = 409
        return refused(exc)
    return Status(201, {"campaign": found.pk, "library": library.slug, "joined_at": participation.joined_at})
