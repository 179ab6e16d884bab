"""App configuration for `archive`: registers the contributions' section of a reader's data download and the
audit log's labels for the archive's actions (core imports no app)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "lantern.archive"
    label = "archive"
    verbose_name = _("Community memory archive")

    def ready(self):
        from lantern.core.exports import register_export
        from lantern.core.models import AuditEntry

        from .audit_labels import LABELS
        from .privacy import export_contributions

        register_export("archive_contributions", export_contributions)
        AuditEntry.register_labels(LABELS)
