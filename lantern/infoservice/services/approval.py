"""Publishing notices, rumour checks and guides, with the optional second pair of eyes.

A library may require that a second staff member approve before anything is published
(`InfoSettings.require_approval`). Each part's service calls `submit` when the author asks to publish,
`approve` when a colleague approves, and `withdraw`; each returns whether the object is now published, so
that the caller records (or withdraws) its ServiceRecord and tells whom it must. The caller holds the
transaction and has checked the object's own content first.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Library

from ..models import InfoSettings, Publishable


def settings_for(library: Library) -> InfoSettings:
    found = InfoSettings.objects.filter(library=library).first()
    return found or InfoSettings(library=library)


def save_settings(library: Library, *, require_approval: bool, first_response_hours: int) -> InfoSettings:
    if not 1 <= first_response_hours <= 24 * 14:
        raise Refused(_("Give a first-response target from 1 hour to 14 days."), "bad_target")
    found, _created = InfoSettings.objects.update_or_create(
        library=library,
        defaults={"require_approval": require_approval, "first_response_hours": first_response_hours},
    )
    return found


def _publish(obj, *, approved_by=None) -> None:
    obj.status = Publishable.PUBLISHED
    obj.approved_by = approved_by
    obj.published_at = obj.published_at or timezone.now()
    obj.save(update_fields=["status", "approved_by", "published_at"])


def submit(obj, *, by) -> bool:
    """The author asks to publish: published at once, or waiting for a second person. True if published."""
    if obj.status == Publishable.PUBLISHED:
        raise Refused(_("This is already published."), "already_published", 409)
    if obj.status == Publishable.PENDING:
        raise Refused(_("This is already waiting for approval."), "already_pending", 409)
    if settings_for(obj.library).require_approval:
        obj.status = Publishable.PENDING
        obj.save(update_fields=["status"])
        return False
    _publish(obj)
    return True


def approve(obj, *, by) -> bool:
    """A second staff member approves a waiting object: it is published. The author cannot approve their own."""
    if obj.status != Publishable.PENDING:
        raise Refused(_("Only something waiting for approval can be approved."), "not_pending", 409)
    if obj.created_by_id is not None and obj.created_by_id == getattr(by, "pk", None):
        raise Refused(_("Another staff member must approve what you wrote."), "own_work", 403)
    _publish(obj, approved_by=by)
    return True


def send_back(obj, *, by) -> None:
    """A reviewer returns a waiting object to its author as a draft."""
    if obj.status != Publishable.PENDING:
        raise Refused(_("Only something waiting for approval can be sent back."), "not_pending", 409)
    obj.status = Publishable.DRAFT
    obj.save(update_fields=["status"])


def withdraw(obj, *, by) -> None:
    """Take a published object off the public pages (kept for the record)."""
    if obj.status != Publishable.PUBLISHED:
        raise Refused(_("Only something published can be withdrawn."), "not_published", 409)
    obj.status = Publishable.WITHDRAWN
    obj.save(update_fields=["status"])
