"""App configuration for `catalogue`."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "lantern.catalogue"
    label = "catalogue"
    verbose_name = _("Catalogue and reading lists")

    def ready(self):
        from . import signals  # noqa: F401  (connects the search index clean-up)
