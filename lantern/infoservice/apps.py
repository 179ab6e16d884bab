"""App configuration for `infoservice`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfoserviceConfig(AppConfig):
    name = "lantern.infoservice"
    label = "infoservice"
    verbose_name = _("Information service")
