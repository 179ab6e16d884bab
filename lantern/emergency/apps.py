"""App configuration for `emergency`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmergencyConfig(AppConfig):
    name = "lantern.emergency"
    label = "emergency"
    verbose_name = _("Emergency management")
