"""Everything that changes online exhibitions: the exhibition, its sections and items, publishing.

Who may edit: the library's staff, and the contacts of a co-curating partner (for that exhibition's
content only; publishing, deleting and choosing partners or audience stay with the library's staff).
Each function validates first (ValidationError keyed by form field, in the active language), then writes
in one transaction with an audit entry. Uploaded images are kept only as their re-encoded web sizes.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core import uploads
from lantern.core.errors import Refused
from lantern.core.models import Role
from lantern.core.ordering import DIRECTIONS, swap_with_neighbour
from lantern.core.permissions import can_staff, staffed_libraries
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import Audience, Exhibition, Item, Section, Status

TITLE_MAX = 200
CAPTION_MAX = 300
CREDIT_MAX = 200
URL_MAX = 500


def _clean(value) -> str:
    return (value or "").strip()


# --- who may edit --------------------------------------------------------------------------------
def partner_contact_exhibitions(user):
    """Exhibitions `user` may edit as the contact of a co-curating partner (at any library)."""
    if not user.is_authenticated or not user.is_active:
        return Exhibition.objects.none()
    partners = Role.objects.filter(user=user, kind=Role.Kind.PARTNER_CONTACT).values("partner")
    return Exhibition.objects.filter(partners__in=partners).distinct()


def editable_exhibitions(user):
    """Every exhibition `user` may edit: those of the libraries they staff, and those they co-curate."""
    if not user.is_authenticated or not user.is_active:
        return Exhibition.objects.none()
    co_curated = partner_contact_exhibitions(user).values("pk")
    return Exhibition.objects.filter(Q(library__in=staffed_libraries(user)) | Q(pk__in=co_curated)).distinct()


def can_edit(user, exhibition: Exhibition) -> bool:
    return can_staff(user, exhibition.library) or partner_contact_exhibitions(user).filter(pk=exhibition.pk).exists()


# --- the exhibition ------------------------------------------------------------------------------
def check_exhibition(library, *, title_zh, title_en, summary_zh="", summary_en="", audience="", partners=None):
    """Validate an exhibition's fields; return them cleaned, or raise ValidationError by field."""
    data = {
        "title_zh": _clean(title_zh),
        "title_en": _clean(title_en),
        "summary_zh": _clean(summary_zh),
        "summary_en": _clean(summary_en),
    }
    errors = {}
    if not data["title_zh"] and not data["title_en"]:
        errors["title_zh"] = [_("Give the exhibition a title in Chinese, in English or in both.")]
    for field in ("title_zh", "title_en"):
        if len(data[field]) > TITLE_MAX:
            errors[field] = [_("At most %(n)s characters.") % {"n": TITLE_MAX}]
    if audience is not None:
        if audience and audience not in Audience.values:
            errors["audience"] = [_("Choose an audience from the list.")]
        data["audience"] = audience or ""
    if partners is not None:
        partners = list(partners)
        allowed = set(library.partners.values_list("pk", flat=True))
        if any(partner.pk not in allowed for partner in partners):
            errors["partners"] = [_("Choose partners that work with this library.")]
        data["partners"] = partners
    if errors:
        raise ValidationError(errors)
    return data


def _apply(exhibition: Exhibition, data: dict) -> None:
    exhibition.title_zh_hans = data["title_zh"]
    exhibition.title_en = data["title_en"]
    exhibition.summary_zh_hans = data["summary_zh"]
    exhibition.summary_en = data["summary_en"]
    if "audience" in data:
        exhibition.audience = data["audience"]


def create_exhibition(library, *, by, **fields) -> Exhibition:
    """A new draft exhibition of `library` (staff only: the view checks)."""
    data = check_exhibition(library, **fields)
    exhibition = Exhibition(library=library)
    _apply(exhibition, data)
    with transaction.atomic():
        exhibition.save()
        exhibition.partners.set(data.get("partners", []))
        record_audit(by, "exhibition.created", exhibition, library=library, summary=exhibition.title)
    return exhibition


def update_exhibition(exhibition: Exhibition, *, by, **fields) -> Exhibition:
    """Change title and introduction (and, when given, audience and partners: the staff form gives them)."""
    fields.setdefault("audience", None)
    fields.setdefault("partners", None)
    data = check_exhibition(exhibition.library, **fields)
    _apply(exhibition, data)
    with transaction.atomic():
        exhibition.save()
        if "partners" in data:
            exhibition.partners.set(data["partners"])
        _rerecord(exhibition)
        record_audit(by, "exhibition.updated", exhibition, library=exhibition.library, summary=exhibition.title)
    return exhibition


def _files_of(items) -> list:
    return [f for item in items for f in (item.image, item.thumbnail, item.document, item.captions) if f]


def _delete_files_after_commit(files) -> None:
    def delete():
        for field_file in files:
            field_file.storage.delete(field_file.name)

    transaction.on_commit(delete)


def delete_exhibition(exhibition: Exhibition, *, by) -> None:
    """Delete the exhibition, its sections, items and files, and its service record."""
    with transaction.atomic():
        files = _files_of(Item.objects.filter(section__exhibition=exhibition))
        withdraw_service(exhibition)
        record_audit(by, "exhibition.deleted", exhibition, library=exhibition.library, summary=exhibition.title)
        exhibition.delete()
        _delete_files_after_commit(files)


# --- publishing ----------------------------------------------------------------------------------
def _record_publication(exhibition: Exhibition):
    features = []
    if exhibition.partners.exists():
        features.append(Feature.CROSS_INDUSTRY)
    if exhibition.audience:
        features.append(Feature.TARGETED_GROUPS)
    return record_service(
        library=exhibition.library,
        date=timezone.localdate(exhibition.published_at),
        categories=[Category.READING_ONLINE],
        features=features,
        title_zh=exhibition.title_zh_hans or "",
        title_en=exhibition.title_en or "",
        source_object=exhibition,
        link=exhibition.get_absolute_url(),
    )


def _rerecord(exhibition: Exhibition) -> None:
    # A published exhibition's record follows its title, partners and audience.
    if exhibition.status == Status.PUBLISHED:
        _record_publication(exhibition)


def publish_exhibition(exhibition: Exhibition, *, by) -> Exhibition:
    """Publish: readers see it, and it counts as an online reading-promotion service (with cross-industry
    when it has partners, targeted groups when it has an audience)."""
    if exhibition.status == Status.PUBLISHED:
        raise Refused(_("This exhibition is already published."), "already_published", 409)
    if not Item.objects.filter(section__exhibition=exhibition).exists():
        raise Refused(_("Add at least one item before publishing the exhibition."), "empty", 422)
    with transaction.atomic():
        exhibition.status = Status.PUBLISHED
        exhibition.published_at = timezone.now()
        exhibition.save(update_fields=["status", "published_at"])
        _record_publication(exhibition)
        record_audit(by, "exhibition.published", exhibition, library=exhibition.library, summary=exhibition.title)
    return exhibition


def unpublish_exhibition(exhibition: Exhibition, *, by) -> Exhibition:
    """Back to a draft: readers no longer see it and its service record is withdrawn; content is kept."""
    if exhibition.status != Status.PUBLISHED:
        raise Refused(_("This exhibition is not published."), "not_published", 409)
    with transaction.atomic():
        exhibition.status = Status.DRAFT
        exhibition.save(update_fields=["status"])
        withdraw_service(exhibition)
        record_audit(by, "exhibition.unpublished", exhibition, library=exhibition.library, summary=exhibition.title)
    return exhibition


# --- sections ------------------------------------------------------------------------------------
def check_section(*, title_zh, title_en, text_zh="", text_en="") -> dict:
    data = {"title_zh": _clean(title_zh), "title_en": _clean(title_en), "text_zh": _clean(text_zh)}
    data["text_en"] = _clean(text_en)
    errors = {}
    if not data["title_zh"] and not data["title_en"]:
        errors["title_zh"] = [_("Give the section a title in Chinese, in English or in both.")]
    for field in ("title_zh", "title_en"):
        if len(data[field]) > TITLE_MAX:
            errors[field] = [_("At most %(n)s characters.") % {"n": TITLE_MAX}]
    if errors:
        raise ValidationError(errors)
    return data


def _apply_section(section: Section, data: dict) -> None:
    section.title_zh_hans, section.title_en = data["title_zh"], data["title_en"]
    section.text_zh_hans, section.text_en = data["text_zh"], data["text_en"]


def add_section(exhibition: Exhibition, *, by, **fields) -> Section:
    data = check_section(**fields)
    with transaction.atomic():
        last = exhibition.sections.aggregate(m=Max("position"))["m"] or 0
        section = Section(exhibition=exhibition, position=last + 1)
        _apply_section(section, data)
        section.save()
        record_audit(by, "exhibition.section_added", exhibition, library=exhibition.library, summary=section.title)
    return section


def update_section(section: Section, *, by, **fields) -> Section:
    data = check_section(**fields)
    _apply_section(section, data)
    exhibition = section.exhibition
    with transaction.atomic():
        section.save()
        record_audit(by, "exhibition.section_changed", exhibition, library=exhibition.library, summary=section.title)
    return section


def _move(siblings, moved, direction: str) -> None:
    if direction not in DIRECTIONS:
        raise Refused(_("Choose up or down."), "bad_direction", 400)
    swap_with_neighbour(siblings, moved, direction)


def move_section(section: Section, direction: str, *, by) -> None:
    exhibition = section.exhibition
    with transaction.atomic():
        _move(exhibition.sections.select_for_update().order_by("position", "pk"), section, direction)
        record_audit(
            by, "exhibition.section_moved", exhibition, library=exhibition.library,
            summary=f"{section.title} {direction}",
        )  # fmt: skip


def remove_section(section: Section, *, by) -> None:
    """Remove a section with its items and their files."""
    exhibition = section.exhibition
    with transaction.atomic():
        files = _files_of(section.items.all())
        title = section.title
        section.delete()
        record_audit(by, "exhibition.section_removed", exhibition, library=exhibition.library, summary=title)
        _delete_files_after_commit(files)


# --- items ---------------------------------------------------------------------------------------
def check_item(
    *,
    kind,
    caption_zh="",
    caption_en="",
    alt_zh="",
    alt_en="",
    credit_zh="",
    credit_en="",
    rights="",
    video_url="",
    image=None,
    document=None,
    captions=None,
    existing: Item | None = None,
) -> dict:
    """Validate an item and its uploads (by content); return the cleaned fields and the files to write.

    An image needs its text alternative in at least one language (the page falls back to the other); a
    new image, document or video needs its file or link unless the item being edited already has one.
    """
    data = {
        "kind": kind,
        "caption_zh": _clean(caption_zh),
        "caption_en": _clean(caption_en),
        "alt_zh": _clean(alt_zh),
        "alt_en": _clean(alt_en),
        "credit_zh": _clean(credit_zh),
        "credit_en": _clean(credit_en),
        "rights": _clean(rights),
        "video_url": _clean(video_url),
    }
    errors = {}

    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    if kind not in Item.Kind.values:
        refuse("kind", _("Choose an image, a document or a video."))
    if not data["caption_zh"] and not data["caption_en"]:
        refuse("caption_zh", _("Write a caption in Chinese, in English or in both."))
    limits = {"caption_zh": CAPTION_MAX, "caption_en": CAPTION_MAX, "alt_zh": CAPTION_MAX, "alt_en": CAPTION_MAX}
    limits.update({"credit_zh": CREDIT_MAX, "credit_en": CREDIT_MAX, "rights": CREDIT_MAX, "video_url": URL_MAX})
    for field, limit in limits.items():
        if len(data[field]) > limit:
            refuse(field, _("At most %(n)s characters.") % {"n": limit})
    same_kind = existing is not None and existing.kind == kind
    if kind == Item.Kind.IMAGE:
        if not data["alt_zh"] and not data["alt_en"]:
            refuse(
                "alt_zh",
                _("Describe the image for readers who cannot see it, in Chinese, in English or in both."),
            )
        if image:
            try:
                data["web_image"] = uploads.check_image(image)
            except ValidationError as exc:
                refuse("image", exc.messages[0])
        elif not (same_kind and existing.image):
            refuse("image", _("Choose the image file."))
    elif kind == Item.Kind.DOCUMENT:
        if document:
            try:
                data["document_bytes"] = uploads.check_document(document)
            except ValidationError as exc:
                refuse("document", exc.messages[0])
        elif not (same_kind and existing.document):
            refuse("document", _("Choose the PDF file."))
    elif kind == Item.Kind.VIDEO:
        if not data["video_url"]:
            refuse("video_url", _("Give the video's web address."))
        else:
            try:
                URLValidator(schemes=["https", "http"])(data["video_url"])
            except ValidationError:
                refuse("video_url", _("Give the full web address, starting with https://"))
        if captions:
            try:
                data["captions_bytes"] = uploads.check_captions(captions)
            except ValidationError as exc:
                refuse("captions", exc.messages[0])
    if errors:
        raise ValidationError(errors)
    return data


def _store(field_file, data: bytes, extension: str, written: list) -> None:
    field_file.save(f"{uuid.uuid4().hex}.{extension}", ContentFile(data), save=False)
    written.append(field_file.name)


def _apply_item(item: Item, data: dict, written: list) -> list:
    """Set the fields and write new files; return the old files the change makes unused."""
    unused = []
    item.kind = data["kind"]
    item.caption_zh_hans, item.caption_en = data["caption_zh"], data["caption_en"]
    item.alt_text_zh_hans, item.alt_text_en = data["alt_zh"], data["alt_en"]
    item.credit_zh_hans, item.credit_en = data["credit_zh"], data["credit_en"]
    item.rights = data["rights"]
    item.video_url = data["video_url"] if item.kind == Item.Kind.VIDEO else ""
    keep = {
        Item.Kind.IMAGE: {"image", "thumbnail"},
        Item.Kind.DOCUMENT: {"document"},
        Item.Kind.VIDEO: {"captions"},
    }[item.kind]
    replaced = set()
    if "web_image" in data:
        replaced |= {"image", "thumbnail"}
    if "document_bytes" in data:
        replaced.add("document")
    if "captions_bytes" in data:
        replaced.add("captions")
    for name in ("image", "thumbnail", "document", "captions"):
        field_file = getattr(item, name)
        if field_file and (name not in keep or name in replaced):
            unused.append(type(field_file)(item, field_file.field, field_file.name))
            setattr(item, name, "")
    if "web_image" in data:
        web = data["web_image"]
        _store(item.image, web.large, web.extension, written)
        _store(item.thumbnail, web.thumbnail, web.extension, written)
        item.width, item.height = web.width, web.height
    if item.kind != Item.Kind.IMAGE:
        item.width = item.height = None
    if "document_bytes" in data:
        _store(item.document, data["document_bytes"], "pdf", written)
    if "captions_bytes" in data:
        _store(item.captions, data["captions_bytes"], "vtt", written)
    return unused


def _save_item(item: Item, data: dict, *, by, action: str) -> Item:
    exhibition = item.section.exhibition
    written: list = []
    try:
        with transaction.atomic():
            unused = _apply_item(item, data, written)
            if item.pk is None:
                last = item.section.items.aggregate(m=Max("position"))["m"] or 0
                item.position = last + 1
            item.save()
            record_audit(by, action, exhibition, library=exhibition.library, summary=item.caption)
            _delete_files_after_commit(unused)
    except Exception:
        # Nothing was saved: the files written for it would be orphans.
        for name in written:
            Item._meta.get_field("image").storage.delete(name)
        raise
    return item


def add_item(section: Section, *, by, **fields) -> Item:
    """A new item at the end of `section`; an uploaded image is stored only as its web sizes."""
    data = check_item(**fields)
    return _save_item(Item(section=section), data, by=by, action="exhibition.item_added")


def update_item(item: Item, *, by, **fields) -> Item:
    """Change an item; a file left empty keeps the one the item has."""
    data = check_item(existing=item, **fields)
    return _save_item(item, data, by=by, action="exhibition.item_changed")


def move_item(item: Item, direction: str, *, by) -> None:
    exhibition = item.section.exhibition
    with transaction.atomic():
        _move(item.section.items.select_for_update().order_by("position", "pk"), item, direction)
        record_audit(
            by, "exhibition.item_moved", exhibition, library=exhibition.library, summary=f"{item.caption} {direction}"
        )


def remove_item(item: Item, *, by) -> None:
    exhibition = item.section.exhibition
    with transaction.atomic():
        files = _files_of([item])
        caption = item.caption
        item.delete()
        record_audit(by, "exhibition.item_removed", exhibition, library=exhibition.library, summary=caption)
        _delete_files_after_commit(files)
