"""Moderating the archive: staff describe an item in Dublin Core, redact, hide and caption its files, ask the
contributor a question, accept it into collections (after a second reviewer where the library wants one),
decline it with a reason, withdraw it and undo a mistaken withdrawal; and each library's archive settings.

Every change is checked first, written in one transaction with its audit entry, and saves the item, whose
`updated_at` is the OAI-PMH datestamp harvesters follow. The contributor is told by email (or on their
account page) once the change is committed.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import AuditEntry, Library
from lantern.core.services import email_address, notify, record_audit
from lantern.core.uploads import check_image

from ..models import ArchiveSettings, Collection, Item, ItemFile, Message
from .common import search_text_of, settings_of
from .contribute import year_of
from .files import KEPT_TYPES, _store_derivative, blur_regions

Status = Item.Status

# Which status each may become (the contributor's answer, ASKED → SUBMITTED, is contribute's).
TRANSITIONS = {
    Status.SUBMITTED: {Status.ASKED, Status.FIRST_APPROVAL, Status.ACCEPTED, Status.DECLINED},
    Status.ASKED: {Status.SUBMITTED, Status.DECLINED},
    Status.FIRST_APPROVAL: {Status.ASKED, Status.ACCEPTED, Status.DECLINED},
    Status.ACCEPTED: {Status.WITHDRAWN},
    Status.DECLINED: set(),
    Status.WITHDRAWN: {Status.ACCEPTED},
}

# The DCMI Type vocabulary (https://www.dublincore.org/specifications/dublin-core/dcmi-type-vocabulary/).
DCMI_TYPE_TERMS = {
    "Text": gettext_lazy("Text"),
    "StillImage": gettext_lazy("Still image (photo, drawing, scan)"),
    "Image": gettext_lazy("Image (still or moving)"),
    "Sound": gettext_lazy("Sound"),
    "MovingImage": gettext_lazy("Moving image (video)"),
    "PhysicalObject": gettext_lazy("Physical object"),
    "Collection": gettext_lazy("Collection"),
    "Dataset": gettext_lazy("Dataset"),
    "Event": gettext_lazy("Event"),
    "InteractiveResource": gettext_lazy("Interactive resource"),
    "Service": gettext_lazy("Service"),
    "Software": gettext_lazy("Software"),
}

DESCRIPTION_FIELDS = (
    "title",
    "creator",
    "subject",
    "description",
    "date",
    "dc_type",
    "dc_format",
    "language",
    "coverage",
    "rights",
)
MAX_AREAS = 20
MESSAGE_MAX = 5000

# Labels of this part's audit-log codes, for AuditEntry.register_labels (the app's ready() registers them).
AUDIT_LABELS = {
    "archive.item_described": gettext_lazy("Archive item's description edited"),
    "archive.question_asked": gettext_lazy("Question sent to an archive contributor"),
    "archive.item_first_approval": gettext_lazy("Archive item approved once, waiting for a second reviewer"),
    "archive.item_accepted": gettext_lazy("Archive item accepted"),
    "archive.item_declined": gettext_lazy("Archive item declined"),
    "archive.item_withdrawn": gettext_lazy("Archive item withdrawn"),
    "archive.item_restored": gettext_lazy("Archive item's withdrawal undone"),
    "archive.file_redacted": gettext_lazy("Areas of an archive picture blurred"),
    "archive.file_unredacted": gettext_lazy("Archive picture's blurring undone"),
    "archive.file_hidden": gettext_lazy("Archive file hidden from the public"),
    "archive.file_shown": gettext_lazy("Archive file shown to the public again"),
    "archive.caption_changed": gettext_lazy("Archive file's caption changed"),
    "archive.settings_changed": gettext_lazy("Archive settings changed"),
}


# --- reading -------------------------------------------------------------------------------------
def staff_items(library: Library, status: str = "") -> QuerySet[Item]:
    """The library's items for the staff queue, newest first, of one status when given."""
    items = Item.objects.filter(library=library).select_related("first_approved_by").order_by("-submitted_at", "-pk")
    return items.filter(status=status) if status else items


def status_counts(library: Library) -> dict[str, int]:
    """How many items of the library are in each status (every status present, zero included)."""
    counts = dict.fromkeys(Status.values, 0)
    for row in Item.objects.filter(library=library).values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def history_of(item: Item) -> QuerySet[AuditEntry]:
    """The audit entries about the item, its files and its takedown requests, oldest first."""
    file_ids = [str(pk) for pk in item.files.values_list("pk", flat=True)]
    takedown_ids = [str(pk) for pk in item.takedowns.values_list("pk", flat=True)]
    return (
        AuditEntry.objects.filter(
            Q(object_type=Item._meta.label, object_id=str(item.pk))
            | Q(object_type=ItemFile._meta.label, object_id__in=file_ids)
            | Q(object_type="archive.Takedown", object_id__in=takedown_ids)
        )
        .select_related("actor")
        .order_by("at", "pk")
    )


def last_blurred_areas(item_file: ItemFile) -> str:
    """The areas of the file's current redaction, one "left top width height" line each (from the audit log:
    each redaction starts again from the original, so staff correct the list rather than add to it)."""
    if not item_file.redacted:
        return ""
    entry = (
        AuditEntry.objects.filter(
            object_type=ItemFile._meta.label, object_id=str(item_file.pk), action="archive.file_redacted"
        )
        .order_by("-at", "-pk")
        .first()
    )
    return entry.summary.replace("; ", "\n") if entry else ""


# --- telling the contributor ---------------------------------------------------------------------
def contributor_language(item: Item) -> str:
    """The language to write to the contributor in: their account's, else the one they used the site in when
    they contributed, else the site's own."""
    if item.contributor_id and item.contributor.language:
        return item.contributor.language
    return item.contact_language or settings.LANGUAGE_CODE


def _tell_contributor(item: Item, subject: str, body: str, link: str) -> bool:
    """Email the contributor (or, with no email but an account, leave a notice); False when neither reaches
    them, so that the page can tell staff to phone instead. Call inside the change's transaction."""
    if item.contact_email:
        email_address(item.contact_email, subject, f"{body}\n\n{link}".strip())
        return True
    if item.contributor_id:
        notify(item.contributor, subject, body, link=link, library=item.library)
        return True
    return False


def _locked(item: Item) -> Item:
    """The item's row, locked until the transaction ends: two reviewers deciding at once see each other."""
    return Item.objects.select_for_update(of=("self",)).select_related("library", "contributor").get(pk=item.pk)


def _refuse_status(item: Item, to: str) -> None:
    if to not in TRANSITIONS[item.status]:
        raise Refused(
            _("This item is “%(status)s”: it cannot become “%(to)s”. Reload the page to see where it stands.")
            % {"status": item.get_status_display(), "to": Status(to).label},
            "wrong_status",
            409,
        )


# --- describing ----------------------------------------------------------------------------------
def check_description(fields: dict) -> dict:
    """The description's values, cleaned, with `year`; ValidationError by field for what is wrong."""
    values = {name: (fields.get(name) or "").strip() for name in DESCRIPTION_FIELDS}
    values["subject"] = "\n".join(line.strip() for line in values["subject"].splitlines() if line.strip())
    errors = {}
    if not values["title"]:
        errors["title"] = _("Give the item a title.")
    if values["dc_type"] and values["dc_type"] not in DCMI_TYPE_TERMS:
        errors["dc_type"] = _("Choose a type from the DCMI Type vocabulary.")
    try:
        values["year"] = year_of(values["date"])
    except ValidationError as error:
        errors["date"] = error.messages[0]
    if errors:
        raise ValidationError(errors)
    return values


def describe_item(item: Item, fields: dict, *, by) -> Item:
    """Save staff's Dublin Core description (never what the contributor submitted); search text and year
    follow it."""
    values = check_description(fields)
    with transaction.atomic():
        item = _locked(item)
        changed = [name for name in DESCRIPTION_FIELDS if getattr(item, name) != values[name]]
        for name, value in values.items():
            setattr(item, name, value)
        item.search_text = search_text_of(item)
        item.save()
        record_audit(by, "archive.item_described", item, library=item.library, summary=", ".join(changed))
    return item


# --- files ---------------------------------------------------------------------------------------
def _file_in(item: Item, item_file: ItemFile) -> None:
    if item_file.item_id != item.pk:
        raise Refused(_("This file belongs to another item."), "other_item", 404)


def check_areas(areas: list[tuple[float, float, float, float]]) -> None:
    """Areas in percent of the picture: (left, top, width, height), each inside the picture, at least one."""
    if not areas:
        raise ValidationError(_("Give at least one area to blur."), code="no_areas")
    if len(areas) > MAX_AREAS:
        raise ValidationError(_("Give at most %(limit)d areas at a time.") % {"limit": MAX_AREAS}, code="too_many")
    for number, (left, top, width, height) in enumerate(areas, start=1):
        if not (0 <= left < 100 and 0 <= top < 100 and width > 0 and height > 0):
            raise ValidationError(
                _("Area %(n)d: left and top go from 0 to 99, width and height must be above 0.") % {"n": number},
                code="bad_area",
            )
        if left + width > 100 or top + height > 100:
            raise ValidationError(
                _("Area %(n)d goes beyond the picture: left + width and top + height must be 100 at most.")
                % {"n": number},
                code="bad_area",
            )


def _areas_text(areas) -> str:
    return "; ".join(" ".join(f"{value:g}" for value in area) for area in areas)


def blur_file(item_file: ItemFile, areas: list[tuple[float, float, float, float]], *, by) -> ItemFile:
    """Blur the areas (percent of the picture) on the public derivative, made again from the original with
    exactly these areas; the original is never touched."""
    if not item_file.is_image:
        raise Refused(_("Only pictures can be blurred."), "not_image", 400)
    check_areas(areas)
    with transaction.atomic():
        item = _locked(item_file.item)
        blur_regions(item_file, [tuple(value / 100 for value in area) for area in areas])
        item.save()
        record_audit(by, "archive.file_redacted", item_file, library=item.library, summary=_areas_text(areas))
    return item_file


def unblur_file(item_file: ItemFile, *, by) -> ItemFile:
    """Undo a redaction: the derivative made again from the original, as when it was received."""
    if not item_file.is_image:
        raise Refused(_("Only pictures can be blurred."), "not_image", 400)
    if not item_file.redacted:
        raise Refused(_("This picture is not blurred."), "not_redacted", 409)
    with item_file.original.open("rb") as handle:
        data = handle.read()
    extension = KEPT_TYPES.get(item_file.mime, "bin")
    web = check_image(SimpleUploadedFile(f"original.{extension}", data))
    with transaction.atomic():
        item = _locked(item_file.item)
        _store_derivative(item_file, web)
        item_file.redacted = False
        item_file.save()
        item.save()
        record_audit(by, "archive.file_unredacted", item_file, library=item.library)
    return item_file


def set_file_hidden(item_file: ItemFile, hidden: bool, *, by) -> ItemFile:
    """Hide a file from the public (staff still see it), or show it again."""
    with transaction.atomic():
        item = _locked(item_file.item)
        item_file.hidden = hidden
        item_file.save(update_fields=["hidden"])
        item.save()
        action = "archive.file_hidden" if hidden else "archive.file_shown"
        record_audit(by, action, item_file, library=item.library)
    return item_file


def set_caption(item_file: ItemFile, caption: str, *, by) -> ItemFile:
    caption = " ".join((caption or "").split())
    limit = ItemFile._meta.get_field("caption").max_length
    if len(caption) > limit:
        raise ValidationError(
            {"caption": _("Keep the caption to %(limit)d characters.") % {"limit": limit}}, code="too_long"
        )
    with transaction.atomic():
        item = _locked(item_file.item)
        item_file.caption = caption
        item_file.save(update_fields=["caption"])
        item.save()
        record_audit(by, "archive.caption_changed", item_file, library=item.library, summary=caption)
    return item_file


# --- the conversation ----------------------------------------------------------------------------
def _message_text(text: str, field: str, empty: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: empty}, code="required")
    if len(text) > MESSAGE_MAX:
        raise ValidationError({field: _("Keep it to %(limit)d characters.") % {"limit": MESSAGE_MAX}}, code="too_long")
    return text


def ask_contributor(item: Item, text: str, *, by, link: str = "") -> tuple[Message, bool]:
    """Send the contributor a question; the item waits for their answer (ASKED). Returns the message and
    whether the contributor could be told (False: no email and no account: phone them)."""
    text = _message_text(text, "text", _("Write the question."))
    with transaction.atomic():
        item = _locked(item)
        if item.status not in (Status.SUBMITTED, Status.FIRST_APPROVAL):
            if item.status == Status.ASKED:
                raise Refused(_("A question is already waiting for the contributor's answer."), "already_asked", 409)
            _refuse_status(item, Status.ASKED)
        item.status = Status.ASKED
        # The answer may change what was approved: both approvals are given again afterwards.
        item.first_approved_by = None
        item.save()
        message = Message.objects.create(item=item, from_contributor=False, author=by, text=text)
        record_audit(by, "archive.question_asked", item, library=item.library, summary=text[:200])
        with translation.override(contributor_language(item)):
            subject = _("A question about your contribution %(reference)s") % {"reference": item.reference}
            body = _(
                "%(library)s has a question about “%(title)s” (reference %(reference)s):\n\n%(question)s\n\n"
                "Please answer on your contribution's page:"
            ) % {"library": item.library.name, "title": item.title, "reference": item.reference, "question": text}
            told = _tell_contributor(item, subject, body, link)
    return message, told


# --- decisions -----------------------------------------------------------------------------------
def _check_collections(item: Item, collections) -> list[Collection]:
    collections = list(collections or [])
    if not collections:
        raise ValidationError(
            {"collections": _("Choose at least one collection to accept the item into.")}, code="no_collection"
        )
    if any(collection.library_id != item.library_id for collection in collections):
        raise ValidationError({"collections": _("Choose collections of this library only.")}, code="other_library")
    return collections


def accept_item(item: Item, collections, *, by, link: str = "") -> tuple[Item, bool]:
    """Approve the item into ≥1 of its library's collections. Where the library asks for a second reviewer
    the first approval waits (FIRST_APPROVAL) and a different member of staff must approve it too; then it
    is ACCEPTED, and public unless its licence is preserve-only. Returns the item and whether the contributor
    was told."""
    collections = _check_collections(item, collections)
    with transaction.atomic():
        item = _locked(item)
        if item.status not in (Status.SUBMITTED, Status.FIRST_APPROVAL):
            if item.status == Status.ASKED:
                raise Refused(
                    _("A question is waiting for the contributor's answer: accept the item once they answer."),
                    "asked",
                    409,
                )
            _refuse_status(item, Status.ACCEPTED)
        second_review = settings_of(item.library).second_review
        if second_review and item.status == Status.FIRST_APPROVAL and item.first_approved_by_id == by.pk:
            raise Refused(
                _(
                    "You gave this item its first approval: the library asks for a second reviewer, so a "
                    "different member of staff must approve it."
                ),
                "same_reviewer",
                409,
            )
        item.collections.set(collections)
        names = ", ".join(collection.title for collection in collections)
        if second_review and item.status == Status.SUBMITTED:
            item.status = Status.FIRST_APPROVAL
            item.first_approved_by = by
            item.save()
            record_audit(by, "archive.item_first_approval", item, library=item.library, summary=names)
            return item, False
        item.status = Status.ACCEPTED
        item.accepted_at = timezone.now()
        item.reviewed_by = by
        item.save()
        record_audit(by, "archive.item_accepted", item, library=item.library, summary=names)
        with translation.override(contributor_language(item)):
            values = {"reference": item.reference, "title": item.title, "library": item.library.name}
            subject = _("Your contribution %(reference)s is accepted") % values
            if item.licence == Item.Licence.PRESERVE_ONLY:
                outcome = _("As you asked, the library keeps it in its archive and does not publish it.")
            else:
                outcome = _("It can now be seen on the library's website.")
            body = "\n\n".join(
                [
                    _("Thank you. %(library)s has accepted “%(title)s” (reference %(reference)s) into its archive.")
                    % values,
                    outcome,
                    _("Its page:"),
                ]
            )
            told = _tell_contributor(item, subject, body, link)
    return item, told


def decline_item(item: Item, reason: str, *, by, link: str = "") -> tuple[Item, bool]:
    """Decline the item with a reason, which is sent to the contributor."""
    reason = _message_text(reason, "reason", _("Give the reason: it is sent to the contributor."))
    with transaction.atomic():
        item = _locked(item)
        _refuse_status(item, Status.DECLINED)
        item.status = Status.DECLINED
        item.decline_reason = reason
        item.reviewed_by = by
        item.save()
        record_audit(by, "archive.item_declined", item, library=item.library, summary=reason[:200])
        with translation.override(contributor_language(item)):
            values = {"reference": item.reference, "title": item.title, "library": item.library.name}
            subject = _("About your contribution %(reference)s") % values
            body = _(
                "Thank you for sending “%(title)s” (reference %(reference)s). We are sorry: %(library)s cannot "
                "take it into its archive. The reason:\n\n%(reason)s"
            ) % {**values, "reason": reason}
            told = _tell_contributor(item, subject, body, link)
    return item, told


def withdraw_item(item: Item, reason: str, *, by, tell_contributor: bool = True, link: str = "") -> tuple[Item, bool]:
    """Take an accepted item out of the public archive (the contributor asked, a takedown, a mistake found);
    its files are kept. The reason is in the audit log and, when asked, sent to the contributor."""
    reason = _message_text(reason, "reason", _("Give the reason for withdrawing the item."))
    with transaction.atomic():
        item = _locked(item)
        _refuse_status(item, Status.WITHDRAWN)
        item.status = Status.WITHDRAWN
        item.withdrawn_at = timezone.now()
        item.save()
        record_audit(by, "archive.item_withdrawn", item, library=item.library, summary=reason[:200])
        told = False
        if tell_contributor:
            with translation.override(contributor_language(item)):
                values = {"reference": item.reference, "title": item.title, "library": item.library.name}
                subject = _("Your contribution %(reference)s is withdrawn") % values
                body = _(
                    "%(library)s has withdrawn “%(title)s” (reference %(reference)s): it is no longer shown in "
                    "public. The library still keeps it. The reason:\n\n%(reason)s"
                ) % {**values, "reason": reason}
                told = _tell_contributor(item, subject, body, link)
    return item, told


def restore_item(item: Item, *, by) -> Item:
    """Undo a mistaken withdrawal: the item is accepted again (public unless preserve-only or hidden)."""
    with transaction.atomic():
        item = _locked(item)
        if item.status != Status.WITHDRAWN or item.accepted_at is None:
            raise Refused(_("Only a withdrawn item that was accepted before can be restored."), "wrong_status", 409)
        item.status = Status.ACCEPTED
        item.withdrawn_at = None
        item.save()
        record_audit(by, "archive.item_restored", item, library=item.library)
    return item


# --- settings ------------------------------------------------------------------------------------
def update_settings(library: Library, *, accepts_contributions: bool, second_review: bool, by) -> ArchiveSettings:
    with transaction.atomic():
        archive_settings, _created = ArchiveSettings.objects.select_for_update().get_or_create(library=library)
        archive_settings.accepts_contributions = bool(accepts_contributions)
        archive_settings.second_review = bool(second_review)
        archive_settings.save()
        summary = _("The public may contribute: %(contribute)s. A second reviewer is required: %(second)s.") % {
            "contribute": _("yes") if archive_settings.accepts_contributions else _("no"),
            "second": _("yes") if archive_settings.second_review else _("no"),
        }
        record_audit(by, "archive.settings_changed", archive_settings, library=library, summary=summary)
    return archive_settings
