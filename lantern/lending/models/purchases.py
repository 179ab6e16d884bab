"""Purchases for readers ("you choose, the library pays"): a partner bookstore's titles and readers' picks."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lantern.catalogue.models import Record
from lantern.core.models import Library, Partner

from .loans import Loan
from .orders import AddressFields
from .rules import MONEY


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
