"""Special collections: creating, editing, publishing and unpublishing them (staff), and what the public pages
read about them (published collections with their public item counts and a cover picture, open calls).

A published collection is a resource-construction service in the service records (with social participation
while it calls for contributions); the record follows its title and call, and goes when it is unpublished.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Collection, ItemFile
from .common import public_items

SLUG_MAX = 60
TITLE_MAX = 200
TEXT_MAX = 5000
TEXT_FIELDS = ("title_zh", "title_en", "description_zh", "description_en", "call_text_zh", "call_text_en")


def _clean(value) -> str:
    return (value or "").strip()


# --- reads ---------------------------------------------------------------------------------------
def published_collections(library: Library) -> QuerySet[Collection]:
    """The library's published collections, each with `n`: how many public items it holds."""
    public = public_items(library).values("pk")
    return (
        Collection.objects.filter(library=library, status=Collection.Status.PUBLISHED)
        .annotate(n=Count("items", filter=Q(items__pk__in=public), distinct=True))
        .order_by("-published_at", "pk")
    )


def open_calls(library: Library, today: datetime.date | None = None) -> QuerySet[Collection]:
    """Published collections that ask the public for contributions and whose call has not ended."""
    today = today or timezone.localdate()
    return (
        Collection.objects.filter(library=library, status=Collection.Status.PUBLISHED, calls_for_contributions=True)
        .filter(Q(call_ends_on__isnull=True) | Q(call_ends_on__gte=today))
        .order_by("call_ends_on", "pk")
    )


def covers(collections) -> dict[int, ItemFile]:
    """A cover picture for each collection: the thumbnail of its newest public item's first shown image."""
    ids = [collection.pk for collection in collections]
    if not ids:
        return {}
    rows = (
        ItemFile.objects.filter(item__in=public_items(), item__collections__in=ids, hidden=False)
        .exclude(thumbnail="")
        .values_list("item__collections", "pk")
        .order_by("-item__accepted_at", "item__pk", "position", "pk")
    )
    first: dict[int, int] = {}
    for collection_id, file_id in rows:
        first.setdefault(collection_id, file_id)
    by_pk = ItemFile.objects.select_related("item__library").in_bulk(first.values())
    return {collection_id: by_pk[file_id] for collection_id, file_id in first.items()}


# --- checks --------------------------------------------------------------------------------------
def check_collection(library: Library, fields: dict, *, collection: Collection | None = None) -> dict:
    """The collection's fields cleaned, or ValidationError keyed by form field (slug taken, no title, a call
    without its text...). A slug stays as it is once the collection has been published (links and OAI-PMH
    sets use it)."""
    data = {name: _clean(fields.get(name)) for name in TEXT_FIELDS}
    data["slug"] = _clean(fields.get("slug")).lower()
    data["calls_for_contributions"] = bool(fields.get("calls_for_contributions"))
    data["call_ends_on"] = fields.get("call_ends_on") or None
    errors: dict[str, list] = {}

    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    slug_fixed = collection is not None and collection.published_at is not None
    if slug_fixed:
        data["slug"] = collection.slug
    elif not data["slug"]:
        refuse("slug", _("Give the collection a short name for its web address, such as “our-city”."))
    elif len(data["slug"]) > SLUG_MAX:
        refuse("slug", _("At most %(n)s characters.") % {"n": SLUG_MAX})
    else:
        try:
            validate_slug(data["slug"])
        except ValidationError:
            refuse("slug", _("Use only letters a–z, digits, hyphens and underscores, such as “our-city”."))
        else:
            taken = Collection.objects.filter(library=library, slug=data["slug"])
            if collection is not None:
                taken = taken.exclude(pk=collection.pk)
            if taken.exists():
                refuse(
                    "slug",
                    _("Another collection of this library already uses “%(slug)s”. Choose another short name.")
                    % {"slug": data["slug"]},
                )
    if not data["title_zh"] and not data["title_en"]:
        refuse("title_zh", _("Give the collection a title in Chinese, in English or in both."))
    for name in ("title_zh", "title_en"):
        if len(data[name]) > TITLE_MAX:
            refuse(name, _("At most %(n)s characters.") % {"n": TITLE_MAX})
    for name in ("description_zh", "description_en", "call_text_zh", "call_text_en"):
        if len(data[name]) > TEXT_MAX:
            refuse(name, _("At most %(n)s characters.") % {"n": TEXT_MAX})
    if data["calls_for_contributions"] and not (data["call_text_zh"] or data["call_text_en"]):
        refuse("call_text_zh", _("Say what the call asks the public for, in Chinese, in English or in both."))
    if data["call_ends_on"] is not None and not isinstance(data["call_ends_on"], datetime.date):
        refuse("call_ends_on", _("Give the date the call ends as a day, such as 2020-06-30."))
    if errors:
        raise ValidationError(errors)
    return data


def _apply(collection: Collection, data: dict) -> None:
    collection.slug = data["slug"]
    collection.title_zh_hans = data["title_zh"] or None
    collection.title_en = data["title_en"] or None
    collection.description_zh_hans = data["description_zh"]
    collection.description_en = data["description_en"]
    collection.calls_for_contributions = data["calls_for_contributions"]
    collection.call_text_zh_hans = data["call_text_zh"]
    collection.call_text_en = data["call_text_en"]
    collection.call_ends_on = data["call_ends_on"]


# --- the service record --------------------------------------------------------------------------
def _record_publication(collection: Collection):
    return record_service(
        library=collection.library,
        date=timezone.localdate(collection.published_at),
        categories=[Category.RESOURCES],
        features=[Feature.SOCIAL_PARTICIPATION] if collection.calls_for_contributions else [],
        title_zh=collection.title_zh_hans or "",
        title_en=collection.title_en or "",
        source_object=collection,
        link=collection.get_absolute_url(),
    )


# --- writes --------------------------------------------------------------------------------------
def create_collection(library: Library, fields: dict, *, by, is_demo: bool = False) -> Collection:
    """A new draft collection of `library`; nothing public changes until it is published."""
    data = check_collection(library, fields)
    collection = Collection(library=library, is_demo=is_demo)
    _apply(collection, data)
    with transaction.atomic():
        collection.save()
        record_audit(by, "archive.collection_created", collection, library=library, summary=collection.slug)
    return collection


def update_collection(collection: Collection, fields: dict, *, by) -> Collection:
    """Change a collection; a published one's service record follows its new title and call."""
    data = check_collection(collection.library, fields, collection=collection)
    _apply(collection, data)
    with transaction.atomic():
        collection.save()
        if collection.status == Collection.Status.PUBLISHED:
            _record_publication(collection)
        record_audit(by, "archive.collection_changed", collection, library=collection.library, summary=collection.slug)
    return collection


def publish_collection(collection: Collection, *, by) -> Collection:
    """Publish: anyone may browse it, its items appear under it, and it counts as a resource-construction
    service (with social participation when it calls for contributions)."""
    with transaction.atomic():
        collection = Collection.objects.select_for_update().select_related("library").get(pk=collection.pk)
        if collection.status == Collection.Status.PUBLISHED:
            raise Refused(_("This collection is already published."), "already_published", 409)
        collection.status = Collection.Status.PUBLISHED
        collection.published_at = timezone.now()
        collection.save(update_fields=["status", "published_at"])
        _record_publication(collection)
        record_audit(
            by, "archive.collection_published", collection, library=collection.library, summary=collection.slug
        )
        _touch_items(collection)
    return collection


def unpublish_collection(collection: Collection, *, by) -> Collection:
    """Back to a draft: its page and set go, its service record is withdrawn; its items stay as they are."""
    with transaction.atomic():
        collection = Collection.objects.select_for_update().select_related("library").get(pk=collection.pk)
        if collection.status != Collection.Status.PUBLISHED:
            raise Refused(_("This collection is not published."), "not_published", 409)
        collection.status = Collection.Status.DRAFT
        collection.save(update_fields=["status"])
        withdraw_service(collection)
        record_audit(
            by, "archive.collection_unpublished", collection, library=collection.library, summary=collection.slug
        )
        _touch_items(collection)
    return collection


def _touch_items(collection: Collection) -> None:
    # The items' OAI-PMH records list their sets: a harvester must see them again.
    collection.items.update(updated_at=timezone.now())
