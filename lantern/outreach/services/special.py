"""Everything that changes the library's services for special groups (sign-language video lessons, large
print, audio, phone ordering, reading support for children of medical staff...) and their video lessons.

Each function validates first (ValidationError keyed by form field, in the active language; Refused when the
action itself is not possible), then writes in one transaction with an audit entry.

Measurement (from /work/shared/CODEBOOK.md): a published service is a *social* service ("services for
special groups: elderly, disabled, deaf, blind, children of medical workers, patients") with the feature
*targeted_groups* always, since every such service is aimed at the named group it records in `audience`.
*cross_industry* is never set here: the model names no partner organisation, and a service is not
cross-industry by its kind alone (a phone line or a large-print shelf is the library's own work). Unpublishing
or removing the service withdraws its record. Captions files are checked as WebVTT by content and stored
under a random name through Django's storage; a replaced or removed file is deleted after the commit.
"""

import re
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import uploads
from lantern.core.audience import Audience
from lantern.core.errors import Refused
from lantern.core.ordering import DIRECTIONS, swap_with_neighbour
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import AccessibleService, Lesson

TITLE_MAX = 200
WHO_MAX = 300
TEXT_MAX = 5000
PHONE_MAX = 40
URL_MAX = 500
MINUTES_MAX = 600
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-]{2,38}$")


def _clean(value) -> str:
    return (value or "").strip()


def _both_or_one(errors: dict, data: dict, field: str, message: str) -> None:
    if not data[f"{field}_zh"] and not data[f"{field}_en"]:
        errors.setdefault(f"{field}_zh", []).append(message)


def _limit(errors: dict, data: dict, fields, limit: int) -> None:
    for field in fields:
        if len(data[field]) > limit:
            errors.setdefault(field, []).append(_("At most %(n)s characters.") % {"n": limit})


def _check_url(errors: dict, field: str, value: str) -> None:
    try:
        URLValidator(schemes=["https", "http"])(value)
    except ValidationError:
        errors.setdefault(field, []).append(_("Give the full web address, starting with https://"))


# --- services ------------------------------------------------------------------------------------
def check_service(
    *,
    kind,
    title_zh="",
    title_en="",
    description_zh="",
    description_en="",
    who_zh="",
    who_en="",
    how_zh="",
    how_en="",
    audience="",
    phone="",
    link="",
) -> dict:
    """Validate a service's fields; return them cleaned, or raise ValidationError by field.

    Every text needs at least one language (pages fall back to the other); phone ordering needs a phone
    number, since the number is the service."""
    texts = {"title_zh": title_zh, "title_en": title_en, "description_zh": description_zh}
    texts.update({"description_en": description_en, "who_zh": who_zh, "who_en": who_en})
    texts.update({"how_zh": how_zh, "how_en": how_en})
    data = {field: _clean(value) for field, value in texts.items()}
    data.update({"kind": kind, "audience": audience or "", "phone": _clean(phone), "link": _clean(link)})
    errors: dict = {}
    if kind not in AccessibleService.Kind.values:
        errors["kind"] = [_("Choose the kind of service from the list.")]
    _both_or_one(errors, data, "title", _("Give the service a name in Chinese, in English or in both."))
    _both_or_one(errors, data, "who", _("Say who the service is for, in Chinese, in English or in both."))
    _both_or_one(errors, data, "how", _("Say how to use the service, in Chinese, in English or in both."))
    _limit(errors, data, ("title_zh", "title_en"), TITLE_MAX)
    _limit(errors, data, ("who_zh", "who_en"), WHO_MAX)
    _limit(errors, data, ("description_zh", "description_en", "how_zh", "how_en"), TEXT_MAX)
    if data["audience"] not in Audience.values:
        errors["audience"] = [_("Choose the group the service is for.")]
    if data["phone"]:
        if len(data["phone"]) > PHONE_MAX or not PHONE_PATTERN.match(data["phone"]):
            errors["phone"] = [_("Give a phone number with digits only (spaces, dashes and a leading + are fine).")]
    elif kind == AccessibleService.Kind.PHONE_ORDERING:
        errors["phone"] = [_("Ordering by phone needs the phone number readers call.")]
    if data["link"]:
        if len(data["link"]) > URL_MAX:
            errors["link"] = [_("At most %(n)s characters.") % {"n": URL_MAX}]
        else:
            _check_url(errors, "link", data["link"])
    if errors:
        raise ValidationError(errors)
    return data


def _apply(service: AccessibleService, data: dict) -> None:
    for name in ("title", "description", "who", "how"):
        setattr(service, f"{name}_zh_hans", data[f"{name}_zh"])
        setattr(service, f"{name}_en", data[f"{name}_en"])
    service.kind, service.audience = data["kind"], data["audience"]
    service.phone, service.link = data["phone"], data["link"]


def _audit(by, action: str, service: AccessibleService, summary: str = "") -> None:
    record_audit(by, f"outreach.{action}", service, library=service.library, summary=summary or service.title)


def create_service(library, *, by, **fields) -> AccessibleService:
    """A new, unpublished service at the end of the library's list."""
    data = check_service(**fields)
    with transaction.atomic():
        last = AccessibleService.objects.filter(library=library).aggregate(m=Max("position"))["m"] or 0
        service = AccessibleService(library=library, position=last + 1)
        _apply(service, data)
        service.save()
        _audit(by, "service_created", service)
    return service


def update_service(service: AccessibleService, *, by, **fields) -> AccessibleService:
    """Change a service; a published one's service record follows its new title."""
    data = check_service(**fields)
    _apply(service, data)
    with transaction.atomic():
        service.save()
        if service.published:
            _record(service)
        _audit(by, "service_changed", service)
    return service


def _record(service: AccessibleService):
    return record_service(
        library=service.library,
        date=timezone.localdate(service.published_at),
        categories=[Category.SOCIAL],
        features=[Feature.TARGETED_GROUPS],
        title_zh=service.title_zh_hans or "",
        title_en=service.title_en or "",
        source_object=service,
        link=service.get_absolute_url(),
    )


def publish_service(service: AccessibleService, *, by) -> AccessibleService:
    """Show the service to readers and count it as a social service for a targeted group. Video lessons
    must have at least one lesson first: readers would otherwise find an empty page."""
    if service.published:
        raise Refused(_("This service is already shown to readers."), "already_published", 409)
    if service.kind == AccessibleService.Kind.SIGN_LANGUAGE_VIDEO and not service.lessons.exists():
        raise Refused(_("Add at least one video lesson before showing this service to readers."), "no_lessons", 422)
    with transaction.atomic():
        service.published = True
        service.published_at = timezone.now()
        service.save(update_fields=["published", "published_at"])
        _record(service)
        _audit(by, "service_published", service)
    return service


def unpublish_service(service: AccessibleService, *, by) -> AccessibleService:
    """Hide the service from readers and withdraw its service record; its content and lessons are kept."""
    if not service.published:
        raise Refused(_("This service is not shown to readers."), "not_published", 409)
    with transaction.atomic():
        service.published = False
        service.save(update_fields=["published"])
        withdraw_service(service)
        _audit(by, "service_unpublished", service)
    return service


def _move(siblings, moved, direction: str) -> None:
    if direction not in DIRECTIONS:
        raise Refused(_("Choose up or down."), "bad_direction", 400)
    if not swap_with_neighbour(siblings, moved, direction):
        end = _("top") if direction == "up" else _("end")
        raise Refused(_("It is already at the %(end)s of the list.") % {"end": end}, "at_end", 409)


def move_service(service: AccessibleService, direction: str, *, by) -> None:
    with transaction.atomic():
        siblings = AccessibleService.objects.filter(library=service.library).select_for_update()
        _move(siblings.order_by("position", "pk"), service, direction)
        _audit(by, "service_moved", service, f"{service.title} {direction}")


def _delete_files_after_commit(names) -> None:
    storage = Lesson._meta.get_field("captions").storage

    def delete():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete)


def remove_service(service: AccessibleService, *, by) -> None:
    """Remove a service with its lessons and their captions files, and withdraw its service record."""
    with transaction.atomic():
        files = [lesson.captions.name for lesson in service.lessons.all() if lesson.captions]
        withdraw_service(service)
        _audit(by, "service_removed", service)
        service.delete()
        _delete_files_after_commit(files)


# --- lessons -------------------------------------------------------------------------------------
def check_lesson(
    *, title_zh="", title_en="", video_url="", captions=None, duration_minutes=None, existing=None
) -> dict:
    """Validate a lesson; captions are required (a new lesson needs its file; an edited one keeps its own)
    and checked as WebVTT by content."""
    data = {"title_zh": _clean(title_zh), "title_en": _clean(title_en), "video_url": _clean(video_url)}
    errors: dict = {}
    _both_or_one(errors, data, "title", _("Give the lesson a title in Chinese, in English or in both."))
    _limit(errors, data, ("title_zh", "title_en"), TITLE_MAX)
    if not data["video_url"]:
        errors["video_url"] = [_("Give the video's web address.")]
    elif len(data["video_url"]) > URL_MAX:
        errors["video_url"] = [_("At most %(n)s characters.") % {"n": URL_MAX}]
    else:
        _check_url(errors, "video_url", data["video_url"])
    if duration_minutes in ("", None):
        data["duration_minutes"] = None
    else:
        try:
            minutes = int(duration_minutes)
        except (TypeError, ValueError):
            minutes = 0
        if not 1 <= minutes <= MINUTES_MAX:
            errors["duration_minutes"] = [_("Give the length in whole minutes, from 1 to %(n)s.") % {"n": MINUTES_MAX}]
        data["duration_minutes"] = minutes
    if captions:
        try:
            data["captions_bytes"] = uploads.check_captions(captions)
        except ValidationError as exc:
            errors["captions"] = [exc.messages[0]]
    elif existing is None or not existing.captions:
        errors["captions"] = [_("Choose the captions file (WebVTT): deaf readers need the captions.")]
    if errors:
        raise ValidationError(errors)
    return data


def _save_lesson(lesson: Lesson, data: dict, *, by, action: str) -> Lesson:
    service = lesson.service
    lesson.title_zh_hans, lesson.title_en = data["title_zh"], data["title_en"]
    lesson.video_url, lesson.duration_minutes = data["video_url"], data["duration_minutes"]
    old = lesson.captions.name if lesson.captions and "captions_bytes" in data else ""
    written = ""
    try:
        with transaction.atomic():
            if "captions_bytes" in data:
                lesson.captions.save(f"{uuid.uuid4().hex}.vtt", ContentFile(data["captions_bytes"]), save=False)
                written = lesson.captions.name
            if lesson.pk is None:
                last = service.lessons.aggregate(m=Max("position"))["m"] or 0
                lesson.position = last + 1
            lesson.save()
            _audit(by, action, service, lesson.title)
            if old:
                _delete_files_after_commit([old])
    except Exception:
        # Nothing was saved: the file written for it would be an orphan.
        if written:
            lesson.captions.storage.delete(written)
        raise
    return lesson


def add_lesson(service: AccessibleService, *, by, **fields) -> Lesson:
    """A new lesson at the end of the service's lessons, with its checked captions file."""
    data = check_lesson(**fields)
    return _save_lesson(Lesson(service=service), data, by=by, action="lesson_added")


def update_lesson(lesson: Lesson, *, by, **fields) -> Lesson:
    """Change a lesson; no new captions file keeps the one it has."""
    data = check_lesson(existing=lesson, **fields)
    return _save_lesson(lesson, data, by=by, action="lesson_changed")


def move_lesson(lesson: Lesson, direction: str, *, by) -> None:
    service = lesson.service
    with transaction.atomic():
        _move(service.lessons.select_for_update().order_by("position", "pk"), lesson, direction)
        _audit(by, "lesson_moved", service, f"{lesson.title} {direction}")


def remove_lesson(lesson: Lesson, *, by) -> None:
    """Remove a lesson and its captions file. The last lesson of a shown video service cannot go: readers
    would find an empty page (hide the service first)."""
    service = lesson.service
    is_shown_video = service.published and service.kind == AccessibleService.Kind.SIGN_LANGUAGE_VIDEO
    if is_shown_video and service.lessons.count() <= 1:
        raise Refused(
            _("This is the only lesson of a service readers can see. Hide the service first."), "last_lesson", 409
        )
    with transaction.atomic():
        files = [lesson.captions.name] if lesson.captions else []
        title = lesson.title
        lesson.delete()
        _audit(by, "lesson_removed", service, title)
        _delete_files_after_commit(files)
