"""Donations: outgoing (books and materials the library gives to hospitals, communities and stations) and
incoming (books, money or supplies from the public or companies), and where donated books went."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lantern.core.models import Library, Partner

from .stations import Station


class OutgoingDonation(models.Model):
    class RecipientKind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital or medical shelter")
        QUARANTINE = "quarantine", _("Quarantine hotel or site")
        COMMUNITY = "community", _("Community")
        SCHOOL = "school", _("School")
        OTHER = "other", _("Other")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="outgoing_donations", verbose_name=_("library")
    )
    number = models.CharField(_("receipt number"), max_length=30, unique=True)
    recipient = models.CharField(_("recipient"), max_length=200)
    # The kind is public (the receipt check shows it); the name stays on the receipt itself.
    recipient_kind = models.CharField(
        _("kind of recipient"), max_length=12, choices=RecipientKind.choices, default=RecipientKind.OTHER
    )
    recipient_partner = models.ForeignKey(
        Partner, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("partner")
    )
    station = models.ForeignKey(
        Station,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="donations",
        verbose_name=_("reading station"),
    )
    given_on = models.DateField(_("given on"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("outgoing donation")
        verbose_name_plural = _("outgoing donations")
        ordering = ["library", "-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} → {self.recipient}"


class IncomingDonation(models.Model):
    class Kind(models.TextChoices):
        BOOKS = "books", _("Books")
        MONEY = "money", _("Money")
        SUPPLIES = "supplies", _("Supplies")

    class DonorKind(models.TextChoices):
        PERSON = "person", _("Member of the public")
        COMPANY = "company", _("Company")
        ORGANISATION = "organisation", _("Organisation")

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, related_name="incoming_donations", verbose_name=_("library")
    )
    number = models.CharField(_("acknowledgement number"), max_length=30, unique=True)
    kind = models.CharField(_("what was given"), max_length=10, choices=Kind.choices)
    donor_name = models.CharField(_("donor"), max_length=200)
    donor_kind = models.CharField(_("kind of donor"), max_length=15, choices=DonorKind.choices)
    # Contact details are kept for the acknowledgement only, never shown publicly.
    donor_email = models.EmailField(_("donor's email"), blank=True)
    donor_phone = models.CharField(_("donor's phone"), max_length=40, blank=True)
    may_name = models.BooleanField(
        _("the donor agrees to be named"), default=False, help_text=_("Otherwise public lists say “anonymous”.")
    )
    description = models.CharField(_("description"), max_length=500)
    quantity = models.PositiveIntegerField(_("quantity"), null=True, blank=True, help_text=_("Books or items."))
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, default="CNY")
    received_on = models.DateField(_("received on"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    is_demo = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("incoming donation")
        verbose_name_plural = _("incoming donations")
        ordering = ["library", "-received_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(kind="money") | Q(amount__gt=0), name="money_donation_has_an_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ← {self.donor_name}"


class DonationLine(models.Model):
    """One line of an outgoing donation; `from_incoming` says which gift the books came from."""

    donation = models.ForeignKey(
        OutgoingDonation, on_delete=models.CASCADE, related_name="lines", verbose_name=_("donation")
    )
    description = models.CharField(_("items"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"))
    from_incoming = models.ForeignKey(
        IncomingDonation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="passed_on",
        verbose_name=_("from the gift"),
    )

    class Meta:
        verbose_name = _("donated items")
        verbose_name_plural = _("donated items")
        ordering = ["donation", "pk"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="donation_line_has_items")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.description}"


class DonationCounter(models.Model):
    """The last number given per library, kind of paper and year: receipts and acknowledgements are numbered
    in sequence (WUHAN-2020-0007), and the row is updated inside the transaction that uses the number, so two
    librarians recording at once never get the same one."""

    class Paper(models.TextChoices):
        RECEIPT = "receipt", _("Receipt")
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="+", verbose_name=_("library"))
    paper = models.CharField(_("paper"), max_length=16, choices=Paper.choices)
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("donation number counter")
        verbose_name_plural = _("donation number counters")
        constraints = [models.UniqueConstraint(fields=["library", "paper", "year"], name="one_donation_counter")]

    def __str__(self) -> str:
        return f"{self.library_id} {self.paper} {self.year}: {self.last}"
