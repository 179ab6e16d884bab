"""What every page's template needs: the current library (for the banner), the menu, site flags.

The menu is wired here, explicitly, with one entry per service family that exists; each family app
adds its entry when it arrives.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lantern.core.permissions import can_staff


def _current_library(request):
    library = getattr(request, "library", None)
    if library is None and request.user.is_authenticated:
        card = request.user.cards.select_related("library").first()
        library = card.library if card else None
    return library


def _menu(library):
    if library is None:
        return []
    return [
        (_("Home"), reverse("library_home", args=[library.slug])),
        (_("Service records"), reverse("insights:library_records", args=[library.slug])),
    ]


def site(request):
    library = _current_library(request)
    is_library_staff = library is not None and can_staff(request.user, library)
    return {
        "current_library": library,
        "menu": _menu(library),
        "is_library_staff": is_library_staff,
        "dev_defaults": settings.DEV_DEFAULTS_IN_FORCE,
        "lantern_name": settings.LANTERN_SITE_NAME,  # not "site_name": auth views set their own
    }
