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
        (_("Information"), reverse("infoservice:hub", args=slug)),
        (_("Ask a librarian"), reverse("infoservice:ask", args=slug)),
        (_("Community archive"), reverse("archive:home", args=slug)),
        (_("Service records"), reverse("insights:library_records", args=slug)),
    ]


def _staff_menu(library):
    """The staff tools of one library, grouped by service family, for the staff overview page."""
    slug = [library.slug]

    def link(label, name):
        return (label, reverse(name, args=slug))

    return [
        (
            _("Emergency management"),
            [
                link(_("Service status"), "emergency:staff_status"),
                link(_("Visits"), "emergency:staff_visits"),
                link(_("Check-in at the door"), "emergency:check_in"),
                link(_("Preparedness"), "emergency:preparedness"),
            ],
        ),
        (
            _("Catalogue and lending"),
            [
                link(_("Import records"), "catalogue:import"),
                link(_("Reading lists"), "catalogue:staff_lists"),
                link(_("Orders"), "lending:staff_orders"),
                link(_("Returns and quarantine"), "lending:staff_returns"),
                link(_("Purchases for readers"), "lending:staff_purchases"),
                link(_("Lending settings"), "lending:setup"),
            ],
        ),
        (
            _("Programs"),
            [
                link(_("Events"), "programs:staff_events"),
                link(_("Reading groups"), "programs:staff_groups"),
                link(_("Exhibitions"), "programs:staff_exhibitions"),
                *([link(_("Joint campaigns"), "programs:staff_campaigns")] if library.network_id else []),
            ],
        ),
        (
            _("Information service"),
            [
                link(_("Information notices"), "infoservice:staff_hub"),
                link(_("Rumour checks"), "infoservice:staff_checks"),
                link(_("Readers' doubts"), "infoservice:staff_doubts"),
                link(_("Guides"), "infoservice:staff_guides"),
                link(_("Waiting for approval"), "infoservice:staff_approvals"),
                link(_("Questions"), "infoservice:staff_questions"),
                link(_("Briefs"), "infoservice:staff_briefs"),
            ],
        ),
        (
            _("Outreach and social service"),
            [
                link(_("Reading stations"), "outreach:staff_stations"),
                link(_("Donations"), "outreach:staff_donations"),
                link(_("Volunteers"), "outreach:staff_volunteers"),
                link(_("Volunteer shifts"), "outreach:staff_shifts"),
                link(_("Services for special groups"), "outreach:staff_access"),
            ],
        ),
        (
            _("Community memory archive"),
            [
                link(_("Contributions to review"), "archive:staff_queue"),
                link(_("Archive collections"), "archive:staff_collections"),
                link(_("Takedown requests"), "archive:staff_takedowns"),
                link(_("Preservation"), "archive:staff_preservation"),
            ],
        ),
        (
            _("Measurement"),
            [(_("Reports"), f"{reverse('observatory:report')}?scope=library&key={library.slug}")],
        ),
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
