"""App configuration for `insights`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "lantern.insights"
    label = "insights"
    verbose_name = _("Service records and insights")
