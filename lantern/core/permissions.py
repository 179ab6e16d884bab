"""Who may see and change what. Every view and API endpoint fetches what a request names through here.

Staff and managers act for their own library; a coordinator acts for every library of their network;
a reader sees only their own data. Superusers see everything.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from .models import Library, Role

STAFF_KINDS = (Role.Kind.STAFF, Role.Kind.MANAGER)


def staffed_libraries(user) -> QuerySet[Library]:
    """Libraries whose private data `user` may see."""
    if not user.is_authenticated or not user.is_active:
        return Library.objects.none()
    if user.is_superuser:
        return Library.objects.all()
    return Library.objects.filter(
        Q(roles__user=user, roles__kind__in=STAFF_KINDS)
        | Q(network__roles__user=user, network__roles__kind=Role.Kind.COORDINATOR)
    ).distinct()


def managed_libraries(user) -> QuerySet[Library]:
    """Libraries whose settings and service mode `user` may change."""
    if not user.is_authenticated or not user.is_active:
        return Library.objects.none()
    if user.is_superuser:
        return Library.objects.all()
    return Library.objects.filter(
        Q(roles__user=user, roles__kind=Role.Kind.MANAGER)
        | Q(network__roles__user=user, network__roles__kind=Role.Kind.COORDINATOR)
    ).distinct()


def can_staff(user, library: Library) -> bool:
    return staffed_libraries(user).filter(pk=library.pk).exists()


def can_manage(user, library: Library) -> bool:
    return managed_libraries(user).filter(pk=library.pk).exists()


def get_library(slug: str) -> Library:
    """A library's public face: anyone may see it."""
    library = Library.objects.select_related("network").filter(slug=slug).first()
    if library is None:
        raise Http404
    return library


def get_library_for_staff(user, slug: str, *, manage: bool = False) -> Library:
    """The library named by `slug`, if `user` works there (or manages it, with manage=True)."""
    library = get_library(slug)
    allowed = can_manage(user, library) if manage else can_staff(user, library)
    if not allowed:
        raise PermissionDenied
    return library


def is_researcher(user) -> bool:
    """Researchers watch libraries anywhere, run studies and code announcements (the service observatory)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.roles.filter(kind=Role.Kind.RESEARCHER).exists()


def require_researcher(user) -> None:
    if not is_researcher(user):
        raise PermissionDenied
