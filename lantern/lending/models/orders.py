"""Orders and what they are made of: carriers, delivery addresses, ordered items, each step's history, and
the courier updates received."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantern.catalogue.models import Copy, Record
from lantern.core.models import Library, Partner

from .rules import MONEY, DeliveryZone, PickupSlot


class Carrier(models.Model):
    """Who takes orders to readers. `kind` picks the behaviour in `services/carriers.py`."""

    class Kind(models.TextChoices):
        MANUAL = "manual", _("Staff enter the tracking number")
        BOOKSTORE = "bookstore", _("Partner bookstore")
        COURIER = "courier", _("Courier with status updates")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="carriers", verbose_name=_("library"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    name = models.CharField(_("name"), max_length=100)
    partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    # Kept readable because verifying an HMAC needs the shared secret itself.
    webhook_secret = models.CharField(_("webhook secret"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("carrier")
        verbose_name_plural = _("carriers")
        ordering = ["library", "name"]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def new_secret() -> str:
        return secrets.token_urlsafe(32)


class AddressFields(models.Model):
    """A delivery address and phone: personal data, erased `address_retention_days` after closing."""

    recipient = models.CharField(_("recipient"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    address_erased_at = models.DateTimeField(_("address erased at"), null=True, blank=True)

    class Meta:
        abstract = True


ORDER_NUMBER_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I: read aloud over the phone


def new_order_number() -> str:
    return "".join(secrets.choice(ORDER_NUMBER_ALPHABET) for _ in range(8))


class Order(AddressFields):
    """A reader's order of print items, for home delivery or contactless pickup."""

    class Method(models.TextChoices):
        DELIVERY = "delivery", _("Home delivery")
        PICKUP = "pickup", _("Contactless pickup")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PICKING = "picking", _("Being picked")
        PACKED = "packed", _("Packed")
        SHIPPED = "shipped", _("On its way")
        DELIVERED = "delivered", _("Delivered")
        ON_LOAN = "on_loan", _("On loan")
        RETURNED = "returned", _("Returned")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    # Counted against the reader's limit of open orders.
    OPEN = (Status.REQUESTED, Status.PICKING, Status.PACKED, Status.SHIPPED)
    # The reader may still change or cancel it themselves.
    CHANGEABLE = (Status.REQUESTED, Status.PICKING)
    CLOSED = (Status.RETURNED, Status.CANCELLED, Status.FAILED)

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="orders", verbose_name=_("library"))
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="orders", verbose_name=_("reader")
    )
    number = models.CharField(_("order number"), max_length=12, unique=True, default=new_order_number)
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    fee = models.DecimalField(_("fee"), default=Decimal("0"), **MONEY)
    zone = models.ForeignKey(
        DeliveryZone, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("zone")
    )
    pickup_slot = models.ForeignKey(
        PickupSlot, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("slot")
    )
    hold_until = models.DateTimeField(_("held until"), null=True, blank=True)
    expected_on = models.DateField(_("expected on"), null=True, blank=True)
    carrier = models.ForeignKey(
        Carrier, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("carrier")
    )
    tracking_number = models.CharField(_("tracking number"), max_length=64, blank=True)
    note = models.CharField(_("note for the library"), max_length=300, blank=True)
    problem = models.CharField(_("why it failed or was cancelled"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("ordered at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["library", "status"]),
            models.Index(fields=["reader", "status"]),
            models.Index(fields=["carrier", "tracking_number"]),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_changeable(self) -> bool:
        return self.status in self.CHANGEABLE


class OrderItem(models.Model):
    """One copy in an order. While `holds_copy` is true no other order or loan may have the copy."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items", verbose_name=_("order"))
    record = models.ForeignKey(Record, on_delete=models.PROTECT, related_name="+", verbose_name=_("record"))
    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="order_items", verbose_name=_("copy"))
    holds_copy = models.BooleanField(_("holds the copy"), default=True)

    class Meta:
        verbose_name = _("ordered item")
        verbose_name_plural = _("ordered items")
        ordering = ["order", "copy__location", "copy__shelf_mark"]
        constraints = [
            models.UniqueConstraint(fields=["copy"], condition=Q(holds_copy=True), name="one_order_holds_a_copy"),
        ]

    def __str__(self) -> str:
        return f"{self.order} · {self.copy.barcode}"


class OrderEvent(models.Model):
    """One step in an order's life, kept so that reader and staff see its history."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events", verbose_name=_("order"))
    status = models.CharField(_("status"), max_length=10, choices=Order.Status.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("order step")
        verbose_name_plural = _("order steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.order} {self.status}"


class CourierEvent(models.Model):
    """A status update a courier posted; its `event_id` is accepted once, so a replay changes nothing."""

    carrier = models.ForeignKey(Carrier, on_delete=models.CASCADE, related_name="events", verbose_name=_("carrier"))
    event_id = models.CharField(_("event id"), max_length=100)
    order = models.ForeignKey(
        Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="courier_events", verbose_name=_("order")
    )
    status = models.CharField(_("status"), max_length=20)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    payload = models.JSONField(_("payload"), default=dict)

    class Meta:
        verbose_name = _("courier update")
        verbose_name_plural = _("courier updates")
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["carrier", "event_id"], name="courier_event_once")]

    def __str__(self) -> str:
        return f"{self.carrier} {self.event_id}"
