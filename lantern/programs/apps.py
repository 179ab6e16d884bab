"""App configuration for `programs`: registers the closure step that cancels or moves on-site events."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "lantern.programs"
    label = "programs"
    verbose_name = _("Programs")
