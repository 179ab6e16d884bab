"""Loans of copies to readers, and the quarantine of returned copies."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantern.catalogue.models import Copy
from lantern.core.models import Library
from lantern.emergency.models import QuarantineRule

from .orders import Order
from .rules import MONEY


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
