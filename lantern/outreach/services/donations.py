"""Donations: staff record what the library gives (to hospitals, quarantine sites, communities and reading
stations, with a numbered receipt) and what it receives (books, money or supplies, with a numbered
acknowledgement letter), and follow donated books on to where they went.

Guarantees:
- Receipt and acknowledgement numbers run in sequence per library, paper and year (WUHAN-2020-0007,
  WUHAN-2020-A0003): the counter row is incremented inside the transaction that uses the number, so
  concurrent recordings never share or skip one.
- A gift of books is never passed on beyond what it brought: the gifts named by an outgoing donation's lines
  are locked, and what is left is counted, in the transaction that writes the lines.
- An outgoing donation is not edited once recorded: its receipt may already be in the recipient's hands, and
  the public receipt check must keep saying what the paper says. A mistake is corrected by deleting it (the
  receipt then no longer verifies) and recording it again. A gift may be corrected (its donor's name or
  consent, say), but never to fewer books than were already passed on.

Measurement (codebook: /work/shared/CODEBOOK.md):
- Every outgoing donation is a service: reading_offline (books donated to such places) and social
  (donations), cross_industry when it goes to an outside organisation (a partner, or a station's host),
  targeted_groups when it goes to a hospital or quarantine site (patients, medical staff, quarantined
  people).
- Every incoming gift is recorded as social with social_participation: each gift is one act of the public
  taking part ("donating"), which is what the feature counts, and one record per gift lets a deleted gift
  withdraw exactly its own record. Gifts from companies and organisations add cross_industry (done with an
  organisation outside the library field). Record titles never name the donor, who may not have consented.
"""

import datetime
import decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.core.errors import Refused
from lantern.core.models import Library
from lantern.core.services import record_audit
from lantern.insights.services import record_service, withdraw_service
from lantern.insights.taxonomy import Category, Feature

from ..models import DonationLine, IncomingDonation, OutgoingDonation, Station
from ..models.donations import DonationCounter

Kind = IncomingDonation.Kind
RecipientKind = OutgoingDonation.RecipientKind
MAX_LINES = 50
MAX_QUANTITY = 1_000_000
MAX_AMOUNT = decimal.Decimal("9999999999.99")
# Sites where a donation serves patients, medical staff or quarantined people (targeted_groups).
TARGETED = {RecipientKind.HOSPITAL, RecipientKind.QUARANTINE}
TARGETED_SITES = {Station.Site.HOSPITAL, Station.Site.QUARANTINE_HOTEL}


# --- numbers -------------------------------------------------------------------------------------
def number_prefix(library: Library) -> str:
    """The library's part of a number; long slugs use the library's id so that numbers stay short and unique."""
    slug = library.slug.upper()
    return slug if len(slug) <= 14 else f"L{library.pk}"


def _next_number(library: Library, paper: str, year: int) -> str:
    """Call inside a transaction: the incremented counter row stays locked until it commits."""
    counter = DonationCounter.objects.filter(library=library, paper=paper, year=year)
    if not counter.update(last=F("last") + 1):
        try:
            with transaction.atomic():
                DonationCounter.objects.create(library=library, paper=paper, year=year, last=1)
        except IntegrityError:  # another recording created the row first: take the next number after it
            counter.update(last=F("last") + 1)
    last = counter.values_list("last", flat=True).get()
    letter = "A" if paper == DonationCounter.Paper.ACKNOWLEDGEMENT else ""
    return f"{number_prefix(library)}-{year}-{letter}{last:04d}"


# --- gifts to the library (incoming) -------------------------------------------------------------
def books_passed_on(gift: IncomingDonation) -> int:
    return gift.passed_on.aggregate(total=Sum("quantity"))["total"] or 0


def books_left(gift: IncomingDonation) -> int:
    """How many books of a gift of books can still be passed on (0 for money and supplies)."""
    if gift.kind != Kind.BOOKS:
        return 0
    return max((gift.quantity or 0) - books_passed_on(gift), 0)


def _text(values: dict, field: str) -> str:
    return str(values.get(field) or "").strip()


def check_gift(values: dict, *, gift: IncomingDonation | None = None, today: datetime.date | None = None) -> dict:
    """Validate what staff typed about a gift; return the cleaned values or raise ValidationError by field.

    Money needs an amount above zero (and no quantity); books need a quantity; supplies may give one."""
    errors: dict[str, list] = {}
    today = today or timezone.localdate()
    kind = values.get("kind")
    if kind not in Kind.values:
        errors["kind"] = [_("Say what was given: books, money or supplies.")]
    if values.get("donor_kind") not in IncomingDonation.DonorKind.values:
        errors["donor_kind"] = [_("Say who gave it: a member of the public, a company or an organisation.")]
    cleaned = {field: _text(values, field) for field in ("donor_name", "donor_email", "donor_phone", "description")}
    limits = {"donor_name": 200, "donor_phone": 40, "description": 500, "donor_email": 254}
    for field, limit in limits.items():
        if len(cleaned[field]) > limit:
            errors[field] = [_("This is too long (at most %(limit)d characters).") % {"limit": limit}]
    if not cleaned["donor_name"]:
        errors["donor_name"] = [_("Give the donor's name (it is shown publicly only with their consent).")]
    if not cleaned["description"]:
        errors["description"] = [_("Describe the gift.")]
    if cleaned["donor_email"] and "donor_email" not in errors:
        try:
            validate_email(cleaned["donor_email"])
        except ValidationError:
            errors["donor_email"] = [_("Enter a valid email address.")]
    quantity, amount = values.get("quantity"), values.get("amount")
    currency = _text(values, "currency").upper() or "CNY"
    if quantity is not None and (not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY):
        errors["quantity"] = [_("Give a whole number of at least 1.")]
    if kind == Kind.MONEY:
        if amount is None or not isinstance(amount, decimal.Decimal | int) or not 0 < amount <= MAX_AMOUNT:
            errors["amount"] = [_("A gift of money needs an amount above zero.")]
        if len(currency) != 3 or not currency.isalpha() or not currency.isascii():
            errors["currency"] = [_("Give the currency as three letters, such as CNY or USD.")]
        quantity = None
    else:
        if amount is not None:
            errors["amount"] = [_("An amount is only for gifts of money; give a quantity instead.")]
        amount, currency = None, ""
    if kind == Kind.BOOKS and quantity is None and "quantity" not in errors:
        errors["quantity"] = [_("Say how many books were given.")]
    if gift is not None and kind != gift.kind and gift.passed_on.exists():
        errors["kind"] = [_("Books of this gift were passed on; it stays a gift of books.")]
    elif gift is not None and kind == Kind.BOOKS and isinstance(quantity, int):
        passed = books_passed_on(gift)
        if quantity < passed:
            errors["quantity"] = [
                _("%(passed)d books of this gift were already passed on; it cannot be fewer.") % {"passed": passed}
            ]
    received_on = values.get("received_on")
    if not isinstance(received_on, datetime.date):
        errors["received_on"] = [_("Give the date the gift was received.")]
    elif received_on > today:
        errors["received_on"] = [_("The date cannot be in the future.")]
    if errors:
        raise ValidationError(errors)
    return {
        **cleaned,
        "kind": kind,
        "donor_kind": values["donor_kind"],
        "may_name": bool(values.get("may_name")),
        "quantity": quantity,
        "amount": amount,
        "currency": currency,
        "received_on": received_on,
    }


def save_gift(library: Library, values: dict, *, gift: IncomingDonation | None = None, by=None, is_demo=False):
    """Record a gift with the next acknowledgement number (or correct one, keeping its number), and its
    ServiceRecord. Contact details are kept for the acknowledgement only."""
    with transaction.atomic():
        if gift is not None:
            # Lock the gift so that a concurrent passing-on cannot slip under a lowered quantity.
            gift = IncomingDonation.objects.select_for_update().get(pk=gift.pk)
        cleaned = check_gift(values, gift=gift)
        created = gift is None
        if created:
            gift = IncomingDonation(library=library, created_by=by if by and by.is_authenticated else None)
            gift.is_demo = is_demo
            gift.number = _next_number(library, DonationCounter.Paper.ACKNOWLEDGEMENT, cleaned["received_on"].year)
        for field, value in cleaned.items():
            setattr(gift, field, value)
        gift.save()
        _record_gift(gift)
        action = "outreach.gift_recorded" if created else "outreach.gift_changed"
        record_audit(by, action, gift, library=library, summary=gift.number)
    return gift


def _record_gift(gift: IncomingDonation) -> None:
    features = [Feature.SOCIAL_PARTICIPATION]
    if gift.donor_kind != IncomingDonation.DonorKind.PERSON:
        features.append(Feature.CROSS_INDUSTRY)
    titles = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            titles[language] = _("Gift received: %(kind)s (%(what)s)") % {
                "kind": Kind(gift.kind).label,
                "what": gift_size(gift),
            }
    record_service(
        library=gift.library,
        date=gift.received_on,
        categories=[Category.SOCIAL],
        features=features,
        title_zh=titles["zh-hans"],
        title_en=titles["en"],
        source_object=gift,
        link=reverse("outreach:donation_thanks", args=[gift.library.slug]),
    )


def gift_size(gift: IncomingDonation) -> str:
    """ "120 books", "5,000.00 CNY", "300 items" in the active language."""
    if gift.kind == Kind.MONEY:
        return f"{gift.amount:,.2f} {gift.currency}"
    if gift.quantity is None:
        return _("quantity not given")
    if gift.kind == Kind.BOOKS:
        return _("%(count)d books") % {"count": gift.quantity}
    return _("%(count)d items") % {"count": gift.quantity}


def delete_gift(gift: IncomingDonation, *, by=None) -> None:
    """Remove a gift recorded by mistake, and its ServiceRecord; refused once books of it were passed on."""
    with transaction.atomic():
        gift = IncomingDonation.objects.select_for_update().get(pk=gift.pk)
        if gift.passed_on.exists():
            raise Refused(
                _("Books of this gift were passed on to others; delete those donations first."), "passed_on", 409
            )
        withdraw_service(gift)
        record_audit(by, "outreach.gift_deleted", gift, library=gift.library, summary=gift.number)
        gift.delete()


# --- donations by the library (outgoing) ---------------------------------------------------------
def check_donation(library: Library, values: dict, *, today: datetime.date | None = None) -> dict:
    """Validate the donation itself (not its lines); return cleaned values or raise ValidationError by field."""
    errors: dict[str, list] = {}
    today = today or timezone.localdate()
    recipient = _text(values, "recipient")
    partner, station = values.get("recipient_partner"), values.get("station")
    if not recipient and partner is not None:
        recipient = partner.name
    if not recipient and isinstance(station, Station):
        recipient = station.name
    if not recipient:
        errors["recipient"] = [_("Say who receives the donation (or choose a partner or a station).")]
    elif len(recipient) > 200:
        errors["recipient"] = [_("This is too long (at most %(limit)d characters).") % {"limit": 200}]
    if values.get("recipient_kind") not in RecipientKind.values:
        errors["recipient_kind"] = [_("Say what kind of place receives it.")]
    if partner is not None and not library.partners.filter(pk=partner.pk).exists():
        errors["recipient_partner"] = [_("Choose a partner of this library.")]
    if station is not None and station.library_id != library.pk:
        errors["station"] = [_("Choose a reading station of this library.")]
    given_on = values.get("given_on")
    if not isinstance(given_on, datetime.date):
        errors["given_on"] = [_("Give the date of the donation.")]
    elif given_on > today:
        errors["given_on"] = [_("The date cannot be in the future.")]
    note = _text(values, "note")
    if len(note) > 500:
        errors["note"] = [_("This is too long (at most %(limit)d characters).") % {"limit": 500}]
    if errors:
        raise ValidationError(errors)
    return {
        "recipient": recipient,
        "recipient_kind": values["recipient_kind"],
        "recipient_partner": partner,
        "station": station,
        "given_on": given_on,
        "note": note,
    }


def check_lines(lines) -> list[dict]:
    """Each line: items described, a whole quantity of at least 1, and optionally the gift (id) it came from."""
    cleaned = []
    for position, line in enumerate(lines, start=1):
        description = _text(line, "description")
        quantity = line.get("quantity")
        source = line.get("from_incoming")
        if not (description or quantity or source):
            continue  # an empty row of the form
        where = {"line": position}
        if not description:
            raise Refused(_("Line %(line)d: say what the items are.") % where, "bad_line")
        if len(description) > 300:
            raise Refused(_("Line %(line)d: the description is too long (at most 300 characters).") % where, "bad_line")
        if not isinstance(quantity, int) or not 1 <= quantity <= MAX_QUANTITY:
            raise Refused(_("Line %(line)d: give a whole number of at least 1.") % where, "bad_line")
        if isinstance(source, IncomingDonation):
            source = source.pk
        if source is not None and not isinstance(source, int):
            raise Refused(_("Line %(line)d: choose a gift of books of this library.") % where, "bad_line")
        cleaned.append({"description": description, "quantity": quantity, "from_incoming": source})
    if not cleaned:
        raise Refused(_("Add at least one line: what was given and how many."), "no_lines")
    if len(cleaned) > MAX_LINES:
        raise Refused(_("A donation has at most %(count)d lines.") % {"count": MAX_LINES}, "too_many_lines")
    return cleaned


def _check_sources(library: Library, lines: list[dict], given_on: datetime.date) -> dict[int, IncomingDonation]:
    """Lock the gifts the lines pass on and refuse any that would pass on more books than were given."""
    wanted: dict[int, int] = {}
    for line in lines:
        if line["from_incoming"] is not None:
            wanted[line["from_incoming"]] = wanted.get(line["from_incoming"], 0) + line["quantity"]
    gifts = {
        gift.pk: gift
        for gift in IncomingDonation.objects.select_for_update().filter(pk__in=wanted, library=library).order_by("pk")
    }
    for pk, count in wanted.items():
        gift = gifts.get(pk)
        if gift is None or gift.kind != Kind.BOOKS:
            raise Refused(_("Books can only be passed on from a gift of books of this library."), "not_a_book_gift")
        if gift.received_on > given_on:
            raise Refused(
                _("The gift %(number)s was received after the date of this donation.") % {"number": gift.number},
                "gift_not_yet_received",
            )
        left = books_left(gift)
        if count > left:
            raise Refused(
                _(
                    "The gift %(number)s brought %(given)d books and %(left)d are left to pass on; "
                    "this donation passes on %(count)d."
                )
                % {"number": gift.number, "given": gift.quantity, "left": left, "count": count},
                "more_than_given",
                409,
            )
    return gifts


def record_donation(library: Library, values: dict, lines, *, by=None, is_demo=False) -> OutgoingDonation:
    """Record a donation with its lines and the next receipt number, in one transaction, and count it as a
    service. Nothing is written when any line is refused."""
    cleaned = check_donation(library, values)
    clean_lines = check_lines(lines)
    with transaction.atomic():
        gifts = _check_sources(library, clean_lines, cleaned["given_on"])
        donation = OutgoingDonation(library=library, created_by=by if by and by.is_authenticated else None, **cleaned)
        donation.is_demo = is_demo
        donation.number = _next_number(library, DonationCounter.Paper.RECEIPT, cleaned["given_on"].year)
        donation.save()
        DonationLine.objects.bulk_create(
            DonationLine(
                donation=donation,
                description=line["description"],
                quantity=line["quantity"],
                from_incoming=gifts.get(line["from_incoming"]),
            )
            for line in clean_lines
        )
        _record_donation(donation)
        record_audit(by, "outreach.donation_recorded", donation, library=library, summary=donation.number)
    return donation


def total_quantity(donation: OutgoingDonation) -> int:
    return donation.lines.aggregate(total=Sum("quantity"))["total"] or 0


def _record_donation(donation: OutgoingDonation) -> None:
    features = []
    if donation.recipient_partner_id or (donation.station and donation.station.host_id):
        features.append(Feature.CROSS_INDUSTRY)
    if donation.recipient_kind in TARGETED or (donation.station and donation.station.site in TARGETED_SITES):
        features.append(Feature.TARGETED_GROUPS)
    total = total_quantity(donation)
    titles = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            # The kind of place, not its name: records feed public reports.
            titles[language] = _("Donation to a place of kind “%(kind)s”: %(count)d items") % {
                "kind": RecipientKind(donation.recipient_kind).label,
                "count": total,
            }
    record_service(
        library=donation.library,
        date=donation.given_on,
        categories=[Category.READING_OFFLINE, Category.SOCIAL],
        features=features,
        title_zh=titles["zh-hans"],
        title_en=titles["en"],
        source_object=donation,
        link=reverse("outreach:receipt_check", args=[donation.library.slug, donation.number]),
    )


def delete_donation(donation: OutgoingDonation, *, by=None) -> None:
    """Remove a donation recorded by mistake: its receipt no longer verifies, the books it passed on are
    available to pass on again, and its ServiceRecord is withdrawn."""
    with transaction.atomic():
        withdraw_service(donation)
        record_audit(by, "outreach.donation_deleted", donation, library=donation.library, summary=donation.number)
        donation.delete()


# --- public reads --------------------------------------------------------------------------------
def public_gifts(library: Library, limit: int = 200) -> list[dict]:
    """The thank-you list, the latest first: names only of donors who consented, never contact details."""
    rows = []
    for gift in IncomingDonation.objects.filter(library=library).order_by("-received_on", "-pk")[:limit]:
        rows.append(
            {
                "donor": gift.donor_name if gift.may_name else _("Anonymous donor"),
                "named": gift.may_name,
                "donor_kind": gift.get_donor_kind_display(),
                "kind": gift.get_kind_display(),
                "what": gift_size(gift),
                "description": gift.description,
                "received_on": gift.received_on,
            }
        )
    return rows


def gift_totals(library: Library) -> dict:
    """Totals by kind: gifts and books, money per currency, gifts and items of supplies."""
    gifts = IncomingDonation.objects.filter(library=library)
    books = gifts.filter(kind=Kind.BOOKS)
    supplies = gifts.filter(kind=Kind.SUPPLIES)
    money = gifts.filter(kind=Kind.MONEY).values("currency").annotate(total=Sum("amount")).order_by("currency")
    return {
        "books_gifts": books.count(),
        "books": books.aggregate(total=Sum("quantity"))["total"] or 0,
        "money_gifts": gifts.filter(kind=Kind.MONEY).count(),
        "money": [{"currency": row["currency"], "total": row["total"]} for row in money],
        "supplies_gifts": supplies.count(),
        "supplies": supplies.aggregate(total=Sum("quantity"))["total"] or 0,
    }
