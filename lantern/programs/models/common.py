"""What every kind of program shares: whom it is for (core's `Audience`), and whether the public can see it."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.core.audience import Audience

__all__ = ["Audience", "Status"]


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
