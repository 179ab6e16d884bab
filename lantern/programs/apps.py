"""App configuration for `programs`: registers what other apps call without importing programs (the closure
step that cancels or moves on-site events, the events and reading-group sections of a reader's data export,
and the audit log's labels for programs' actions)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "lantern.programs"
    label = "programs"
    verbose_name = _("Programs")

    def ready(self):
        # Wired from here so that neither core nor emergency imports programs.
        from lantern.core.exports import register_export
        from lantern.core.models import AuditEntry
        from lantern.emergency.services.closure import register_step

        from .audit_labels import LABELS
        from .closure_step import STEP as EVENTS_STEP
        from .services.events import export_event_data
        from .services.groups import export_group_data

        register_step(EVENTS_STEP)
        register_export("events", export_event_data)
        register_export("reading_groups", export_group_data)
        AuditEntry.register_labels(LABELS)
