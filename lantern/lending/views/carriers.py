"""The staff's carrier settings page: the library's carriers, adding one, switching one on or off, and
for managers a courier's webhook secret and its rotation (after a confirmation step)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.permissions import can_manage, get_library_for_staff

from ..forms_carriers import CarrierForm
from ..models import Carrier
from ..services import carriers as services
from ..services.common import Refused


def get_carrier_for_staff(request, slug: str, pk: int, *, manage: bool = False) -> Carrier:
    """A carrier of a library the user works at (or manages, with manage=True); any other is not found."""
    library = get_library_for_staff(request.user, slug, manage=manage)
    carrier = Carrier.objects.select_related("library", "partner").filter(library=library, pk=pk).first()
    if carrier is None:
        raise Http404
    request.library = library
    return carrier


def webhook_url(request, carrier: Carrier) -> str:
    return request.build_absolute_uri(reverse("api:courier_events", kwargs={"carrier_id": carrier.pk}))


def _page(request, library, *, form=None, status=200):
    manager = can_manage(request.user, library)
    rows = [
        {
            "carrier": carrier,
            "posts_updates": services.behaviour(carrier).posts_updates,
            "webhook_url": webhook_url(request, carrier) if services.behaviour(carrier).posts_updates else "",
        }
        for carrier in library.carriers.select_related("partner").order_by("name")
    ]
    response = render(
        request,
        "lending/carriers.html",
        {"library": library, "rows": rows, "is_manager": manager, "form": form or CarrierForm(library=library)},
        status=status,
    )
    if manager:
        # The page holds webhook secrets: never kept by a browser or a proxy.
        response["Cache-Control"] = "private, no-store"
    return response


@login_required
def staff_carriers(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    return _page(request, library)


@login_required
@require_POST
def staff_carrier_add(request, slug):
    library = get_library_for_staff(request.user, slug)
    request.library = library
    form = CarrierForm(request.POST, library=library)
    if form.is_valid():
        try:
            carrier = services.create_carrier(
                library,
                form.cleaned_data["kind"],
                form.cleaned_data["name"],
                partner=form.cleaned_data["partner"],
                by=request.user,
            )
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Carrier “%(name)s” added.") % {"name": carrier.name})
            return redirect("lending:staff_carriers", slug)
    return _page(request, library, form=form, status=422)


@login_required
@require_POST
def staff_carrier_active(request, slug, pk):
    carrier = get_carrier_for_staff(request, slug, pk)
    active = request.POST.get("active") == "1"
    services.set_active(carrier, active, by=request.user)
    if active:
        messages.success(request, _("“%(name)s” is switched on.") % {"name": carrier.name})
    else:
        messages.success(
            request,
            _("“%(name)s” is switched off: it takes no parcels and its updates are refused.") % {"name": carrier.name},
        )
    return redirect("lending:staff_carriers", slug)


@login_required
@require_POST
def staff_carrier_rotate(request, slug, pk):
    """The first POST asks for confirmation; the second, with confirm=yes, replaces the secret."""
    carrier = get_carrier_for_staff(request, slug, pk, manage=True)
    if request.POST.get("confirm") != "yes":
        return render(request, "lending/carriers_rotate.html", {"library": carrier.library, "carrier": carrier})
    try:
        services.rotate_secret(carrier, by=request.user)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("New secret for “%(name)s”. Give it to the courier: updates signed with the old one are refused.")
            % {"name": carrier.name},
        )
    return redirect("lending:staff_carriers", slug)
