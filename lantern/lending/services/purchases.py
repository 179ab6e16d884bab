"""Buy for the reader ("you choose, the library pays"): a reader picks a new book from a partner bookstore's
list (`bookstore_titles`), staff approve it within the year's budget, the bookstore delivers it to the reader
as a loan, and the book becomes one of the library's records with a copy.

Transitions (`TRANSITIONS`): requested → approved | declined | cancelled (by the reader); approved →
delivered | declined. Every step changes the status by a conditional UPDATE, so two clicks (or two staff
members) cannot both take it, tells the reader in their language, and is audited.

The budget holds when two approvals race: approvals at one library run one at a time (see `approve`).
"""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lantern.catalogue.models import Copy, Isbn, Record
from lantern.catalogue.services.records import CopyData, RecordData, save_record
from lantern.core.identifiers import normalize_phone
from lantern.core.models import Library
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category, Feature

from ..models import BookstoreTitle, LendingRules, Purchase
from . import loans
from .bookstore_titles import author_names, bookstores_of
from .common import Refused, check_card, rules_for

__all__ = [
    "Refused",
    "approve",
    "ask",
    "budget_used",
    "cancel",
    "decline",
    "deliver",
]

Status = Purchase.Status
TRANSITIONS = {
    Status.REQUESTED: {Status.APPROVED, Status.DECLINED, Status.CANCELLED},
    Status.APPROVED: {Status.DELIVERED, Status.DECLINED},
}
# Still waiting for the book: the reader may not ask for the same title again meanwhile.
OPEN = (Status.REQUESTED, Status.APPROVED)
# Spent (or promised) from the year's budget.
SPENT = (Status.APPROVED, Status.DELIVERED)
# Not counted against the reader's monthly limit.
NOT_COUNTED = (Status.DECLINED, Status.CANCELLED)
# Where the bought copy is shelved when it comes back; kept in the site's language, as catalogue data is.
PURCHASE_LOCATION = gettext_noop("Purchased for readers")
_POSTCODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z \-]*$")


def money(amount) -> str:
    """An amount as prices are written: two decimals, whatever the database or a caller gave."""
    return str(Decimal(amount).quantize(Decimal("0.01")))


def _year_bounds(moment: datetime.datetime) -> tuple[datetime.datetime, datetime.datetime]:
    local = timezone.localtime(moment)
    start = local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return start, start.replace(year=start.year + 1)


def _month_start(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def budget_used(library: Library, now: datetime.datetime | None = None) -> Decimal:
    """What approved and delivered purchases cost in the calendar year of `now` (counted by approval date)."""
    start, end = _year_bounds(now or timezone.now())
    total = Purchase.objects.filter(
        library=library, status__in=SPENT, decided_at__gte=start, decided_at__lt=end
    ).aggregate(total=Sum("price"))["total"]
    return total or Decimal("0")


def _link(purchase: Purchase) -> str:
    return reverse("lending:my_purchases", args=[purchase.library.slug])


def _tell(purchase: Purchase, subject, body) -> None:
    """A notice to the purchase's reader in their language, by email and text message.

    `subject` and `body` are callables rendered under the reader's language (for %-formatting).
    """
    reader = purchase.reader
    with translation.override(reader.language or None):
        notify(
            reader,
            _("Book for you: %(what)s") % {"what": subject()},
            body(),
            link=_link(purchase),
            library=purchase.library,
            sms=True,
        )


def _changed() -> Refused:
    return Refused(_("This request has just changed; reload the page."), "changed", 409)


def _not_now(purchase: Purchase) -> Refused:
    return Refused(
        _("This request is “%(status)s”; that cannot be done now.") % {"status": purchase.get_status_display()},
        "wrong_status",
        409,
    )


def _check_transition(purchase: Purchase, to: str) -> None:
    if to not in TRANSITIONS.get(purchase.status, ()):
        raise _not_now(purchase)


def _move(purchase: Purchase, to: str, **values) -> None:
    """Move `purchase` to `to` only if nobody else moved it since it was read; else refuse."""
    changed = Purchase.objects.filter(pk=purchase.pk, status=purchase.status).update(status=to, **values)
    if not changed:
        raise _changed()
    purchase.status = to
    for name, value in values.items():
        setattr(purchase, name, value)


# --- readers -------------------------------------------------------------------------------------
def check_address(*, recipient: str, phone: str, address: str, postcode: str) -> dict:
    """The cleaned delivery details, or ValidationError by field in the active language."""
    cleaned = {
        "recipient": " ".join((recipient or "").split()),
        "address": " ".join((address or "").split()),
        "postcode": (postcode or "").strip(),
        "phone": (phone or "").strip(),
    }
    errors: dict[str, list] = {}
    if not cleaned["recipient"]:
        errors["recipient"] = [_("Say who receives the book.")]
    elif len(cleaned["recipient"]) > 100:
        errors["recipient"] = [_("Keep the name under 100 characters.")]
    if not cleaned["address"]:
        errors["address"] = [_("Give the address the bookstore delivers to.")]
    elif len(cleaned["address"]) > 300:
        errors["address"] = [_("Keep the address under 300 characters.")]
    if cleaned["postcode"] and (len(cleaned["postcode"]) > 12 or not _POSTCODE.match(cleaned["postcode"])):
        errors["postcode"] = [_("“%(value)s” is not a postcode.") % {"value": cleaned["postcode"]}]
    if not cleaned["phone"]:
        errors["phone"] = [_("Give a phone number for the delivery.")]
    else:
        try:
            cleaned["phone"] = normalize_phone(cleaned["phone"])
        except ValidationError as exc:
            errors["phone"] = exc.messages
    if errors:
        raise ValidationError(errors)
    return cleaned


def check_ask(reader, library: Library, title: BookstoreTitle, *, rules: LendingRules | None = None, now=None):
    """Refuse, without writing, a request the library cannot take. `ask` re-checks the limits that can race."""
    rules = rules or rules_for(library)
    now = now or timezone.now()
    if not rules.purchase_enabled:
        raise Refused(
            _("%(library)s does not buy books for readers at the moment.") % {"library": library.name},
            "not_offered",
            409,
        )
    check_card(reader, library)
    if not bookstores_of(library).filter(pk=title.bookstore_id).exists():
        raise Refused(_("This book is not from a bookstore that works with this library."), "other_bookstore", 404)
    if not title.in_stock:
        raise Refused(_("The bookstore has run out of this book. Choose another one."), "out_of_stock", 409)
    if title.price > rules.purchase_max_price:
        raise Refused(
            _("This book costs %(price)s %(currency)s; the library buys books up to %(max)s %(currency)s.")
            % {"price": money(title.price), "max": money(rules.purchase_max_price), "currency": rules.currency},
            "too_expensive",
        )
    if title.isbn and Isbn.objects.filter(value=title.isbn, record__library=library).exists():
        raise Refused(
            _("The library already has this book. Order it or borrow it instead of asking for a new one."),
            "already_held",
            409,
        )
    _check_reader(reader, library, title, rules, now)


def _check_reader(reader, library: Library, title: BookstoreTitle, rules: LendingRules, now) -> None:
    mine = Purchase.objects.filter(reader=reader, library=library)
    if mine.filter(title=title, status__in=OPEN).exists():
        raise Refused(_("You have already asked for this book; see your requests."), "already_asked", 409)
    this_month = mine.filter(created_at__gte=_month_start(now)).exclude(status__in=NOT_COUNTED).count()
    if this_month >= rules.purchase_per_reader_month:
        raise Refused(
            _("You may ask for %(n)d books a month here, and have asked for %(count)d this month.")
            % {"n": rules.purchase_per_reader_month, "count": this_month},
            "limit",
            409,
        )


def ask(reader, library: Library, title: BookstoreTitle, *, recipient, phone, address, postcode, now=None) -> Purchase:
    """Ask the library to buy `title` and have it delivered to the reader as a loan.

    Refuses (nothing written) when the library does not buy for readers, the title is not its bookstores'
    or out of stock or too dear, the library has the book already, or the reader is at the limit or has
    asked for it already; ValidationError by field for the delivery details.
    """
    now = now or timezone.now()
    rules = rules_for(library)
    check_ask(reader, library, title, rules=rules, now=now)
    details = check_address(recipient=recipient, phone=phone, address=address, postcode=postcode)
    with transaction.atomic():
        # Serialises one reader's requests on PostgreSQL (SQLite's write transaction does it anyway), so a
        # double click cannot pass the monthly limit or ask twice.
        get_user_model().objects.select_for_update().filter(pk=reader.pk).first()
        _check_reader(reader, library, title, rules, now)
        purchase = Purchase.objects.create(library=library, reader=reader, title=title, price=title.price, **details)
        record_audit(
            reader, "purchases.asked", purchase, library=library, summary=f"{title.title} · {money(title.price)}"
        )
        _tell(
            purchase,
            lambda: _("request received"),
            lambda: (
                _(
                    "You asked %(library)s to buy “%(title)s”. Staff will look at it soon, and you will hear when "
                    "it is approved."
                )
                % {"library": library.name, "title": title.title}
            ),
        )
    return purchase


def cancel(purchase: Purchase, *, by_reader) -> Purchase:
    """The reader withdraws their request, only while it waits for approval."""
    if purchase.reader_id != getattr(by_reader, "pk", None):
        raise Refused(_("Only the reader who asked can cancel this request."), "not_yours", 403)
    _check_transition(purchase, Status.CANCELLED)
    now = timezone.now()
    with transaction.atomic():
        _move(purchase, Status.CANCELLED, closed_at=now)
        record_audit(by_reader, "purchases.cancelled", purchase, library=purchase.library, summary=str(purchase.title))
        _tell(
            purchase,
            lambda: _("request cancelled"),
            lambda: _("You cancelled your request for “%(title)s”.") % {"title": purchase.title.title},
        )
    return purchase


# --- staff ---------------------------------------------------------------------------------------
def approve(purchase: Purchase, *, by, now=None) -> Purchase:
    """Approve the purchase if its price still fits the year's budget; never past the budget, however many
    approvals run at once."""
    now = now or timezone.now()
    _check_transition(purchase, Status.APPROVED)
    library = purchase.library
    with transaction.atomic():
        # Approvals at one library run one at a time, so the sum below sees every approval before it.
        # PostgreSQL: the lock on the library's rules row makes the next approval wait until this one
        # commits (its sum, a new statement under READ COMMITTED, then includes this one). SQLite: the
        # settings open every transaction with BEGIN IMMEDIATE, which takes the database's write lock at
        # once, so there the whole transaction is serialised already (select_for_update does nothing).
        rules = LendingRules.objects.select_for_update().filter(library=library).first() or rules_for(library)
        used = budget_used(library, now)
        if used + purchase.price > rules.purchase_budget:
            raise Refused(
                _(
                    "This would pass the year's budget: %(used)s of %(budget)s %(currency)s is spent or "
                    "approved, and this book costs %(price)s."
                )
                % {
                    "used": money(used),
                    "budget": money(rules.purchase_budget),
                    "currency": rules.currency,
                    "price": money(purchase.price),
                },
                "over_budget",
                409,
            )
        _move(purchase, Status.APPROVED, decided_by=by, decided_at=now)
        record_audit(
            by, "purchases.approved", purchase, library=library, summary=f"{purchase.title} · {purchase.price}"
        )
        _tell(
            purchase,
            lambda: _("approved"),
            lambda: (
                _("%(library)s will buy “%(title)s” for you. The bookstore will deliver it to you as a loan.")
                % {"library": library.name, "title": purchase.title.title}
            ),
        )
    return purchase


def decline(purchase: Purchase, reason: str, *, by, now=None) -> Purchase:
    """Say no (before delivery), with a reason the reader is sent."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise Refused(_("Give the reader a reason."), "invalid")
    if len(reason) > 300:
        raise Refused(_("Keep the reason under 300 characters."), "invalid")
    _check_transition(purchase, Status.DECLINED)
    now = now or timezone.now()
    with transaction.atomic():
        _move(purchase, Status.DECLINED, reason=reason, decided_by=by, decided_at=now, closed_at=now)
        record_audit(by, "purchases.declined", purchase, library=purchase.library, summary=reason)
        _tell(
            purchase,
            lambda: _("not bought"),
            lambda: (
                _("%(library)s cannot buy “%(title)s” for you: %(reason)s")
                % {"library": purchase.library.name, "title": purchase.title.title, "reason": reason}
            ),
        )
    return purchase


def _new_barcode(library: Library, purchase: Purchase) -> str:
    base = f"P{purchase.pk:07d}"
    barcode, n = base, 1
    while Copy.objects.filter(library=library, barcode=barcode).exists():
        n += 1
        barcode = f"{base}-{n}"
    return barcode


def _record_for(library: Library, title: BookstoreTitle, copy: CopyData) -> Record:
    """The library's record of the book with the new copy: an existing record with the ISBN (catalogued
    meanwhile) keeps its own description; otherwise a new record, indexed for search."""
    existing = Isbn.objects.filter(value=title.isbn, record__library=library).order_by("record_id").first()
    if title.isbn and existing:
        record = existing.record
        Copy.objects.create(record=record, library=library, barcode=copy.barcode, location=copy.location)
        return record
    data = RecordData(
        title=title.title,
        authors=author_names(title.authors),
        publisher=title.publisher,
        year=title.year,
        isbns=[title.isbn] if title.isbn else [],
        copies=[copy],
    )
    record, _created = save_record(library, data)
    return record


def deliver(purchase: Purchase, *, by, now=None) -> Purchase:
    """The bookstore has delivered the book to the reader: it becomes the library's record and copy, lent to
    the reader from today, and a service record (offline reading, with a bookstore) is kept."""
    now = now or timezone.now()
    _check_transition(purchase, Status.DELIVERED)
    library, title = purchase.library, purchase.title
    with translation.override(settings.LANGUAGE_CODE):
        location = _(PURCHASE_LOCATION)
    with transaction.atomic():
        _move(purchase, Status.DELIVERED, closed_at=now)
        copy_data = CopyData(barcode=_new_barcode(library, purchase), location=location)
        try:
            record = _record_for(library, title, copy_data)
        except ValidationError as exc:
            raise Refused(
                _("The book could not be catalogued: %(problem)s") % {"problem": " ".join(exc.messages)}, "invalid"
            ) from None
        copy = Copy.objects.get(library=library, barcode=copy_data.barcode)
        loan = loans.lend_copy(purchase.reader, copy, now=now)
        Purchase.objects.filter(pk=purchase.pk).update(record=record, loan=loan)
        purchase.record, purchase.loan = record, loan
        record_service(
            library=library,
            date=timezone.localtime(now).date(),
            title_zh=f"你选书我买单：《{title.title}》",
            title_en=f"Bought for a reader: {title.title}",
            categories=[Category.READING_OFFLINE],
            features=[Feature.CROSS_INDUSTRY],
            source_object=purchase,
            link=record.get_absolute_url(),
        )
        record_audit(by, "purchases.delivered", purchase, library=library, summary=f"{title.title} · {copy.barcode}")
        _tell(
            purchase,
            lambda: _("delivered"),
            lambda: (
                _("“%(title)s” has been delivered to you as a loan from %(library)s. Please return it by %(due)s.")
                % {"title": title.title, "library": library.name, "due": loan.due_on.isoformat()}
            ),
        )
    return purchase
