"""Limits and helpers shared by plans, prevention logs and trainings: the people of a library, text cleaning."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from lantern.core.models import Library, Role
from lantern.core.permissions import STAFF_KINDS

User = get_user_model()

TITLE_MAX = 200
SECTION_MAX = 20_000
STEP_MAX = 300
NOTES_MAX = 5_000
AREA_MAX = 100
STOCK_MAX = 1_000_000
QUARANTINE_MAX_HOURS = 720  # 30 days: longer than any published guidance, so a typo (7200) is caught
TRAINING_MAX_HOURS = Decimal("1000")
REVIEW_SOON_DAYS = 30
SECTIONS = ("risks", "contacts", "roles", "procedures", "substitutions")


def _clean(value) -> str:
    return (value or "").strip()


def _actor(by):
    return by if getattr(by, "is_authenticated", False) else None


# --- people of a library -------------------------------------------------------------------------
def library_staff(library: Library):
    """The staff members and managers of `library`: the people who own checklist steps and attend trainings."""
    return (
        User.objects.filter(roles__library=library, roles__kind__in=STAFF_KINDS, is_active=True)
        .distinct()
        .order_by("name", "username")
    )


def library_managers(library: Library):
    return User.objects.filter(roles__library=library, roles__kind=Role.Kind.MANAGER, is_active=True).distinct()


def _is_staff_of(user, library: Library) -> bool:
    return user is not None and library_staff(library).filter(pk=user.pk).exists()


class _Formatted:
    """A lazy translation with its %-values, rendered in whichever language `notify` switches to."""

    def __init__(self, text, values: dict):
        self.text, self.values = text, values

    def __str__(self) -> str:
        return str(self.text) % self.values
