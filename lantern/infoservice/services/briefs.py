"""Decision-support briefs: staff compile a brief for a named recipient from the library's published notices
and rumour checks, other sources and a summary; they finalise it (then it no longer changes) and export it
to PDF. Briefs are seen by the library's staff only.

Measurement: finalising records one ServiceRecord (category `information`: the codebook lists
"decision-support reports"), dated the day it was finalised, with `cross_industry` when the recipient is a
government office or a health authority (the codebook names "government department" and "hospital" among
the organisations outside the library field). The record is public, so its title is the brief's title and
nothing else: not the recipient, the summary or the sources. It links nowhere, as the brief is staff-only.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.sanitise import clean_html, visible_text
from lantern.core.services import record_audit
from lantern.insights.services import record_service

from ..models import Brief, Bulletin, Publishable, RumourCheck

MAX_SOURCES = 50
MAX_SOURCE_LENGTH = 500
CROSS_INDUSTRY = (Brief.RecipientKind.GOVERNMENT, Brief.RecipientKind.HEALTH)


def usable_bulletins(library: Library):
    """Notices a brief may cite: the library's published ones (expired ones too: a brief looks back)."""
    return Bulletin.objects.filter(library=library, status=Publishable.PUBLISHED)


def usable_checks(library: Library):
    return RumourCheck.objects.filter(library=library, status=Publishable.PUBLISHED)


def source_lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _clean(library: Library, fields: dict, bulletins, checks) -> dict:
    fields = dict(fields)
    errors: dict[str, list] = {}
    for name in ("title", "recipient"):
        fields[name] = (fields.get(name) or "").strip()
    if not fields["title"]:
        errors["title"] = [_("Give the brief a title.")]
    if not fields["recipient"]:
        errors["recipient"] = [_("Say whom the brief is for.")]
    if fields.get("recipient_kind") not in Brief.RecipientKind.values:
        errors["recipient_kind"] = [_("Choose the kind of recipient.")]
    if fields.get("language") not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose the language the brief is written in.")]
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    summary = clean_html(fields.get("summary") or "", headings=True) if (fields.get("summary") or "").strip() else ""
    if not visible_text(summary).strip():
        errors["summary"] = [_("Write the summary: what the recipient should know and do.")]
    fields["summary"] = summary
    lines = source_lines(fields.get("sources", ""))
    if len(lines) > MAX_SOURCES:
        errors["sources"] = [_("List at most %(n)d other sources.") % {"n": MAX_SOURCES}]
    elif any(len(line) > MAX_SOURCE_LENGTH for line in lines):
        errors["sources"] = [_("Keep each source to one line of at most %(n)d characters.") % {"n": MAX_SOURCE_LENGTH}]
    fields["sources"] = "\n".join(lines)
    allowed = set(usable_bulletins(library).values_list("pk", flat=True))
    if any(b.pk not in allowed for b in bulletins):
        errors["bulletins"] = [_("Choose published notices of your own library.")]
    allowed = set(usable_checks(library).values_list("pk", flat=True))
    if any(c.pk not in allowed for c in checks):
        errors["rumour_checks"] = [_("Choose published rumour checks of your own library.")]
    if errors:
        raise ValidationError(errors)
    return fields


def create_brief(library: Library, *, by, bulletins=(), rumour_checks=(), **fields) -> Brief:
    bulletins, rumour_checks = list(bulletins), list(rumour_checks)
    fields = _clean(library, fields, bulletins, rumour_checks)
    with transaction.atomic():
        brief = Brief.objects.create(
            library=library, created_by=by if getattr(by, "is_authenticated", False) else None, **fields
        )
        brief.bulletins.set(bulletins)
        brief.rumour_checks.set(rumour_checks)
        record_audit(by, "infoservice.brief_created", brief, library=library, summary=brief.title)
    return brief


def _draft(brief: Brief) -> Brief:
    brief = Brief.objects.select_for_update().select_related("library").get(pk=brief.pk)
    if brief.status != Brief.Status.DRAFT:
        raise Refused(_("This brief is final; it can no longer be changed or deleted."), "final", 409)
    return brief


def update_brief(brief: Brief, *, by, bulletins=(), rumour_checks=(), **fields) -> Brief:
    bulletins, rumour_checks = list(bulletins), list(rumour_checks)
    with transaction.atomic():
        brief = _draft(brief)
        fields = _clean(brief.library, fields, bulletins, rumour_checks)
        for name, value in fields.items():
            setattr(brief, name, value)
        brief.save()
        brief.bulletins.set(bulletins)
        brief.rumour_checks.set(rumour_checks)
        record_audit(by, "infoservice.brief_updated", brief, library=brief.library, summary=brief.title)
    return brief


def finalise_brief(brief: Brief, *, by) -> Brief:
    """The brief is done: it no longer changes, and it counts as a service to its recipient."""
    with transaction.atomic():
        brief = _draft(brief)
        brief.status, brief.finalised_at = Brief.Status.FINAL, timezone.now()
        brief.save(update_fields=["status", "finalised_at"])
        features = ["cross_industry"] if brief.recipient_kind in CROSS_INDUSTRY else []
        chinese = brief.language == "zh-hans"
        record_service(
            library=brief.library,
            date=timezone.localdate(brief.finalised_at),
            categories=["information"],
            features=features,
            title_zh=brief.title if chinese else "",
            title_en="" if chinese else brief.title,
            source_object=brief,
        )
        record_audit(by, "infoservice.brief_finalised", brief, library=brief.library, summary=brief.title)
    return brief


def delete_brief(brief: Brief, *, by) -> None:
    """Delete a draft (a final brief was given to someone: it stays)."""
    with transaction.atomic():
        brief = _draft(brief)
        record_audit(by, "infoservice.brief_deleted", brief, library=brief.library, summary=brief.title)
        brief.delete()
