"""The study's taxonomy: fixed codes used by every app and by the reports (see shared/CODEBOOK.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    READING_ONLINE = "reading_online", _("Reading promotion, online")
    READING_OFFLINE = "reading_offline", _("Reading promotion, offline")
    INFORMATION = "information", _("Information service")
    SOCIAL = "social", _("Social service")
    RESOURCES = "resources", _("Resource construction")
    EMERGENCY = "emergency", _("Emergency management")


class Feature(models.TextChoices):
    CROSS_INDUSTRY = "cross_industry", _("Cross-industry cooperation")
    SOCIAL_PARTICIPATION = "social_participation", _("Social participation")
    TARGETED_GROUPS = "targeted_groups", _("Targeted groups")


class Competency(models.TextChoices):
    RESOURCE_ORGANISATION = "resource_organisation", _("Resource organisation")
    INFORMATION_SERVICE = "information_service", _("Information service")
    INFORMATION_TECHNOLOGY = "information_technology", _("Information technology")
    RESEARCH = "research", _("Research")
