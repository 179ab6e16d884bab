"""Searching and browsing public items: the query folded like the items' search text (Traditional to Simplified,
lower case), every word required, filters by kind, year, place and collection, and counts for each filter.

Matching is a substring test on `Item.search_text`, so two-character Chinese words match (no segmentation is
needed for an archive of this size). Results come titles first, then newest accepted.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext as _

from ..models import Collection, Item
from .common import fold

QUERY_MAX = 200
TERMS_MAX = 10
PLACE_MAX = 200
PLACES_SHOWN = 12
FACETS = ("kind", "year", "place", "collection")


@dataclass
class Filters:
    """What a search asks for, read from the request's parameters; what could not be used is in `ignored`."""

    q: str = ""
    kind: str = ""
    year: int | None = None
    place: str = ""
    collection: Collection | None = None
    ignored: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return terms_of(self.q)

    def applied(self) -> dict[str, str]:
        """The filters in force, by parameter name, as their values appear in a URL."""
        values = {
            "kind": self.kind,
            "year": str(self.year) if self.year is not None else "",
            "place": self.place,
            "collection": self.collection.slug if self.collection is not None else "",
        }
        return {name: value for name, value in values.items() if value}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[Option]


def terms_of(query: str) -> list[str]:
    """The words of a query, folded as the search text is; at most TERMS_MAX of them."""
    return fold(query[:QUERY_MAX]).split()[:TERMS_MAX]


def read_filters(params, collections: QuerySet[Collection] | None) -> Filters:
    """Filters from a request's GET parameters. A value that names nothing is left out, with a message saying
    so, rather than refused: a search page never fails on a hand-edited link."""
    filters = Filters(q=(params.get("q") or "").strip()[:QUERY_MAX])
    kind = (params.get("kind") or "").strip()
    if kind:
        if kind in Item.Kind.values:
            filters.kind = kind
        else:
            filters.ignored.append(
                _("There is no kind of item called “%(value)s”; showing every kind.") % {"value": kind[:40]}
            )
    year = (params.get("year") or "").strip()
    if year:
        if year.isascii() and year.isdigit() and 1000 <= int(year) <= 9999:
            filters.year = int(year)
        else:
            filters.ignored.append(_("“%(value)s” is not a year; showing every year.") % {"value": year[:40]})
    filters.place = (params.get("place") or "").strip()[:PLACE_MAX]
    slug = (params.get("collection") or "").strip()
    if slug and collections is not None:
        filters.collection = collections.filter(slug=slug[:60]).first()
        if filters.collection is None:
            filters.ignored.append(
                _("There is no published collection called “%(value)s”; showing every collection.")
                % {"value": slug[:60]}
            )
    return filters


def _matching(items: QuerySet[Item], filters: Filters, *, leave_out: str = "") -> QuerySet[Item]:
    for term in filters.terms:
        items = items.filter(search_text__contains=term)
    if filters.kind and leave_out != "kind":
        items = items.filter(kind=filters.kind)
    if filters.year is not None and leave_out != "year":
        items = items.filter(year=filters.year)
    if filters.place and leave_out != "place":
        items = items.filter(coverage=filters.place)
    if filters.collection is not None and leave_out != "collection":
        items = items.filter(collections=filters.collection)
    return items


def search(items: QuerySet[Item], filters: Filters) -> QuerySet[Item]:
    """The items that match every word and filter: those whose title holds every word first, then newest
    accepted. `items` must already be public (services.common.public_items)."""
    found = _matching(items, filters).distinct()
    terms = filters.terms
    if not terms:
        return found.order_by("-accepted_at", "-pk")
    # The search text starts with the folded title, so its first len(title) characters are the title's.
    found = found.annotate(folded_title=Substr("search_text", 1, Length("title")))
    in_title = Q()
    for term in terms:
        in_title &= Q(folded_title__contains=term)
    found = found.annotate(title_hit=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()))
    return found.order_by("-title_hit", "-accepted_at", "-pk")


def facets(items: QuerySet[Item], filters: Filters, collections: QuerySet[Collection] | None) -> list[Facet]:
    """Counts for each filter's values among the matching items. Each facet counts with the other filters in
    force but not its own, so that its other values stay in view with what choosing them would give."""
    result = []

    def base(name):
        return _matching(items, filters, leave_out=name)

    kinds = dict(Item.Kind.choices)
    rows = base("kind").values("kind").annotate(n=Count("pk", distinct=True)).order_by("-n", "kind")
    result.append(
        Facet(
            "kind",
            _("Kind"),
            [Option(row["kind"], str(kinds.get(row["kind"], row["kind"])), row["n"], row["kind"] == filters.kind)
             for row in rows],
        )
    )  # fmt: skip
    rows = base("year").exclude(year=None).values("year").annotate(n=Count("pk", distinct=True)).order_by("-year")
    result.append(
        Facet(
            "year",
            _("Year"),
            [Option(str(row["year"]), str(row["year"]), row["n"], row["year"] == filters.year) for row in rows],
        )
    )
    rows = (
        base("place").exclude(coverage="").values("coverage").annotate(n=Count("pk", distinct=True))
        .order_by("-n", "coverage")[:PLACES_SHOWN]
    )  # fmt: skip
    places = [Option(row["coverage"], row["coverage"], row["n"], row["coverage"] == filters.place) for row in rows]
    if filters.place and not any(option.selected for option in places):
        places.append(Option(filters.place, filters.place, base("place").filter(coverage=filters.place).count(), True))
    result.append(Facet("place", _("Place"), places))
    if collections is not None:
        matching = base("collection").values("pk")
        counted = collections.annotate(n=Count("items", filter=Q(items__pk__in=matching), distinct=True)).filter(
            n__gt=0
        )
        chosen = filters.collection.pk if filters.collection is not None else None
        result.append(
            Facet(
                "collection",
                _("Collection"),
                sorted((Option(c.slug, c.title, c.n, c.pk == chosen) for c in counted), key=lambda o: o.label),
            )
        )
    return result
