"""Buy for the reader ("you choose, the library pays"): a reader picks a new book from a partner bookstore's
list, staff approve it within the year's budget, the bookstore delivers it to the reader as a loan, and the
book becomes one of the library's records with a copy.

Transitions (`TRANSITIONS`): requested → approved | declined | cancelled (by the reader); approved →
delivered | declined. Every step changes the status by a conditional UPDATE, so two clicks (or two staff
members) cannot both take it, tells the reader in their language, and is audited.

The budget holds when two approvals race: approvals at one library run one at a time (see `approve`).
"""

import csv
import dataclasses
import datetime
import io
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lantern.catalogue.isbn import to_isbn13
from lantern.catalogue.models import Copy, Isbn, Record
from lantern.catalogue.services.records import CopyData, RecordData, save_record
from lantern.core.identifiers import normalize_phone
from lantern.core.models import Library, Partner
from lantern.core.services import notify, record_audit
from lantern.insights.services import record_service
from lantern.insights.taxonomy import Category, Feature

from ..models import BookstoreTitle, LendingRules, Purchase
from . import loans
from .common import Refused, check_card, rules_for

__all__ = [
    "Refused",
    "approve",
    "ask",
    "bookstores_of",
    "budget_used",
    "cancel",
    "decline",
    "deliver",
    "import_titles",
    "offered_titles",
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
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 5000
CSV_COLUMNS = ("title", "authors", "publisher", "year", "isbn", "price", "in_stock")
_AUTHOR_SEPARATORS = re.compile(r"\s*[;；/、]\s*")
_POSTCODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z \-]*$")
_YES = {"1", "yes", "y", "true", "是", "有", "有货"}
_NO = {"0", "no", "n", "false", "否", "无", "无货", "缺货"}


# --- reads ---------------------------------------------------------------------------------------
def bookstores_of(library: Library) -> QuerySet[Partner]:
    """The partner bookstores linked to `library`: whose lists its readers choose from."""
    return Partner.objects.filter(kind=Partner.Kind.BOOKSTORE, libraries=library).order_by("name")


def offered_titles(library: Library, query: str = "") -> QuerySet[BookstoreTitle]:
    """In-stock titles of the library's partner bookstores, matching `query` in title, authors or ISBN.

    An ISBN matches with or without hyphens, as ISBN-10 or ISBN-13; a run of digits matches part of one.
    """
    titles = BookstoreTitle.objects.filter(
        in_stock=True, bookstore__kind=Partner.Kind.BOOKSTORE, bookstore__libraries=library
    ).select_related("bookstore")
    query = " ".join((query or "").split())
    if query:
        match = Q(title__icontains=query) | Q(authors__icontains=query)
        isbn = to_isbn13(query)
        digits = re.sub(r"[\s\-]", "", query)
        if isbn:
            match |= Q(isbn=isbn)
        elif digits.isdigit() and len(digits) >= 4:
            match |= Q(isbn__contains=digits)
        titles = titles.filter(match)
    return titles.order_by("title", "pk")


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


def _authors(text: str) -> list[str]:
    return [name for name in _AUTHOR_SEPARATORS.split(text or "") if name]


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
        authors=_authors(title.authors),
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


# --- bookstore lists (staff) ---------------------------------------------------------------------
@dataclasses.dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    errors: list[tuple[int, str]] = dataclasses.field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated


def _read_text(file) -> str:
    raw = file.read() if hasattr(file, "read") else file
    if isinstance(raw, str):
        return raw
    if len(raw) > MAX_IMPORT_BYTES:
        raise Refused(
            _("The file is larger than %(mb)d MB; split it.") % {"mb": MAX_IMPORT_BYTES // (1024 * 1024)}, "too_big"
        )
    for encoding in ("utf-8-sig", "gb18030"):  # spreadsheets saved in China are often GB18030
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Refused(_("The file is not text in UTF-8 or GB18030. Save it as CSV (UTF-8)."), "invalid")


def _in_stock(value: str) -> bool:
    value = value.strip().lower()
    if not value or value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(_("in_stock must be yes or no, not “%(value)s”.") % {"value": value})


def _title_row(row: dict) -> dict:
    """One CSV row as BookstoreTitle values, or ValueError saying what is wrong, in the active language."""
    problems = []
    title = " ".join((row.get("title") or "").split())
    if not title:
        problems.append(_("the title is empty"))
    elif len(title) > 500:
        problems.append(_("the title is longer than 500 characters"))
    isbn_text = (row.get("isbn") or "").strip()
    isbn = to_isbn13(isbn_text)
    if not isbn:
        problems.append(_("“%(value)s” is not a valid ISBN") % {"value": isbn_text})
    price_text = (row.get("price") or "").strip()
    try:
        price = Decimal(price_text)
        if not price.is_finite() or price < 0 or price >= Decimal("100000000"):
            raise InvalidOperation
        price = price.quantize(Decimal("0.01"))
    except InvalidOperation:
        problems.append(_("“%(value)s” is not a price") % {"value": price_text})
        price = None
    year_text = (row.get("year") or "").strip()
    year = None
    if year_text:
        if not year_text.isdigit() or not 1000 <= int(year_text) <= timezone.localdate().year + 5:
            problems.append(_("“%(value)s” is not a year") % {"value": year_text})
        else:
            year = int(year_text)
    try:
        in_stock = _in_stock(row.get("in_stock") or "")
    except ValueError as exc:
        problems.append(str(exc))
        in_stock = True
    authors = "; ".join(_authors(row.get("authors") or ""))
    publisher = " ".join((row.get("publisher") or "").split())
    if len(authors) > 300:
        problems.append(_("the authors are longer than 300 characters"))
    if len(publisher) > 300:
        problems.append(_("the publisher is longer than 300 characters"))
    if problems:
        raise ValueError("; ".join(problems))
    return {
        "title": title,
        "authors": authors,
        "publisher": publisher,
        "year": year,
        "isbn": isbn,
        "price": price,
        "in_stock": in_stock,
    }


def import_titles(bookstore: Partner, file, *, by=None, library: Library | None = None) -> ImportSummary:
    """Add or update a bookstore's titles from CSV (`title,authors,publisher,year,isbn,price,in_stock`).

    Good rows are imported (a title already listed with the same ISBN is updated), bad rows are reported
    by line number and skipped. A file without the right header changes nothing.
    """
    if bookstore.kind != Partner.Kind.BOOKSTORE:
        raise Refused(_("Choose a partner bookstore."), "invalid")
    text = _read_text(file)
    reader = csv.DictReader(io.StringIO(text))
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        raise Refused(
            _("The first line must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ",".join(CSV_COLUMNS), "missing": ", ".join(missing)},
            "invalid",
        )
    reader.fieldnames = header
    summary, good, seen = ImportSummary(), {}, {}
    for row in reader:
        line = reader.line_num
        if len(good) + len(summary.errors) >= MAX_IMPORT_ROWS:
            raise Refused(_("The file has more than %(n)d rows; split it.") % {"n": MAX_IMPORT_ROWS}, "too_big")
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue  # blank lines at the end of spreadsheets
        try:
            values = _title_row(row)
        except ValueError as exc:
            summary.errors.append((line, str(exc)))
            continue
        if values["isbn"] in seen:
            summary.errors.append((line, _("the ISBN is already on line %(line)d") % {"line": seen[values["isbn"]]}))
            continue
        seen[values["isbn"]] = line
        good[values["isbn"]] = values
    with transaction.atomic():
        existing = {t.isbn: t for t in BookstoreTitle.objects.filter(bookstore=bookstore, isbn__in=list(good))}
        for isbn, values in good.items():
            title = existing.get(isbn)
            if title is None:
                BookstoreTitle.objects.create(bookstore=bookstore, **values)
                summary.created += 1
            else:
                for name, value in values.items():
                    setattr(title, name, value)
                title.save()
                summary.updated += 1
        if good:
            record_audit(
                by,
                "purchases.titles_imported",
                bookstore,
                library=library,
                summary=f"{summary.created} new, {summary.updated} updated, {len(summary.errors)} bad rows",
            )
    return summary
