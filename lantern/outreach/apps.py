"""App configuration for `outreach`: registers the volunteers' section of a reader's data download and the
audit log's labels for outreach's actions (core imports no app)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "lantern.outreach"
    label = "outreach"
    verbose_name = _("Outreach and social service")

    def ready(self):
        from lantern.core.exports import register_export
        from lantern.core.models import AuditEntry

        from .audit_labels import LABELS
        from .services.volunteers import export_volunteer_data

        register_export("volunteering", export_volunteer_data)
        AuditEntry.register_labels(LABELS)
