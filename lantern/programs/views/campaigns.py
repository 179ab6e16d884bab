"""Joint campaigns in pages. Under /network/<network>/campaigns/: the public list and campaign page, and the
coordinator's pages (create, edit, shared resources, publish, cancel). Under /<library>/: the library's
public list of campaigns it takes part in, and its staff page (join, leave, activities).

Destructive or public steps (publish, cancel, join, leave, removing something) take two POSTs: the first
shows what will happen, the second (confirm=yes) does it.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused
from lantern.core.models import Network
from lantern.core.permissions import get_library, get_library_for_staff

from ..forms_campaigns import ActivityForm, CampaignForm, ResourceForm
from ..models import Activity, Campaign, Participation, SharedResource, Status
from ..services import campaigns as services

PUBLIC = (Status.PUBLISHED, Status.CANCELLED)


# --- fetching what a request names ----------------------------------------------------------------
def get_network(slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise Http404
    return network


def get_network_for_coordinator(user, slug: str) -> Network:
    network = get_network(slug)
    if not services.is_coordinator(user, network):
        raise PermissionDenied
    return network


def get_campaign_for_coordinator(user, network_slug: str, pk: int) -> Campaign:
    network = get_network_for_coordinator(user, network_slug)
    campaign = Campaign.objects.select_related("network").filter(network=network, pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def get_public_campaign(user, network_slug: str, pk: int) -> Campaign:
    """A published or cancelled campaign; a draft only for the network's coordinators."""
    network = get_network(network_slug)
    campaign = Campaign.objects.select_related("network").filter(network=network, pk=pk).first()
    if campaign is None or (campaign.status not in PUBLIC and not services.is_coordinator(user, network)):
        raise Http404
    return campaign


def get_participation_for_staff(request, slug: str, pk: int) -> Participation:
    library = get_library_for_staff(request.user, slug)
    request.library = library
    participation = (
        Participation.objects.select_related("campaign__network", "library")
        .filter(library=library, campaign_id=pk, campaign__status__in=PUBLIC)
        .first()
    )
    if participation is None:
        raise Http404
    return participation


def _confirm(request, *, title, message, action, yes, back, library=None, status=200):
    return render(
        request,
        "programs/campaigns/confirm.html",
        {"title": title, "message": message, "action": action, "yes": yes, "back": back, "library": library},
        status=status,
    )


def _participants(campaign: Campaign):
    activities = Prefetch("activities", queryset=Activity.objects.select_related("event"))
    return campaign.participations.select_related("library").prefetch_related(activities).order_by("library__slug")


# --- public pages ---------------------------------------------------------------------------------
def campaign_list(request, network):
    network = get_network(network)
    campaigns = network.campaigns.filter(status__in=PUBLIC).prefetch_related("participations")
    return render(
        request,
        "programs/campaigns/network_list.html",
        {"network": network, "campaigns": campaigns, "is_coordinator": services.is_coordinator(request.user, network)},
    )


def campaign_page(request, network, pk):
    campaign = get_public_campaign(request.user, network, pk)
    return render(
        request,
        "programs/campaigns/campaign.html",
        {
            "network": campaign.network,
            "campaign": campaign,
            "resources": campaign.resources.all(),
            "participations": _participants(campaign),
            "is_coordinator": services.is_coordinator(request.user, campaign.network),
        },
    )


def library_campaigns(request, slug):
    library = get_library(slug)
    request.library = library
    campaigns = Campaign.objects.filter(participations__library=library, status__in=PUBLIC).select_related("network")
    return render(request, "programs/campaigns/library_list.html", {"library": library, "campaigns": campaigns})


# --- the coordinator ------------------------------------------------------------------------------
@login_required
def manage(request, network):
    network = get_network_for_coordinator(request.user, network)
    campaigns = network.campaigns.prefetch_related("participations")
    return render(request, "programs/campaigns/manage.html", {"network": network, "campaigns": campaigns})


@login_required
def campaign_new(request, network):
    network = get_network_for_coordinator(request.user, network)
    form = CampaignForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                campaign = services.create_campaign(network, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Draft campaign “%(title)s” created.") % {"title": campaign.title})
                return redirect("campaigns:edit", network.slug, campaign.pk)
        return render(request, "programs/campaigns/campaign_new.html", {"network": network, "form": form}, status=422)
    return render(request, "programs/campaigns/campaign_new.html", {"network": network, "form": form})


def _edit_page(request, campaign, *, form=None, resource_form=None, status=200):
    return render(
        request,
        "programs/campaigns/campaign_edit.html",
        {
            "network": campaign.network,
            "campaign": campaign,
            "form": form or CampaignForm.for_campaign(campaign),
            "resource_form": resource_form or ResourceForm(),
            "resources": campaign.resources.all(),
            "participations": _participants(campaign),
            "editable": campaign.status in services.EDITABLE,
        },
        status=status,
    )


@login_required
def campaign_edit(request, network, pk):
    campaign = get_campaign_for_coordinator(request.user, network, pk)
    if request.method != "POST":
        return _edit_page(request, campaign)
    form = CampaignForm.for_campaign(campaign, request.POST)
    if form.is_valid():
        try:
            services.update_campaign(campaign, by=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Campaign saved."))
            return redirect("campaigns:edit", campaign.network.slug, campaign.pk)
    return _edit_page(request, campaign, form=form, status=422)


@login_required
@require_POST
def resource_add(request, network, pk):
    campaign = get_campaign_for_coordinator(request.user, network, pk)
    form = ResourceForm(request.POST)
    if form.is_valid():
        try:
            resource = services.add_resource(campaign, by=request.user, **form.cleaned_data)
        except Refused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc, rename={"title_zh_hans": "title_zh"})
        else:
            messages.success(request, _("Shared resource “%(title)s” added.") % {"title": resource.title})
            return redirect(reverse("campaigns:edit", args=[campaign.network.slug, campaign.pk]) + "#resources")
    return _edit_page(request, campaign, resource_form=form, status=422)


@login_required
@require_POST
def resource_remove(request, network, pk, resource):
    campaign = get_campaign_for_coordinator(request.user, network, pk)
    shared = SharedResource.objects.filter(campaign=campaign, pk=resource).first()
    if shared is None:
        raise Http404
    back = reverse("campaigns:edit", args=[campaign.network.slug, campaign.pk])
    if request.POST.get("confirm") != "yes":
        return _confirm(
            request,
            title=_("Remove a shared resource"),
            message=_("“%(title)s” will no longer be shown on the campaign page.") % {"title": shared.title},
            action=request.path,
            yes=_("Yes, remove it"),
            back=back,
        )
    return _run(request, lambda: services.remove_resource(shared, by=request.user), _("Shared resource removed."), back)


@login_required
@require_POST
def publish(request, network, pk):
    campaign = get_campaign_for_coordinator(request.user, network, pk)
    back = reverse("campaigns:edit", args=[campaign.network.slug, campaign.pk])
    if request.POST.get("confirm") != "yes":
        return _confirm(
            request,
            title=_("Publish the campaign"),
            message=_(
                "“%(title)s” will be public, every library of %(network)s will find it on its joint campaigns page, "
                "and their managers get a notice."
            )
            % {"title": campaign.title, "network": campaign.network.name},
            action=request.path,
            yes=_("Yes, publish"),
            back=back,
        )
    return _run(
        request, lambda: services.publish_campaign(campaign, by=request.user), _("The campaign is published."), back
    )


@login_required
@require_POST
def cancel(request, network, pk):
    campaign = get_campaign_for_coordinator(request.user, network, pk)
    back = reverse("campaigns:edit", args=[campaign.network.slug, campaign.pk])
    if request.POST.get("confirm") != "yes":
        return _confirm(
            request,
            title=_("Cancel the campaign"),
            message=_(
                "“%(title)s” will show as cancelled, no library can join or add activities, and every "
                "participating library (%(count)d) is told. This cannot be undone."
            )
            % {"title": campaign.title, "count": campaign.participations.count()},
            action=request.path,
            yes=_("Yes, cancel the campaign"),
            back=back,
        )
    return _run(
        request, lambda: services.cancel_campaign(campaign, by=request.user), _("The campaign is cancelled."), back
    )


# --- a library's staff --------------------------------------------------------------------------------
@login_required
def staff_campaigns(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    joined = set(library.campaign_participations.values_list("campaign_id", flat=True))
    campaigns = list(Campaign.objects.filter(network=library.network, status__in=PUBLIC)) if library.network_id else []
    return render(
        request,
        "programs/campaigns/staff_list.html",
        {"library": library, "rows": [{"campaign": c, "joined": c.pk in joined} for c in campaigns]},
    )


@login_required
@require_POST
def staff_join(request, slug, pk):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    campaign = Campaign.objects.filter(network_id=library.network_id, pk=pk, status__in=PUBLIC).first()
    if campaign is None or library.network_id is None:
        raise Http404
    back = reverse("programs:staff_campaigns", args=[library.slug])
    if request.POST.get("confirm") != "yes":
        return _confirm(
            request,
            title=_("Join the campaign"),
            message=_("%(library)s will be listed on the public page of “%(title)s”, and you can add your activities.")
            % {"library": library.name, "title": campaign.title},
            action=request.path,
            yes=_("Yes, join"),
            back=back,
            library=library,
        )
    after = reverse("programs:staff_campaign", args=[library.slug, campaign.pk])
    return _run(
        request,
        lambda: services.join_campaign(campaign, library, by=request.user),
        _("Your library has joined “%(title)s”. Add your activities below.") % {"title": campaign.title},
        after,
        failed=back,
    )


@login_required
@require_POST
def staff_leave(request, slug, pk):
    participation = get_participation_for_staff(request, slug, pk)
    back = reverse("programs:staff_campaign", args=[slug, pk])
    if request.POST.get("confirm") != "yes":
        return _confirm(
            request,
            title=_("Leave the campaign"),
            message=_("%(library)s will no longer be listed on the page of “%(title)s”.")
            % {"library": participation.library.name, "title": participation.campaign.title},
            action=request.path,
            yes=_("Yes, leave"),
            back=back,
            library=participation.library,
        )
    return _run(
        request,
        lambda: services.leave_campaign(participation, by=request.user),
        _("Your library has left the campaign."),
        reverse("programs:staff_campaigns", args=[slug]),
        failed=back,
    )


def _participation_page(request, participation, *, form=None, status=200):
    library = participation.library
    return render(
        request,
        "programs/campaigns/staff_campaign.html",
        {
            "library": library,
            "participation": participation,
            "campaign": participation.campaign,
            "activities": participation.activities.select_related("event"),
            "form": form or ActivityForm(library=library),
            "open": participation.campaign.status == Status.PUBLISHED,
        },
        status=status,
    )


def _activity_data(form) -> dict:
    return dict(form.cleaned_data)


@login_required
def staff_campaign(request, slug, pk):
    """The library's part in one campaign: its activities, and a form to add one (POST)."""
    participation = get_participation_for_staff(request, slug, pk)
    if request.method != "POST":
        return _participation_page(request, participation)
    form = ActivityForm(request.POST, library=participation.library)
    if form.is_valid():
        try:
            activity = services.add_activity(participation, by=request.user, **_activity_data(form))
        except Refused as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            _add_errors(form, exc, rename={"title_zh_hans": "title_zh"})
        else:
            messages.success(request, _("Activity “%(title)s” added.") % {"title": activity.title})
            return redirect("programs:staff_campaign", slug, pk)
    return _participation_page(request, participation, form=form, status=422)


def _get_activity(request, slug, pk, activity) -> Activity:
    participation = get_participation_for_staff(request, slug, pk)
    found = participation.activities.filter(pk=activity).first()
    if found is None:
        raise Http404
    found.participation = participation
    return found


@login_required
def staff_activity_edit(request, slug, pk, activity):
    activity = _get_activity(request, slug, pk, activity)
    library = activity.participation.library
    form = ActivityForm.for_activity(activity, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                services.update_activity(activity, by=request.user, **_activity_data(form))
            except Refused as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                _add_errors(form, exc, rename={"title_zh_hans": "title_zh"})
            else:
                messages.success(request, _("Activity saved."))
                return redirect("programs:staff_campaign", slug, pk)
    return render(
        request,
        "programs/campaigns/activity_form.html",
        {"library": library, "campaign": activity.participation.campaign, "activity": activity, "form": form},
        status=status,
    )


@login_required
@require_POST
def staff_activity_remove(request, slug, pk, activity):
    activity = _get_activity(request, slug, pk, activity)
    back = reverse("programs:staff_campaign", args=[slug, pk])
    if request.POST.get("confirm") != "yes":
        return _confirm(
            request,
            title=_("Remove an activity"),
            message=_("“%(title)s” will no longer be shown on the campaign page.") % {"title": activity.title},
            action=request.path,
            yes=_("Yes, remove it"),
            back=back,
            library=activity.participation.library,
        )
    return _run(request, lambda: services.remove_activity(activity, by=request.user), _("Activity removed."), back)


# --- helpers --------------------------------------------------------------------------------------
def _run(request, action, success: str, after: str, *, failed: str | None = None):
    """Do a confirmed step; a refusal comes back as an error message on the page the person came from."""
    try:
        action()
    except (Refused, ValidationError) as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(failed or after)
    messages.success(request, success)
    return redirect(after)


def _add_errors(form, exc: ValidationError, rename: dict | None = None) -> None:
    rename = rename or {}
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for field, errors in exc.message_dict.items():
        field = rename.get(field, field)
        form.add_error(field if field in form.fields else None, errors)
