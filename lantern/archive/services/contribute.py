"""Contributing to the archive: the public form's submission (checked whole before anything is kept), the
receipt's reference, and the contributor's answers to reviewers' questions."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from lantern.core.models import Library

from ..models import Item
from .common import new_reference, search_text_of
from .files import check_files, formats_of, remove_folders, store_files

DATE_PATTERN = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")

# The DCMI Type vocabulary's term for each kind of contribution.
DCMI_TYPES = {
    Item.Kind.LETTER: "Text",
    Item.Kind.DIARY: "Text",
    Item.Kind.POEM_STORY: "Text",
    Item.Kind.DOCUMENT: "Text",
    Item.Kind.PHOTO: "StillImage",
    Item.Kind.COMMUNITY_PASS: "StillImage",
    Item.Kind.DRAWING: "StillImage",
    Item.Kind.SOCIAL_POST: "StillImage",
    Item.Kind.AUDIO: "Sound",
    Item.Kind.VIDEO: "MovingImage",
    Item.Kind.OTHER: "PhysicalObject",
}

RIGHTS = {
    Item.Licence.CC_BY: "CC BY 4.0 https://creativecommons.org/licenses/by/4.0/",
    Item.Licence.CC_BY_NC: "CC BY-NC 4.0 https://creativecommons.org/licenses/by-nc/4.0/",
    Item.Licence.PRESERVE_ONLY: "Preserved only; not for publication.",
}


def year_of(date: str) -> int | None:
    """The year of a W3CDTF date (2020, 2020-02, 2020-02-24), or None; raises ValidationError on another form."""
    if not date:
        return None
    match = DATE_PATTERN.match(date)
    if not match:
        raise ValidationError(
            _("Write the date as a year, a month or a day: 2020, 2020-02 or 2020-02-24."), code="bad_date"
        )
    return int(match.group(1))


def check_contribution(fields: dict) -> None:
    """The rules a contribution must meet beyond each field's own (ValidationError names each broken one)."""
    errors = {}
    if not (fields.get("contact_email") or fields.get("contact_phone")):
        errors["contact_email"] = _("Give an email address or a phone number, so that we can reach you.")
    if fields.get("is_minor") and not (fields.get("guardian_name") and fields.get("guardian_consent")):
        errors["guardian_consent"] = _(
            "Contributors under 18 need a parent or guardian: give their name and tick that they agree."
        )
    if fields.get("kind") == Item.Kind.SOCIAL_POST and not fields.get("source_link"):
        errors["source_link"] = _("For a social-media post, give the link to the post as well as a screenshot.")
    if fields.get("show_name") and not fields.get("contributor_name"):
        errors["contributor_name"] = _("Give the name you want shown, or untick “show my name”.")
    try:
        year_of(fields.get("date", ""))
    except ValidationError as error:
        errors["date"] = error.messages[0]
    if errors:
        raise ValidationError(errors)


def submit_contribution(library: Library, fields: dict, uploads, *, user=None, is_demo: bool = False) -> Item:
    """A contribution from the public, waiting for review. Nothing is kept unless every file and field passes.

    `fields` holds the form's cleaned data: kind, title, description, date, place, creator, contributor_name,
    contact_email, contact_phone, show_name, licence, is_minor, guardian_name, guardian_consent, source_link,
    language.
    """
    check_contribution(fields)
    checked = check_files(uploads)
    if not checked:
        if fields.get("kind") == Item.Kind.SOCIAL_POST:
            raise ValidationError({"files": _("Add a screenshot of the post.")}, code="no_files")
        if not fields.get("description"):
            raise ValidationError(
                {"files": _("Add at least one file, or write the text in the description.")}, code="no_files"
            )
    submitted = {key: value for key, value in fields.items() if key not in ("contact_email", "contact_phone")}
    submitted["files"] = [file.original_name for file in checked]
    reference = new_reference("A")
    try:
        with transaction.atomic():
            item = Item(
                library=library,
                reference=reference,
                kind=fields["kind"],
                source_link=fields.get("source_link", ""),
                title=fields["title"],
                # The creator shows in public: an anonymous contributor's own name never becomes it by default.
                creator=fields.get("creator", ""),
                description=fields.get("description", ""),
                date=fields.get("date", ""),
                year=year_of(fields.get("date", "")),
                dc_type=DCMI_TYPES[fields["kind"]],
                language=fields.get("language", ""),
                coverage=fields.get("place", ""),
                rights=RIGHTS[fields["licence"]],
                contributor=user if user is not None and user.is_authenticated else None,
                contributor_name=fields.get("contributor_name", ""),
                contact_email=fields.get("contact_email", ""),
                contact_phone=fields.get("contact_phone", ""),
                show_name=bool(fields.get("show_name")),
                is_minor=bool(fields.get("is_minor")),
                guardian_name=fields.get("guardian_name", ""),
                guardian_consent=bool(fields.get("guardian_consent")),
                licence=fields["licence"],
                contact_language=translation.get_language() or "",
                submitted=submitted,
                is_demo=is_demo,
            )
            item.search_text = search_text_of(item)
            item.save()
            store_files(item, checked)
            item.dc_format = formats_of(item)
            item.save(update_fields=["dc_format"])
    except BaseException:
        # The rows are rolled back; files already written for them would be orphans nobody can reach.
        remove_folders(library.slug, reference)
        raise
    return item
