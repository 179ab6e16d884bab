"""The competencies a service shows, derived from its codes (and, for activities published in Lantern, from
the kind of thing that was published). Never coded by hand: see shared/CODEBOOK.md, "Competencies shown".

The rules, one per competency (a record may show several, or none):

- resource_organisation: coded `resources`; or the activity is a curated collection built from sources
  (kind `catalogue.readinglist`: a reading list is "reading_online when it is curation of resources").
- information_service: coded `information`; or reading promotion (`reading_online` or `reading_offline`)
  tailored to readers' needs, which the codes say as `targeted_groups` (aimed at a named group).
- information_technology: coded `reading_online` (online reading promotion runs on a digital platform:
  e-resources, live streams, online exhibitions); or the activity needed a platform Lantern runs (kinds
  listed in PLATFORM_KINDS: online ordering with delivery or pickup, bookstore purchases, timed-entry
  booking).
- research: only from the kind (RESEARCH_KINDS: decision-support briefs and studies). No code says
  "research", so an announcement coded from outside never shows it; the report says so.

The kind of a record is its source object's model as "app_label.model" (None for records without one, such
as coded announcements whose post was deleted). `competencies(codes, kind)` is the rule in Python;
`competency_q(code)` is the same rule as a Q over ServiceRecord's boolean columns, for counting in SQL.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .taxonomy import Category, Competency, Feature

CURATION_KINDS = ("catalogue.readinglist",)
PLATFORM_KINDS = ("lending.deliveryzone", "lending.pickuppoint", "lending.purchase", "emergency.zone")
# Decision-support briefs of the information service (not built yet): they will record with this kind.
RESEARCH_KINDS = ("infoservice.brief",)

KIND_RULES = {
    Competency.RESOURCE_ORGANISATION: CURATION_KINDS,
    Competency.INFORMATION_SERVICE: (),
    Competency.INFORMATION_TECHNOLOGY: PLATFORM_KINDS,
    Competency.RESEARCH: RESEARCH_KINDS,
}


def _by_codes(competency: str, codes: set[str]) -> bool:
    if competency == Competency.RESOURCE_ORGANISATION:
        return Category.RESOURCES in codes
    if competency == Competency.INFORMATION_SERVICE:
        reading = Category.READING_ONLINE in codes or Category.READING_OFFLINE in codes
        return Category.INFORMATION in codes or (reading and Feature.TARGETED_GROUPS in codes)
    if competency == Competency.INFORMATION_TECHNOLOGY:
        return Category.READING_ONLINE in codes
    return False  # research: never from codes alone


def competencies(codes, kind: str | None = None) -> list[str]:
    """The competencies shown by a service with these codes (and this kind), in the taxonomy's order."""
    codes = {str(code) for code in codes}
    kind = (kind or "").lower()
    return [
        competency.value
        for competency in Competency
        if _by_codes(competency, codes) or (kind and kind in KIND_RULES[competency])
    ]


def kind_of(record) -> str | None:
    """A ServiceRecord's kind, "app_label.model" of its source object's type."""
    if record.content_type_id is None:
        return None
    content_type = ContentType.objects.get_for_id(record.content_type_id)
    return f"{content_type.app_label}.{content_type.model}"


def _content_type_ids(kinds) -> list[int]:
    query = Q()
    for kind in kinds:
        app_label, model = kind.split(".")
        query |= Q(app_label=app_label, model=model)
    if not query:
        return []
    return list(ContentType.objects.filter(query).values_list("pk", flat=True))


def competency_q(competency: str, prefix: str = "") -> Q:
    """The rule for `competency` as a Q over ServiceRecord (`prefix` for a related lookup, e.g. "record__").

    Kinds whose model is not installed are left out (an `IN ()` would make the whole count empty)."""
    if competency == Competency.RESOURCE_ORGANISATION:
        query = Q(**{f"{prefix}{Category.RESOURCES}": True})
    elif competency == Competency.INFORMATION_SERVICE:
        reading = Q(**{f"{prefix}{Category.READING_ONLINE}": True}) | Q(**{f"{prefix}{Category.READING_OFFLINE}": True})
        query = Q(**{f"{prefix}{Category.INFORMATION}": True}) | (
            reading & Q(**{f"{prefix}{Feature.TARGETED_GROUPS}": True})
        )
    elif competency == Competency.INFORMATION_TECHNOLOGY:
        query = Q(**{f"{prefix}{Category.READING_ONLINE}": True})
    elif competency == Competency.RESEARCH:
        query = None
    else:
        raise ValueError(competency)
    ids = _content_type_ids(KIND_RULES[competency])
    if ids:
        by_kind = Q(**{f"{prefix}content_type_id__in": ids})
        query = by_kind if query is None else query | by_kind
    # Research with no research kind installed: a condition that is never true, still valid SQL.
    return query if query is not None else Q(**{f"{prefix}pk__isnull": True})
