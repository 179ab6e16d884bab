"""Takedown requests: anyone may ask for a public item to come down (they made it, they are in it, they hold
its rights). Staff may hide the item while they look, then uphold the request (the item is withdrawn) or
reject it with their reasons; the requester is emailed at each step.

Request → RECEIVED → (HIDDEN) → UPHELD or REJECTED.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.rate_limit import count_this_hour
from lantern.core.services import email_address, record_audit

from ..models import Item, Takedown
from .common import new_reference, public_items

Status = Takedown.Status
OPEN = (Status.RECEIVED, Status.HIDDEN)
REQUESTS_PER_HOUR = 5
TEXT_MAX = 5000

AUDIT_LABELS = {
    "archive.takedown_hidden": gettext_lazy("Archive item hidden while a takedown request is looked at"),
    "archive.takedown_upheld": gettext_lazy("Takedown request upheld: archive item withdrawn"),
    "archive.takedown_rejected": gettext_lazy("Takedown request rejected: archive item stays"),
}


def open_takedowns(library: Library) -> QuerySet[Takedown]:
    """Requests of the library's items still waiting for a decision, oldest first."""
    return Takedown.objects.filter(item__library=library, status__in=OPEN).order_by("created_at", "pk")


def takedowns_of(library: Library) -> QuerySet[Takedown]:
    return Takedown.objects.filter(item__library=library).select_related("item").order_by("-created_at", "-pk")


def allow_request_from(address: str) -> None:
    """At most REQUESTS_PER_HOUR requests an hour from one address: the form is open to anyone."""
    if count_this_hour(f"archive:takedown:{address}") > REQUESTS_PER_HOUR:
        raise Refused(
            _(
                "Too many requests were sent from your connection in the last hour (the limit is %(limit)d). "
                "Please try again later."
            )
            % {"limit": REQUESTS_PER_HOUR},
            "too_many",
            429,
        )


def check_request(fields: dict) -> dict:
    values = {name: (fields.get(name) or "").strip() for name in ("name", "email", "relation", "reason")}
    errors = {}
    if not values["name"]:
        errors["name"] = _("Give your name, so that we know who asks.")
    if not values["email"]:
        errors["email"] = _("Give your email: we send our answer there.")
    if values["relation"] not in Takedown.Relation.values:
        errors["relation"] = _("Say how the item concerns you.")
    if not values["reason"]:
        errors["reason"] = _("Say why the item should come down.")
    elif len(values["reason"]) > TEXT_MAX:
        errors["reason"] = _("Keep it to %(limit)d characters.") % {"limit": TEXT_MAX}
    if errors:
        raise ValidationError(errors)
    return values


def request_takedown(item: Item, fields: dict) -> Takedown:
    """A request to take a public item down (fields: name, email, relation, reason); the requester gets a
    receipt by email. Only a public item can be asked about."""
    values = check_request(fields)
    if not public_items(item.library).filter(pk=item.pk).exists():
        raise Refused(_("This item is not shown in public."), "not_public", 404)
    with transaction.atomic():
        takedown = Takedown.objects.create(
            item=item, reference=new_reference("T"), contact_language=translation.get_language() or "", **values
        )
        with translation.override(takedown.contact_language or settings.LANGUAGE_CODE):
            subject = _("We received your request %(reference)s") % {"reference": takedown.reference}
            body = _(
                "%(library)s received your request to take down “%(title)s” (reference %(reference)s). A "
                "librarian will look at it, may hide the item meanwhile, and will email you the decision."
            ) % {"library": item.library.name, "title": item.title, "reference": takedown.reference}
        email_address(takedown.email, subject, body)
    return takedown


def _locked(takedown: Takedown) -> tuple[Takedown, Item]:
    takedown = Takedown.objects.select_for_update().get(pk=takedown.pk)
    item = Item.objects.select_for_update(of=("self",)).select_related("library").get(pk=takedown.item_id)
    return takedown, item


def _refuse_closed(takedown: Takedown) -> None:
    if takedown.status not in OPEN:
        raise Refused(
            _("This request is already decided (“%(status)s”).") % {"status": takedown.get_status_display()},
            "decided",
            409,
        )


def _note(note: str, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise ValidationError({"note": _("Write your reasons: they are sent to the person who asked.")})
    if len(note) > TEXT_MAX:
        raise ValidationError({"note": _("Keep it to %(limit)d characters.") % {"limit": TEXT_MAX}})
    return note


def hide_while_looking(takedown: Takedown, *, by) -> Takedown:
    """Hide the item from the public while the request is looked at; it keeps its status."""
    with transaction.atomic():
        takedown, item = _locked(takedown)
        if takedown.status != Status.RECEIVED:
            _refuse_closed(takedown)
            raise Refused(_("The item is already hidden while we look at this request."), "hidden", 409)
        takedown.status = Status.HIDDEN
        takedown.save(update_fields=["status"])
        if item.hidden_at is None:
            item.hidden_at = timezone.now()
        item.save()
        record_audit(by, "archive.takedown_hidden", takedown, library=item.library, summary=item.reference)
        with translation.override(takedown.contact_language or settings.LANGUAGE_CODE):
            values = {"reference": takedown.reference, "title": item.title}
            subject = _("Your request %(reference)s: the item is hidden meanwhile") % values
            body = (
                _(
                    "While we look at your request %(reference)s, “%(title)s” is no longer shown in public. We will "
                    "email you our decision."
                )
                % values
            )
        email_address(takedown.email, subject, body)
    return takedown


def _decide(takedown: Takedown, status: str, note: str, by) -> None:
    takedown.status = status
    takedown.staff_note = note
    takedown.decided_by = by
    takedown.decided_at = timezone.now()
    takedown.save()


def _others_hiding(takedown: Takedown, item: Item) -> bool:
    """Whether another request still keeps the item hidden (it stays hidden until that one is decided)."""
    return item.takedowns.filter(status=Status.HIDDEN).exclude(pk=takedown.pk).exists()


def uphold_takedown(takedown: Takedown, note: str = "", *, by) -> Takedown:
    """The request is right: the item is withdrawn (kept, never shown), and the requester told why."""
    note = _note(note, required=False)
    with transaction.atomic():
        takedown, item = _locked(takedown)
        _refuse_closed(takedown)
        _decide(takedown, Status.UPHELD, note, by)
        if item.status == Item.Status.ACCEPTED:
            item.status = Item.Status.WITHDRAWN
            item.withdrawn_at = timezone.now()
        # Another request still hiding the item keeps it hidden, should the withdrawal ever be undone.
        if not _others_hiding(takedown, item):
            item.hidden_at = None
        item.save()
        record_audit(by, "archive.takedown_upheld", takedown, library=item.library, summary=note[:200])
        with translation.override(takedown.contact_language or settings.LANGUAGE_CODE):
            values = {"reference": takedown.reference, "title": item.title}
            subject = _("Your request %(reference)s: the item is withdrawn") % values
            body = _("We agree with your request %(reference)s: “%(title)s” is withdrawn from the public archive.")
            body %= values
            if note:
                body += "\n\n" + note
        email_address(takedown.email, subject, body)
    return takedown


def reject_takedown(takedown: Takedown, note: str, *, by) -> Takedown:
    """The item stays: the requester gets the librarians' reasons; it is shown again unless another request
    still keeps it hidden."""
    note = _note(note, required=True)
    with transaction.atomic():
        takedown, item = _locked(takedown)
        _refuse_closed(takedown)
        _decide(takedown, Status.REJECTED, note, by)
        if not _others_hiding(takedown, item):
            item.hidden_at = None
        item.save()
        record_audit(by, "archive.takedown_rejected", takedown, library=item.library, summary=note[:200])
        with translation.override(takedown.contact_language or settings.LANGUAGE_CODE):
            values = {"reference": takedown.reference, "title": item.title}
            subject = _("Your request %(reference)s: the item stays") % values
            body = _("We looked at your request %(reference)s and “%(title)s” stays in the archive. Our reasons:")
            body = (body % values) + "\n\n" + note
        email_address(takedown.email, subject, body)
    return takedown
