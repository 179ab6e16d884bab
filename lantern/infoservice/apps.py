"""App configuration for `infoservice`: registers the reader's data-download section and the audit log's labels
for the information service's actions (core imports no app)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoserviceConfig(AppConfig):
    name = "lantern.infoservice"
    label = "infoservice"
    verbose_name = _("Information service")

    def ready(self):
        from lantern.core.exports import register_export
        from lantern.core.models import AuditEntry

        from .audit_labels import LABELS
        from .privacy import export_information_data

        register_export("infoservice", export_information_data)
        AuditEntry.register_labels(LABELS)
