"""App configuration for `core`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lantern.core"
    label = "core"
    verbose_name = _("Libraries and people")
