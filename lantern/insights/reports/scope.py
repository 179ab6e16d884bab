"""What a report covers: one library, a network (its member libraries), a province (the libraries with that
province) or a study (its sample, each library over its own window), and who may see it.

A library's report is for its staff (and its network's coordinator), a network's for its coordinator, a
province's and a study's for researchers; researchers may see every report.
"""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library, Network, Role
from lantern.core.permissions import can_staff, is_researcher, staffed_libraries

from ..models import Study
from ..watch import study_windows

KINDS = {
    "library": gettext_lazy("Library"),
    "network": gettext_lazy("Network"),
    "province": gettext_lazy("Province"),
    "study": gettext_lazy("Study"),
}
# A window longer than this is refused: a report is read month by month, and ten years is already a lot.
MAX_WINDOW_DAYS = 10 * 366


@dataclasses.dataclass
class Scope:
    kind: str
    key: str
    name: str
    libraries: list[Library]
    obj: object = None  # the Library, Network or Study (None for a province)

    @property
    def kind_label(self) -> str:
        return str(KINDS[self.kind])

    @property
    def title(self) -> str:
        return f"{self.kind_label} · {self.name}"


def resolve_scope(kind: str, key: str) -> Scope:
    """The scope named by `kind` and `key` (a slug, a province name or a study's number), or Refused."""
    key = (key or "").strip()
    if kind not in KINDS:
        raise Refused(_("Choose what the report covers: a library, a network, a province or a study."), "bad_scope")
    if not key:
        raise Refused(_("Say which %(kind)s the report covers.") % {"kind": str(KINDS[kind]).lower()}, "no_key")
    libraries = Library.objects.prefetch_related("mode_changes").order_by("province", "slug")
    if kind == "library":
        library = Library.objects.filter(slug=key).first()
        if library is None:
            raise Refused(_("There is no library “%(key)s”.") % {"key": key}, "unknown_library", 404)
        return Scope(kind, key, str(library.name), list(libraries.filter(pk=library.pk)), library)
    if kind == "network":
        network = Network.objects.filter(slug=key).first()
        if network is None:
            raise Refused(_("There is no network “%(key)s”.") % {"key": key}, "unknown_network", 404)
        return Scope(kind, key, str(network.name), list(libraries.filter(network=network)), network)
    if kind == "province":
        members = list(libraries.filter(province=key))
        if not members:
            message = _("No library is registered in the province “%(key)s”.") % {"key": key}
            raise Refused(message, "unknown_province", 404)
        return Scope(kind, key, key, members)
    study = Study.objects.filter(pk=int(key)).first() if key.isdigit() else None
    if study is None:
        raise Refused(_("There is no study number “%(key)s”.") % {"key": key}, "unknown_study", 404)
    return Scope(kind, key, study.title, list(libraries.filter(studies=study)), study)


def may_see(user, scope: Scope) -> bool:
    if is_researcher(user):
        return True
    if scope.kind == "library":
        return can_staff(user, scope.obj)
    if scope.kind == "network":
        return user.is_authenticated and user.roles.filter(kind=Role.Kind.COORDINATOR, network=scope.obj).exists()
    return False


def check_may_see(user, scope: Scope) -> None:
    if not may_see(user, scope):
        raise PermissionDenied


def choices_for(user) -> list[tuple[str, str, str]]:
    """(kind, key, name) of the reports `user` may open, for the chooser (researchers: everything)."""
    if is_researcher(user):
        networks = Network.objects.order_by("slug")
        provinces = (
            Library.objects.exclude(province="").values_list("province", flat=True).distinct().order_by("province")
        )
        studies = Study.objects.order_by("title")
        libraries = Library.objects.order_by("slug")[:500]  # the rest are typed in
        return (
            [("network", n.slug, str(n.name)) for n in networks]
            + [("province", p, p) for p in provinces]
            + [("study", str(s.pk), s.title) for s in studies]
            + [("library", lib.slug, str(lib.name)) for lib in libraries]
        )
    if not user.is_authenticated:
        return []
    networks = Network.objects.filter(roles__user=user, roles__kind=Role.Kind.COORDINATOR).distinct()
    return [("network", n.slug, str(n.name)) for n in networks] + [
        ("library", lib.slug, str(lib.name)) for lib in staffed_libraries(user).order_by("slug")
    ]


def _study_windows(study: Study, libraries: list[Library]) -> dict[int, tuple[datetime.date, datetime.date]]:
    """Each sampled library's own window (the watch part's reading of the study), open ends closed at today."""
    today = timezone.localdate()
    windows = study_windows(study, libraries)
    return {pk: (window.start, window.end or today) for pk, window in windows.items()}


def library_windows(scope: Scope, start: datetime.date | None, end: datetime.date | None) -> dict[int, tuple]:
    """Each library's (start, end): the report's window, or for a study each library's own window cut to
    the report's dates where those are given. A library whose window is empty is left out."""
    own = _study_windows(scope.obj, scope.libraries) if scope.kind == "study" else {}
    windows = {}
    for library in scope.libraries:
        lo, hi = start, end
        if scope.kind == "study":
            own_lo, own_hi = own[library.pk]
            lo = max(own_lo, start) if start else own_lo
            hi = min(own_hi, end) if end else own_hi
        if lo and hi and lo <= hi:
            windows[library.pk] = (lo, hi)
    return windows


def check_window(start: datetime.date | None, end: datetime.date | None) -> None:
    if start and end and end < start:
        raise Refused(_("The end of the period comes before its start."), "end_before_start", 400)
    if start and end and (end - start).days > MAX_WINDOW_DAYS:
        raise Refused(_("Choose a period of at most ten years."), "window_too_long", 400)
