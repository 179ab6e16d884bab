"""App configuration for `lending`: registers lending's closure step and data-export section."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LendingConfig(AppConfig):
    name = "lantern.lending"
    label = "lending"
    verbose_name = _("Contactless lending")

    def ready(self):
        # Wired from here so that neither core nor emergency imports lending.
        from lantern.core.exports import register_deletion_check, register_export
        from lantern.emergency.services.closure import register_step

        from .closure_step import HOLDS_STEP, STEP
        from .services.privacy import export_lending_data, what_stops_deletion

        register_export("lending", export_lending_data)
        register_deletion_check(what_stops_deletion)
        register_step(STEP)
        register_step(HOLDS_STEP)
