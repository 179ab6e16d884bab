"""Labels for the audit-log codes of `archive`, registered with core's audit log from apps.ready(). Moderation
and takedowns keep theirs beside the functions that write them."""

from django.utils.translation import gettext_lazy as _

from .services.moderation import AUDIT_LABELS as MODERATION_LABELS
from .services.takedown import AUDIT_LABELS as TAKEDOWN_LABELS

LABELS = {
    **MODERATION_LABELS,
    **TAKEDOWN_LABELS,
    "archive.collection_created": _("Archive collection created"),
    "archive.collection_changed": _("Archive collection changed"),
    "archive.collection_published": _("Archive collection published"),
    "archive.collection_unpublished": _("Archive collection back to draft"),
    "archive.fixity_run": _("Fixity check run"),
}
