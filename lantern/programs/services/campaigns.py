"""Joint campaigns: a network's coordinator creates, edits, publishes and cancels a campaign and its shared
resources; a member library joins, leaves, and adds its own activities.

Who is told: publishing a campaign puts it on the joint-campaigns staff page of every member library and sends
a notice to each member library's managers (they decide whether to join); cancelling it sends a notice to
the person who joined for each participating library. Coordinator actions are network-level, so their audit
entries carry library=None; a library's own actions (join, leave, activities) carry that library.

Measurement (one ServiceRecord per Participation, i.e. per library taking part in a published campaign):
- categories: always `reading_online` (the codebook lists "joint online activities of several libraries"
  and reading challenges / short-video campaigns under it); also `reading_offline` when one of the library's
  activities points to one of its events held on site (on site, or on site and online), following the
  issue's rule "reading_online or reading_offline by mode".
- `social_participation` when the campaign says what readers do (either language): readers then take an
  active part (posting, co-creating, reading together), not only use a service.
- `cross_industry` when a shared resource's link is on a host that is neither this site nor the website of
  any library Lantern knows: such a resource (a publisher's reading platform, a video site, a museum) comes
  from an organisation outside the library field. The codebook says cooperation between libraries alone does
  not count, which is why the campaign being joint is not enough.
Joining records the library's ServiceRecord, leaving withdraws it, cancelling the campaign withdraws all;
changing a published campaign, its resources or a library's activities brings the records up to date.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lantern.core.errors import Refused
from lantern.core.models import Library, Network, Role
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service, withdraw_service

from ..models import Activity, Campaign, Event, Participation, SharedResource, Status

EDITABLE = (Status.DRAFT, Status.PUBLISHED)


# --- who may ------------------------------------------------------------------------------------
def is_coordinator(user, network: Network) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.roles.filter(kind=Role.Kind.COORDINATOR, network=network).exists()


# --- measurement ----------------------------------------------------------------------------------
def _site_hosts() -> set[str]:
    hosts = {h.lstrip(".").lower() for h in settings.ALLOWED_HOSTS if h not in ("*", "")}
    for website in Library.objects.exclude(website="").values_list("website", flat=True):
        # A library's e-books often live on a sub-domain of its site (ebooks.lib.example.org, not www.).
        hosts.add((urlsplit(website).hostname or "").lower().removeprefix("www."))
    hosts.discard("")
    return hosts


def is_outside_resource(url: str, hosts: set[str] | None = None) -> bool:
    """A resource from an organisation outside the library field: its link is not on this site or a library's."""
    host = (urlsplit(url).hostname or "").lower()
    if not host:
        return False
    hosts = _site_hosts() if hosts is None else hosts
    return not any(host == known or host.endswith("." + known) for known in hosts)


def codes_for(participation: Participation) -> tuple[list[str], list[str]]:
    campaign = participation.campaign
    categories = ["reading_online"]
    onsite = participation.activities.filter(event__mode__in=[Event.Mode.ONSITE, Event.Mode.HYBRID]).exists()
    if onsite:
        categories.append("reading_offline")
    features = []
    if (campaign.reader_action_zh_hans or "").strip() or (campaign.reader_action_en or "").strip():
        features.append("social_participation")
    hosts = _site_hosts()
    if any(is_outside_resource(url, hosts) for url in campaign.resources.values_list("url", flat=True)):
        features.append("cross_industry")
    return categories, features


def _record(participation: Participation):
    campaign = participation.campaign
    joined_on = timezone.localdate(participation.joined_at) if participation.joined_at else timezone.localdate()
    categories, features = codes_for(participation)
    return record_service(
        library=participation.library,
        date=max(campaign.starts_on, min(joined_on, campaign.ends_on)),
        categories=categories,
        features=features,
        title_zh=campaign.title_zh_hans or "",
        title_en=campaign.title_en or "",
        source_object=participation,
        link=campaign.get_absolute_url(),
    )


def _refresh_records(campaign: Campaign) -> None:
    if campaign.status == Status.PUBLISHED:
        for participation in campaign.participations.select_related("library", "campaign__network"):
            _record(participation)


# --- the coordinator's side -----------------------------------------------------------------------
def check_campaign_fields(*, title_zh: str, title_en: str, starts_on, ends_on) -> None:
    errors: dict[str, list] = {}
    if not (title_zh.strip() or title_en.strip()):
        errors["title_zh_hans"] = [_("Give the campaign a title in Chinese or English.")]
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = [_("The campaign cannot end before it starts.")]
    if errors:
        raise ValidationError(errors)


def create_campaign(network: Network, *, by, **fields) -> Campaign:
    """A draft campaign of `network`; `fields` are the model's bilingual and date fields."""
    check_campaign_fields(
        title_zh=fields.get("title_zh_hans", ""),
        title_en=fields.get("title_en", ""),
        starts_on=fields.get("starts_on"),
        ends_on=fields.get("ends_on"),
    )
    with transaction.atomic():
        campaign = Campaign.objects.create(network=network, created_by=_person(by), **fields)
        record_audit(by, "campaign.created", campaign, summary=f"{network.slug}: {campaign.title}")
    return campaign


def update_campaign(campaign: Campaign, *, by, **fields) -> Campaign:
    """Change a draft or published campaign. New dates must still hold every library's activities."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if campaign.status not in EDITABLE:
            raise Refused(_("This campaign was cancelled; it can no longer be changed."), "campaign_cancelled")
        check_campaign_fields(
            title_zh=fields.get("title_zh_hans", campaign.title_zh_hans or ""),
            title_en=fields.get("title_en", campaign.title_en or ""),
            starts_on=fields.get("starts_on", campaign.starts_on),
            ends_on=fields.get("ends_on", campaign.ends_on),
        )
        starts_on = fields.get("starts_on", campaign.starts_on)
        ends_on = fields.get("ends_on", campaign.ends_on)
        dates = list(campaign_activities(campaign).values_list("date", flat=True))
        outside = [day for day in dates if not starts_on <= day <= ends_on]
        if outside:
            message = ngettext(
                "%(count)d activity of a participating library falls outside these dates. "
                "Keep dates that include %(first)s to %(last)s.",
                "%(count)d activities of participating libraries fall outside these dates. "
                "Keep dates that include %(first)s to %(last)s.",
                len(outside),
            ) % {"count": len(outside), "first": min(dates), "last": max(dates)}
            raise ValidationError({"starts_on": [message]})
        for name, value in fields.items():
            setattr(campaign, name, value)
        campaign.save()
        record_audit(by, "campaign.updated", campaign, summary=campaign.title)
        _refresh_records(campaign)
    return campaign


def campaign_activities(campaign: Campaign):
    return Activity.objects.filter(participation__campaign=campaign)


def add_resource(campaign: Campaign, *, by, title_zh: str, title_en: str, url: str, note: str = "") -> SharedResource:
    if campaign.status not in EDITABLE:
        raise Refused(_("This campaign was cancelled; it can no longer be changed."), "campaign_cancelled")
    if not (title_zh.strip() or title_en.strip()):
        raise ValidationError({"title_zh_hans": [_("Give the resource a title in Chinese or English.")]})
    if not url.strip():
        raise ValidationError({"url": [_("Give the link where readers find the resource.")]})
    with transaction.atomic():
        resource = SharedResource.objects.create(
            campaign=campaign,
            title_zh_hans=title_zh.strip() or None,
            title_en=title_en.strip() or None,
            url=url,
            note=note,
        )
        record_audit(by, "campaign.resource_added", campaign, summary=f"{resource.title}: {url}")
        _refresh_records(campaign)
    return resource


def remove_resource(resource: SharedResource, *, by) -> None:
    campaign = resource.campaign
    if campaign.status not in EDITABLE:
        raise Refused(_("This campaign was cancelled; it can no longer be changed."), "campaign_cancelled")
    with transaction.atomic():
        record_audit(by, "campaign.resource_removed", campaign, summary=f"{resource.title}: {resource.url}")
        resource.delete()
        _refresh_records(campaign)


def publish_campaign(campaign: Campaign, *, by) -> Campaign:
    """Publish a draft: it shows on the network's public pages and on every member library's staff page, and
    each member library's managers get a notice."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("network").get(pk=campaign.pk)
        if campaign.status == Status.PUBLISHED:
            raise Refused(_("This campaign is already published."), "already_published")
        if campaign.status == Status.CANCELLED:
            raise Refused(_("A cancelled campaign cannot be published."), "campaign_cancelled")
        if campaign.ends_on < timezone.localdate():
            raise Refused(_("This campaign has already ended; change its dates before publishing."), "campaign_ended")
        campaign.status = Status.PUBLISHED
        campaign.published_at = timezone.now()
        campaign.save(update_fields=["status", "published_at"])
        record_audit(by, "campaign.published", campaign, summary=campaign.title)
        managers = Role.objects.filter(
            kind=Role.Kind.MANAGER, library__network=campaign.network, library__observed_only=False
        ).select_related("user", "library")
        for role in managers:
            with translation.override(role.user.language or None):
                subject = _("New joint campaign: %(title)s") % {"title": campaign.title}
                body = _("%(network)s invites %(library)s to join “%(title)s”, %(start)s to %(end)s.") % {
                    "network": campaign.network.name,
                    "library": role.library.name,
                    "title": campaign.title,
                    "start": campaign.starts_on,
                    "end": campaign.ends_on,
                }
            notify(
                role.user,
                subject,
                body,
                link=reverse("programs:staff_campaigns", args=[role.library.slug]),
                library=role.library,
            )
    return campaign


def cancel_campaign(campaign: Campaign, *, by) -> Campaign:
    """Cancel a draft or published campaign: every library's service record is withdrawn and whoever joined
    for each library is told. Activities stay, for the record, but the campaign shows as cancelled."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("network").get(pk=campaign.pk)
        if campaign.status == Status.CANCELLED:
            raise Refused(_("This campaign is already cancelled."), "campaign_cancelled")
        campaign.status = Status.CANCELLED
        campaign.save(update_fields=["status"])
        record_audit(by, "campaign.cancelled", campaign, summary=campaign.title)
        for participation in campaign.participations.select_related("library", "joined_by"):
            withdraw_service(participation)
            if participation.joined_by is not None:
                with translation.override(participation.joined_by.language or None):
                    subject = _("Joint campaign cancelled: %(title)s") % {"title": campaign.title}
                notify(
                    participation.joined_by, subject, link=campaign.get_absolute_url(), library=participation.library
                )
    return campaign


# --- a library's side ---------------------------------------------------------------------------
def join_campaign(campaign: Campaign, library: Library, *, by) -> Participation:
    """The library takes part (once); its ServiceRecord is recorded at once. The campaign's row is locked, so
    a join and a cancellation at the same moment never leave a record behind a cancelled campaign."""
    try:
        with transaction.atomic():
            campaign = Campaign.objects.select_for_update().select_related("network").get(pk=campaign.pk)
            if campaign.network_id != library.network_id:
                raise Refused(_("Only libraries of the campaign's network can join it."), "not_in_network")
            if campaign.status != Status.PUBLISHED:
                raise Refused(
                    _("This campaign is not open: it is not published or was cancelled."), "campaign_not_open"
                )
            if campaign.ends_on < timezone.localdate():
                raise Refused(_("This campaign has ended; it can no longer be joined."), "campaign_ended")
            participation = Participation.objects.create(campaign=campaign, library=library, joined_by=_person(by))
            record_audit(by, "campaign.joined", participation, library=library, summary=campaign.title)
            _record(participation)
    except IntegrityError:
        raise Refused(_("Your library has already joined this campaign."), "already_joined") from None
    return participation


def leave_campaign(participation: Participation, *, by) -> None:
    """The library stops taking part; refused while it still has activities (they are on the public page)."""
    count = participation.activities.count()
    if count:
        raise Refused(
            ngettext(
                "Your library still has %(count)d activity in this campaign. Remove it first, then leave.",
                "Your library still has %(count)d activities in this campaign. Remove them first, then leave.",
                count,
            )
            % {"count": count},
            "has_activities",
        )
    with transaction.atomic():
        record_audit(
            by,
            "campaign.left",
            participation.campaign,
            library=participation.library,
            summary=str(participation.campaign),
        )
        withdraw_service(participation)
        participation.delete()


def check_activity(
    participation: Participation, *, title_zh: str, title_en: str, date: datetime.date | None, event: Event | None
) -> None:
    campaign = participation.campaign
    if campaign.status != Status.PUBLISHED:
        raise Refused(_("This campaign is not open: activities can no longer be changed."), "campaign_not_open")
    errors: dict[str, list] = {}
    if not (title_zh.strip() or title_en.strip()):
        errors["title_zh_hans"] = [_("Give the activity a title in Chinese or English.")]
    if date is not None and not campaign.starts_on <= date <= campaign.ends_on:
        errors["date"] = [
            _("The date must be within the campaign, from %(start)s to %(end)s.")
            % {"start": campaign.starts_on, "end": campaign.ends_on}
        ]
    if event is not None and (event.library_id != participation.library_id or event.status != Status.PUBLISHED):
        errors["event"] = [_("Choose one of your library's published events.")]
    if errors:
        raise ValidationError(errors)


def _activity_fields(title_zh, title_en, description_zh, description_en, date, link, event) -> dict:
    return {
        "title_zh_hans": title_zh.strip() or None,
        "title_en": title_en.strip() or None,
        "description_zh_hans": description_zh.strip() or None,
        "description_en": description_en.strip() or None,
        "date": date,
        "link": link,
        "event": event,
    }


def add_activity(
    participation: Participation,
    *,
    by,
    title_zh: str = "",
    title_en: str = "",
    description_zh: str = "",
    description_en: str = "",
    date: datetime.date,
    link: str = "",
    event: Event | None = None,
) -> Activity:
    check_activity(participation, title_zh=title_zh, title_en=title_en, date=date, event=event)
    with transaction.atomic():
        activity = Activity.objects.create(
            participation=participation,
            **_activity_fields(title_zh, title_en, description_zh, description_en, date, link, event),
        )
        record_audit(by, "campaign.activity_added", activity, library=participation.library, summary=activity.title)
        _record(participation)
    return activity


def update_activity(
    activity: Activity,
    *,
    by,
    title_zh: str = "",
    title_en: str = "",
    description_zh: str = "",
    description_en: str = "",
    date: datetime.date,
    link: str = "",
    event: Event | None = None,
) -> Activity:
    participation = activity.participation
    check_activity(participation, title_zh=title_zh, title_en=title_en, date=date, event=event)
    with transaction.atomic():
        fields = _activity_fields(title_zh, title_en, description_zh, description_en, date, link, event)
        for name, value in fields.items():
            setattr(activity, name, value)
        activity.save()
        record_audit(by, "campaign.activity_changed", activity, library=participation.library, summary=activity.title)
        _record(participation)
    return activity


def remove_activity(activity: Activity, *, by) -> None:
    participation = activity.participation
    if participation.campaign.status == Status.CANCELLED:
        raise Refused(_("This campaign was cancelled; its activities stay on record."), "campaign_cancelled")
    with transaction.atomic():
        record_audit(by, "campaign.activity_removed", activity, library=participation.library, summary=activity.title)
        activity.delete()
        if participation.campaign.status == Status.PUBLISHED:
            _record(participation)


def _person(by):
    return by if getattr(by, "is_authenticated", False) else None
