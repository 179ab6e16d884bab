"""App configuration for `outreach`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "lantern.outreach"
    label = "outreach"
    verbose_name = _("Outreach and social service")
