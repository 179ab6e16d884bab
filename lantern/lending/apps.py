"""App configuration for `lending`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LendingConfig(AppConfig):
    name = "lantern.lending"
    label = "lending"
    verbose_name = _("Contactless lending")
