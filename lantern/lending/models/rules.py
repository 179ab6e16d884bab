"""A library's lending rules, its delivery zones, pickup points and pickup slots."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library, Partner

MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class FeeRule(models.TextChoices):
    FREE = "free", _("Free")
    FLAT = "flat", _("Flat fee")
    ZONE = "zone", _("By delivery zone")


class LendingRules(models.Model):
    """One library's rules for orders, loans, quarantine, privacy and purchases for readers."""

    library = models.OneToOneField(
        Library, on_delete=models.CASCADE, related_name="lending_rules", verbose_name=_("library")
    )
    delivery_enabled = models.BooleanField(_("home delivery offered"), default=True)
    pickup_enabled = models.BooleanField(_("contactless pickup offered"), default=True)
    fee_rule = models.CharField(_("delivery fee"), max_length=10, choices=FeeRule.choices, default=FeeRule.FREE)
    flat_fee = models.DecimalField(_("flat delivery fee"), default=Decimal("0"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    max_items_per_order = models.PositiveSmallIntegerField(_("items per order"), default=5)
    max_open_orders = models.PositiveSmallIntegerField(_("open orders per reader"), default=2)
    delivery_days = models.PositiveSmallIntegerField(_("days to deliver"), default=3)
    hold_days = models.PositiveSmallIntegerField(
        _("days items are held"), default=7, help_text=_("How long ordered items wait to be collected.")
    )
    loan_days = models.PositiveSmallIntegerField(_("loan period in days"), default=30)
    max_renewals = models.PositiveSmallIntegerField(_("renewals allowed"), default=2)
    fine_per_day = models.DecimalField(_("fine per overdue day"), default=Decimal("0"), **MONEY)
    address_retention_days = models.PositiveSmallIntegerField(
        _("days addresses are kept after an order closes"), default=30
    )
    purchase_enabled = models.BooleanField(_("purchases for readers offered"), default=False)
    purchase_budget = models.DecimalField(_("purchase budget per year"), default=Decimal("0"), **MONEY)
    purchase_max_price = models.DecimalField(_("highest price per book"), default=Decimal("100"), **MONEY)
    purchase_per_reader_month = models.PositiveSmallIntegerField(_("purchases per reader per month"), default=2)

    class Meta:
        verbose_name = _("lending rules")
        verbose_name_plural = _("lending rules")

    def __str__(self) -> str:
        return str(self.library)


class DeliveryZone(models.Model):
    """A part of the service area that the library delivers to, with its fee when fees go by zone."""

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="delivery_zones", verbose_name=_("library")
    )
    name = models.CharField(_("name"), max_length=100)
    postcode_prefixes = models.CharField(
        _("postcodes"),
        max_length=300,
        blank=True,
        help_text=_("Postcodes or their beginnings, separated by spaces; empty accepts any postcode."),
    )
    fee = models.DecimalField(_("delivery fee"), default=Decimal("0"), **MONEY)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("delivery zone")
        verbose_name_plural = _("delivery zones")
        ordering = ["library", "name"]

    def __str__(self) -> str:
        return self.name

    def accepts_postcode(self, postcode: str) -> bool:
        prefixes = self.postcode_prefixes.split()
        return not prefixes or any(postcode.strip().startswith(prefix) for prefix in prefixes)


class PickupPoint(models.Model):
    """Where readers collect without contact: the door, a locker, a partner bookstore."""

    class Kind(models.TextChoices):
        DOOR = "door", _("At the door")
        LOCKER = "locker", _("Locker")
        BOOKSTORE = "bookstore", _("Partner bookstore")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="pickup_points", verbose_name=_("library")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DOOR)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=300, blank=True)
    instructions = models.TextField(_("instructions"), blank=True)
    partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")
        ordering = ["library", "name"]

    def __str__(self) -> str:
        return self.name


class PickupSlotQuerySet(models.QuerySet):
    def with_room(self) -> "PickupSlotQuerySet":
        return self.filter(booked__lt=F("capacity"))


class PickupSlot(models.Model):
    """A time at a pickup point with a capacity; `booked` counts live orders and never passes `capacity`."""

    point = models.ForeignKey(PickupPoint, on_delete=models.CASCADE, related_name="slots", verbose_name=_("point"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("orders"))
    booked = models.PositiveIntegerField(_("booked"), default=0)

    objects = PickupSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("pickup slot")
        verbose_name_plural = _("pickup slots")
        ordering = ["starts_at", "point"]
        constraints = [
            models.CheckConstraint(condition=Q(booked__lte=F("capacity")), name="pickup_slot_never_overbooked"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="pickup_slot_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.point} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.booked, 0)
