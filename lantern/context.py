"""What every page's template needs: the current library (for the banner), the menu, site flags.

The menu is wired here, explicitly, with one entry per service family that exists; each family app
adds its entry when it arrives.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Partner, Role
from lantern.core.permissions import can_staff, is_researcher
from lantern.lending.models import LendingRules
from lantern.programs.models import Exhibition, ReadingGroup, Status


def _current_library(request):
    library = getattr(request, "library", None)
    if library is None and request.user.is_authenticated:
        card = request.user.cards.select_related("library").first()
        library = card.library if card else None
    return library


def _menu(library):
    if library is None:
        return []
    slug = [library.slug]
    return [
        (_("Home"), reverse("library_home", args=slug)),
        (_("Catalogue"), reverse("catalogue:search", args=slug)),
        (_("Reading lists"), reverse("catalogue:reading_lists", args=slug)),
        (_("My orders and loans"), reverse("lending:my_orders", args=slug)),
        *(
            [(_("Buy for me"), reverse("lending:purchase_titles", args=slug))]
            if LendingRules.objects.filter(library=library, purchase_enabled=True).exists()
            else []
        ),
        *(
            [(_("Book a visit"), reverse("emergency:visit", args=slug))]
            if library.zones.filter(is_active=True).exists()
            else []
        ),
        (_("Events"), reverse("programs:events", args=slug)),
        *(
            [(_("Reading groups"), reverse("programs:groups", args=slug))]
            if ReadingGroup.objects.filter(library=library, status=Status.PUBLISHED).exists()
            else []
        ),
        *(
            [(_("Exhibitions"), reverse("programs:exhibitions", args=slug))]
            if Exhibition.objects.filter(library=library, status=Status.PUBLISHED).exists()
            else []
        ),
        *(
            [(_("Joint campaigns"), reverse("programs:library_campaigns", args=slug))]
            if library.campaign_participations.filter(campaign__status=Status.PUBLISHED).exists()
            else []
        ),
        (_("Service records"), reverse("insights:library_records", args=slug)),
    ]


def _staff_menu(library):
    """The staff tools of one library, for its staff pages."""
    slug = [library.slug]
    return [
        (_("Overview"), reverse("staff_home", args=slug)),
        (_("Import records"), reverse("catalogue:import", args=slug)),
        (_("Reading lists"), reverse("catalogue:staff_lists", args=slug)),
        (_("Orders"), reverse("lending:staff_orders", args=slug)),
        (_("Returns and quarantine"), reverse("lending:staff_returns", args=slug)),
        (_("Purchases for readers"), reverse("lending:staff_purchases", args=slug)),
        (_("Lending settings"), reverse("lending:setup", args=slug)),
        (_("Events"), reverse("programs:staff_events", args=slug)),
        (_("Reading groups"), reverse("programs:staff_groups", args=slug)),
        (_("Exhibitions"), reverse("programs:staff_exhibitions", args=slug)),
        *([(_("Joint campaigns"), reverse("programs:staff_campaigns", args=slug))] if library.network_id else []),
        (_("Reports"), f"{reverse('observatory:report')}?scope=library&key={library.slug}"),
        (_("Visits"), reverse("emergency:staff_visits", args=slug)),
        (_("Check-in at the door"), reverse("emergency:check_in", args=slug)),
        (_("Service status"), reverse("emergency:staff_status", args=slug)),
        (_("Preparedness"), reverse("emergency:preparedness", args=slug)),
    ]


def _partner_exhibitions_url(user, library):
    """A partner contact's way to the exhibitions they co-curate (the page lists them at every library)."""
    if not user.is_authenticated:
        return ""
    partner = Partner.objects.filter(roles__user=user, roles__kind=Role.Kind.PARTNER_CONTACT).first()
    if partner is None:
        return ""
    place = library or partner.libraries.first()
    return reverse("programs:partner_exhibitions", args=[place.slug]) if place else ""


def site(request):
    library = _current_library(request)
    is_library_staff = library is not None and can_staff(request.user, library)
    return {
        "current_library": library,
        "menu": _menu(library),
        "is_library_staff": is_library_staff,
        "is_researcher": is_researcher(request.user),
        "partner_exhibitions_url": _partner_exhibitions_url(request.user, library),
        "staff_menu": _staff_menu(library) if is_library_staff else [],
        "dev_defaults": settings.DEV_DEFAULTS_IN_FORCE,
        "lantern_name": settings.LANTERN_SITE_NAME,  # not "site_name": auth views set their own
    }
