"""Everything that changes reading lists: the list itself, its entries, publishing and deleting.

Each function validates first (raising ValidationError with messages in the active language, keyed by
form field), then writes in one transaction, with an audit entry for every staff change. A change to a
list or its entries moves the list's `updated_at`, which is what the poster cache is keyed on.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.ordering import DIRECTIONS, swap_with_neighbour
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import ReadingList, ReadingListEntry, Record

TITLE_MAX = 300
ENTRY_TITLE_MAX = 500
URL_MAX = 1000
NOTE_MAX = 2000
MAX_ENTRIES = 200


def _clean(value) -> str:
    return (value or "").strip()


# --- the list ------------------------------------------------------------------------------------
def check_list(*, title_zh: str, title_en: str, theme_zh: str, theme_en: str, audience: str, purpose: str) -> dict:
    """Validate a list's fields; return them cleaned, or raise ValidationError by field."""
    data = {
        "title_zh": _clean(title_zh),
        "title_en": _clean(title_en),
        "theme_zh": _clean(theme_zh),
        "theme_en": _clean(theme_en),
        "audience": audience or ReadingList.Audience.GENERAL,
        "purpose": purpose or ReadingList.Purpose.OTHER,
    }
    errors: dict[str, list] = {}
    if not (data["title_zh"] or data["title_en"]):
        errors["title_zh"] = [_("Give the list a title in Chinese, in English or in both.")]
    for field in ("title_zh", "title_en"):
        if len(data[field]) > TITLE_MAX:
            errors[field] = [_("Keep the title under %(n)d characters.") % {"n": TITLE_MAX}]
    if data["audience"] not in ReadingList.Audience.values:
        errors["audience"] = [_("Choose an audience from the list.")]
    if data["purpose"] not in ReadingList.Purpose.values:
        errors["purpose"] = [_("Choose a purpose from the list.")]
    if errors:
        raise ValidationError(errors)
    return data


def _apply(reading_list: ReadingList, data: dict) -> None:
    reading_list.title_zh_hans = data["title_zh"] or None
    reading_list.title_en = data["title_en"] or None
    reading_list.theme_zh_hans = data["theme_zh"] or None
    reading_list.theme_en = data["theme_en"] or None
    reading_list.audience = data["audience"]
    reading_list.purpose = data["purpose"]


def create_list(library, *, by=None, **fields) -> ReadingList:
    """Create a draft list at `library`; readers see it only once it is published."""
    data = check_list(**fields)
    with transaction.atomic():
        reading_list = ReadingList(library=library, created_by=by if getattr(by, "is_authenticated", False) else None)
        _apply(reading_list, data)
        reading_list.save()
        record_audit(by, "reading_list.created", reading_list, library=library, summary=_list_summary(reading_list))
    return reading_list


def update_list(reading_list: ReadingList, *, by=None, **fields) -> ReadingList:
    """Change a list's title, theme, audience or purpose; a published list's service record follows."""
    data = check_list(**fields)
    with transaction.atomic():
        _apply(reading_list, data)
        reading_list.save()
        if reading_list.is_published:
            _record_publication(reading_list)
        record_audit(
            by, "reading_list.updated", reading_list, library=reading_list.library, summary=_list_summary(reading_list)
        )
    return reading_list


def _list_summary(reading_list: ReadingList) -> str:
    return " / ".join(t for t in (reading_list.title_zh_hans, reading_list.title_en) if t)


def _touch(reading_list: ReadingList) -> None:
    reading_list.updated_at = timezone.now()
    ReadingList.objects.filter(pk=reading_list.pk).update(updated_at=reading_list.updated_at)


# --- entries -------------------------------------------------------------------------------------
def check_note(note_zh: str, note_en: str) -> tuple[str, str]:
    note_zh, note_en = _clean(note_zh), _clean(note_en)
    errors = {}
    for field, value in (("note_zh", note_zh), ("note_en", note_en)):
        if len(value) > NOTE_MAX:
            errors[field] = [_("Keep the note under %(n)d characters.") % {"n": NOTE_MAX}]
    if errors:
        raise ValidationError(errors)
    return note_zh, note_en


def _check_room(reading_list: ReadingList) -> None:
    if reading_list.entries.count() >= MAX_ENTRIES:
        raise ValidationError(
            {NON_FIELD_ERRORS: [_("A list holds at most %(n)d entries; start a second list.") % {"n": MAX_ENTRIES}]}
        )


def _next_position(reading_list: ReadingList) -> int:
    return (reading_list.entries.aggregate(m=Max("position"))["m"] or 0) + 1


def add_record_entry(reading_list: ReadingList, record: Record, *, note_zh="", note_en="", by=None) -> ReadingListEntry:
    """Add a record of the list's own library to the end of the list, with the librarian's note."""
    if record is None or record.library_id != reading_list.library_id:
        raise ValidationError({"record": [_("Choose a record from this library's catalogue.")]})
    note_zh, note_en = check_note(note_zh, note_en)
    if reading_list.entries.filter(record=record).exists():
        raise ValidationError({"record": [_("“%(title)s” is already on this list.") % {"title": record.title}]})
    _check_room(reading_list)
    with transaction.atomic():
        entry = ReadingListEntry.objects.create(
            reading_list=reading_list,
            record=record,
            position=_next_position(reading_list),
            note_zh_hans=note_zh or None,
            note_en=note_en or None,
        )
        _touch(reading_list)
        record_audit(by, "reading_list.entry_added", reading_list, library=reading_list.library, summary=record.title)
    return entry


def check_outside(title: str, url: str) -> tuple[str, str]:
    title, url = _clean(title), _clean(url)
    errors: dict[str, list] = {}
    if not title:
        errors["title"] = [_("Give the e-resource a title.")]
    elif len(title) > ENTRY_TITLE_MAX:
        errors["title"] = [_("Keep the title under %(n)d characters.") % {"n": ENTRY_TITLE_MAX}]
    if not url:
        errors["url"] = [_("Give the e-resource's address, starting with https:// or http://.")]
    else:
        try:
            if len(url) > URL_MAX:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            message = _("“%(url)s” is not a web address; it should start with https:// or http://.")
            errors["url"] = [message % {"url": url[:80]}]
    if errors:
        raise ValidationError(errors)
    return title, url


def add_outside_entry(reading_list: ReadingList, *, title: str, url: str, note_zh="", note_en="", by=None):
    """Add an e-resource from outside the catalogue (a free database, a public-health site) by its address."""
    errors = {}
    try:
        title, url = check_outside(title, url)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        note_zh, note_en = check_note(note_zh, note_en)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    _check_room(reading_list)
    with transaction.atomic():
        entry = ReadingListEntry.objects.create(
            reading_list=reading_list,
            title=title,
            url=url,
            position=_next_position(reading_list),
            note_zh_hans=note_zh or None,
            note_en=note_en or None,
        )
        _touch(reading_list)
        record_audit(by, "reading_list.entry_added", reading_list, library=reading_list.library, summary=title)
    return entry


def update_entry_note(entry: ReadingListEntry, *, note_zh="", note_en="", by=None) -> ReadingListEntry:
    note_zh, note_en = check_note(note_zh, note_en)
    with transaction.atomic():
        entry.note_zh_hans = note_zh or None
        entry.note_en = note_en or None
        entry.save(update_fields=["note_zh_hans", "note_en", "note"])
        _touch(entry.reading_list)
        record_audit(
            by, "reading_list.note_changed", entry.reading_list, library=entry.reading_list.library,
            summary=entry.display_title,
        )  # fmt: skip
    return entry


def move_entry(entry: ReadingListEntry, direction: str, *, by=None) -> ReadingListEntry:
    """Move an entry one place up or down; positions are renumbered 1..n so they never collide."""
    if direction not in DIRECTIONS:
        raise ValidationError({NON_FIELD_ERRORS: [_("An entry moves up or down.")]})
    reading_list = entry.reading_list
    with transaction.atomic():
        entries = list(reading_list.entries.select_for_update().order_by("position", "pk"))
        swap_with_neighbour(entries, entry, direction)
        _touch(reading_list)
        record_audit(
            by, "reading_list.entry_moved", reading_list, library=reading_list.library,
            summary=f"{entry.display_title} {direction}",
        )  # fmt: skip
    return next(e for e in entries if e.pk == entry.pk)


def remove_entry(entry: ReadingListEntry, *, by=None) -> None:
    reading_list = entry.reading_list
    with transaction.atomic():
        title = entry.display_title
        entry.delete()
        _touch(reading_list)
        record_audit(by, "reading_list.entry_removed", reading_list, library=reading_list.library, summary=title)


# --- publishing ----------------------------------------------------------------------------------
def _record_publication(reading_list: ReadingList):
    features = [] if reading_list.audience == ReadingList.Audience.GENERAL else [Feature.TARGETED_GROUPS]
    return record_service(
        library=reading_list.library,
        date=timezone.localdate(reading_list.published_at),
        categories=[Category.READING_ONLINE],
        features=features,
        title_zh=reading_list.title_zh_hans or "",
        title_en=reading_list.title_en or "",
        source_object=reading_list,
        link=reading_list.get_absolute_url(),
    )


def publish_list(reading_list: ReadingList, *, by=None) -> ReadingList:
    """Show the list to readers and record it as an online reading-promotion service."""
    if reading_list.is_published:
        raise ValidationError({NON_FIELD_ERRORS: [_("This list is already published.")]})
    if not reading_list.entries.exists():
        raise ValidationError({NON_FIELD_ERRORS: [_("Add at least one entry before publishing the list.")]})
    with transaction.atomic():
        reading_list.published_at = timezone.now()
        reading_list.save(update_fields=["published_at", "updated_at"])
        _record_publication(reading_list)
        record_audit(
            by, "reading_list.published", reading_list, library=reading_list.library,
            summary=_list_summary(reading_list),
        )  # fmt: skip
    return reading_list


def unpublish_list(reading_list: ReadingList, *, by=None) -> ReadingList:
    """Take the list back to a draft (entries kept) and withdraw its service record."""
    if not reading_list.is_published:
        raise ValidationError({NON_FIELD_ERRORS: [_("This list is not published.")]})
    with transaction.atomic():
        reading_list.published_at = None
        reading_list.save(update_fields=["published_at", "updated_at"])
        withdraw_service(reading_list)
        record_audit(
            by, "reading_list.unpublished", reading_list, library=reading_list.library,
            summary=_list_summary(reading_list),
        )  # fmt: skip
    return reading_list


def delete_list(reading_list: ReadingList, *, by=None) -> None:
    """Delete a list and its entries for good; its service record goes with it."""
    with transaction.atomic():
        record_audit(
            by, "reading_list.deleted", reading_list, library=reading_list.library, summary=_list_summary(reading_list)
        )
        withdraw_service(reading_list)
        reading_list.delete()
