"""What `lending` keeps: a library's lending rules, delivery zones, pickup points and slots, orders and their
items and history, carriers and courier events, loans, quarantine of returned copies, and purchases for
readers ("you choose, the library pays").

Two guards keep a copy with exactly one order or loan at a time, on SQLite and PostgreSQL alike: the
conditional update of `Copy.status` in the services, and partial unique constraints here.
"""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lantern.catalogue.models import Copy, Record
from lantern.core.models import Library, Partner
from lantern.emergency.models import QuarantineRule

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


class LoanQuerySet(models.QuerySet):
    def open(self) -> "LoanQuerySet":
        return self.filter(returned_at__isnull=True)

    def overdue(self, today: datetime.date) -> "LoanQuerySet":
        return self.open().filter(due_on__lt=today)


class Loan(models.Model):
    """A copy lent to a reader, from delivery (or pickup) until it is returned."""

    class ReturnMethod(models.TextChoices):
        COURIER = "courier", _("Courier pick-up")
        BOOK_DROP = "book_drop", _("Book drop")
        DOOR = "door", _("At the door")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="loans", verbose_name=_("library"))
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="loans", verbose_name=_("reader")
    )
    copy = models.ForeignKey(Copy, on_delete=models.PROTECT, related_name="loans", verbose_name=_("copy"))
    order = models.ForeignKey(
        Order, on_delete=models.SET_NULL, null=True, blank=True, related_name="loans", verbose_name=_("order")
    )
    issued_at = models.DateTimeField(_("lent at"))
    due_on = models.DateField(_("due on"))
    renewals = models.PositiveSmallIntegerField(_("renewals"), default=0)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_method = models.CharField(_("returned by"), max_length=10, choices=ReturnMethod.choices, blank=True)
    fine = models.DecimalField(_("fine"), default=Decimal("0"), **MONEY)
    fine_waived = models.BooleanField(_("fine waived"), default=False)
    overdue_notice_on = models.DateField(_("last overdue notice"), null=True, blank=True)

    objects = LoanQuerySet.as_manager()

    class Meta:
        verbose_name = _("loan")
        verbose_name_plural = _("loans")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["copy"], condition=Q(returned_at__isnull=True), name="one_open_loan_per_copy"
            )
        ]
        indexes = [models.Index(fields=["library", "due_on"])]

    def __str__(self) -> str:
        return f"{self.copy.barcode} → {self.reader}"


class Quarantine(models.Model):
    """A returned copy set aside until `ends_at`; released by `release_quarantine` when the time is up.

    How long goes by material, from the library's quarantine rules (emergency's prevention settings).
    """

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="quarantines", verbose_name=_("library")
    )
    copy = models.ForeignKey(Copy, on_delete=models.CASCADE, related_name="quarantines", verbose_name=_("copy"))
    loan = models.ForeignKey(
        Loan, on_delete=models.SET_NULL, null=True, blank=True, related_name="quarantines", verbose_name=_("loan")
    )
    material = models.CharField(
        _("material"), max_length=20, choices=QuarantineRule.Material.choices, default=QuarantineRule.Material.PAPER
    )
    stacked = models.BooleanField(_("stacked return"), default=False)
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"))
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)

    class Meta:
        verbose_name = _("quarantine")
        verbose_name_plural = _("quarantines")
        ordering = ["ends_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["copy"], condition=Q(released_at__isnull=True), name="one_quarantine_per_copy"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.copy.barcode} {self.ends_at:%Y-%m-%d %H:%M}"


class BookstoreTitle(models.Model):
    """A new book a partner bookstore offers for "you choose, the library pays"."""

    bookstore = models.ForeignKey(
        Partner,
        on_delete=models.CASCADE,
        related_name="offered_titles",
        limit_choices_to={"kind": Partner.Kind.BOOKSTORE},
        verbose_name=_("bookstore"),
    )
    title = models.CharField(_("title"), max_length=500)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    isbn = models.CharField(_("ISBN-13"), max_length=13, blank=True)
    price = models.DecimalField(_("price"), **MONEY)
    in_stock = models.BooleanField(_("in stock"), default=True)

    class Meta:
        verbose_name = _("bookstore title")
        verbose_name_plural = _("bookstore titles")
        ordering = ["bookstore", "title"]

    def __str__(self) -> str:
        return self.title


class Purchase(AddressFields):
    """A reader's pick from a bookstore's list that the library buys and lends to them first."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        DELIVERED = "delivered", _("Delivered as a loan")
        CANCELLED = "cancelled", _("Cancelled")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="purchases", verbose_name=_("library"))
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="purchases", verbose_name=_("reader")
    )
    title = models.ForeignKey(
        BookstoreTitle, on_delete=models.PROTECT, related_name="purchases", verbose_name=_("title")
    )
    price = models.DecimalField(_("price"), **MONEY)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    record = models.ForeignKey(
        Record, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("record")
    )
    loan = models.ForeignKey(
        Loan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("loan")
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("purchase for a reader")
        verbose_name_plural = _("purchases for readers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.title} → {self.reader}"
