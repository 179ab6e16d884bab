"""Everything that changes loans: lending a copy (from a delivered order or a purchase), renewing online,
extending every due date of a library at once (when it closes), overdue notices, and the fine at return.

A copy goes on loan only through a conditional UPDATE of its status (`status IN lendable`), with the
partial unique constraint "one open loan per copy" behind it, so that it is lent to one reader at a time
on SQLite and PostgreSQL alike.

Renewal rules (what the reader sees on "My loans"):
- a returned loan cannot be renewed;
- at most `rules.max_renewals` renewals;
- an overdue loan cannot be renewed online when the library charges fines (renewing would quietly cancel
  the fine already owed; the reader returns it, or staff extend due dates for everyone); without fines it can;
- the new due date is max(today, due date) + `rules.loan_days`: renewing early never shortens a loan.
"""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import DateField, ExpressionWrapper, F, Q, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lantern.catalogue.models import Copy
from lantern.core.models import Library
from lantern.core.services import notify, record_audit

from ..models import Loan, Order
from .common import Refused, rules_for

# A copy in any of these states may be lent: allocated to an order (requested), on its way (in_transit),
# or on the shelf (a purchase's new copy, or a loan at the door).
LENDABLE = (Copy.Status.AVAILABLE, Copy.Status.REQUESTED, Copy.Status.IN_TRANSIT)
OVERDUE_NOTICE_EVERY_DAYS = 7
MAX_EXTENSION_DAYS = 366


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _today(now: datetime.datetime) -> datetime.date:
    return timezone.localdate(now)


def loans_link(library: Library) -> str:
    return reverse("lending:loans", args=[library.slug])


# --- lending ---------------------------------------------------------------------------------------
def lend_copy(reader, copy: Copy, *, now: datetime.datetime | None = None, order: Order | None = None) -> Loan:
    """Lend `copy` to `reader` until today + the library's loan days; the copy becomes on_loan.

    Refuses (409) when the copy is lost, already lent or in quarantine. Call it inside the caller's
    transaction when it is part of a bigger step: it opens a savepoint of its own.
    """
    now = _now(now)
    rules = rules_for(copy.library)
    due_on = _today(now) + datetime.timedelta(days=rules.loan_days)
    try:
        with transaction.atomic():
            moved = Copy.objects.filter(pk=copy.pk, status__in=LENDABLE).update(
                status=Copy.Status.ON_LOAN, updated_at=now
            )
            if moved != 1:
                raise Refused(
                    _("Copy %(barcode)s cannot be lent now.") % {"barcode": copy.barcode}, "not_lendable", 409
                )
            loan = Loan.objects.create(
                library=copy.library, reader=reader, copy=copy, order=order, issued_at=now, due_on=due_on
            )
    except IntegrityError:
        # "One open loan per copy" caught what the status guard could not see (e.g. an inconsistent status).
        raise Refused(
            _("Copy %(barcode)s is already on loan.") % {"barcode": copy.barcode}, "already_on_loan", 409
        ) from None
    copy.status = Copy.Status.ON_LOAN
    return loan


def start_loans(order: Order, *, now: datetime.datetime) -> list[Loan]:
    """One loan per item of a delivered (or picked-up) order; each item stops holding its copy, the loan's
    own constraint takes over. All or nothing. The order's status is the caller's (fulfilment.deliver)."""
    with transaction.atomic():
        loans = []
        for item in order.items.select_related("copy__library").order_by("pk"):
            if item.holds_copy:
                type(item).objects.filter(pk=item.pk).update(holds_copy=False)
                item.holds_copy = False
            loans.append(lend_copy(order.reader, item.copy, now=now, order=order))
    return loans


# --- fines -----------------------------------------------------------------------------------------
def overdue_days(loan: Loan, on: datetime.date) -> int:
    return max((on - loan.due_on).days, 0)


def fine_for(loan: Loan, returned_at: datetime.datetime, fine_per_day: Decimal | None = None) -> Decimal:
    """Overdue days × the library's fine per day, or nothing when the fine was waived."""
    if loan.fine_waived:
        return Decimal("0")
    if fine_per_day is None:
        fine_per_day = rules_for(loan.library).fine_per_day
    return overdue_days(loan, _today(returned_at)) * fine_per_day


def fine_so_far(loan: Loan, now: datetime.datetime | None = None) -> Decimal:
    """What the reader would owe if they returned the loan now (the stored fine once returned)."""
    if loan.returned_at is not None:
        return Decimal("0") if loan.fine_waived else loan.fine
    return fine_for(loan, _now(now))


# --- renewing --------------------------------------------------------------------------------------
def check_renewal(loan: Loan, now: datetime.datetime | None = None) -> datetime.date:
    """The new due date if `loan` may be renewed now, else Refused (the rules are in the module docstring)."""
    now = _now(now)
    rules = rules_for(loan.library)
    today = _today(now)
    if loan.returned_at is not None:
        raise Refused(_("This loan has been returned; there is nothing to renew."), "returned", 409)
    if loan.renewals >= rules.max_renewals:
        raise Refused(
            _("This loan has been renewed %(n)d times, the most the library allows. Please return it.")
            % {"n": loan.renewals},
            "renewal_limit",
            409,
        )
    if loan.due_on < today and rules.fine_per_day > 0 and not loan.fine_waived:
        raise Refused(
            _("This loan is overdue and cannot be renewed online. Please return it."),
            "overdue",
            409,
        )
    return max(today, loan.due_on) + datetime.timedelta(days=rules.loan_days)


def renew(loan: Loan, *, now: datetime.datetime | None = None) -> Loan:
    """Renew `loan` once; exactly one of two simultaneous renewals counts (the other is refused)."""
    now = _now(now)
    new_due = check_renewal(loan, now)
    with transaction.atomic():
        changed = Loan.objects.filter(pk=loan.pk, returned_at__isnull=True, renewals=loan.renewals).update(
            due_on=new_due, renewals=F("renewals") + 1
        )
        if changed != 1:
            raise Refused(_("This loan changed in the meantime. Please look again."), "changed", 409)
    loan.refresh_from_db()
    return loan


# --- the bulk extension when a library closes ------------------------------------------------------
def extend_due_dates(
    library: Library,
    days: int,
    *,
    waive_fines: bool = True,
    by=None,
    now: datetime.datetime | None = None,
) -> tuple[int, int]:
    """Move every open loan's due date at `library` `days` later, in one UPDATE; return (extended, waived).

    With `waive_fines`, overdue days so far are forgiven too (the new due date counts from today when the
    loan was already overdue) and fines recorded on returned loans are waived; `waived` counts both
    the overdue loans and the returned loans whose fine was waived. Without it, the due dates only shift.
    """
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_DAYS:
        raise Refused(
            _("Extend due dates by between 1 and %(max)d days.") % {"max": MAX_EXTENSION_DAYS}, "invalid", 422
        )
    now = _now(now)
    today = _today(now)
    shift = datetime.timedelta(days=days)
    open_loans = Loan.objects.filter(library=library).open()
    with transaction.atomic():
        overdue = 0
        returned_waived = 0
        if waive_fines:
            overdue = open_loans.filter(due_on__lt=today).count() if rules_for(library).fine_per_day > 0 else 0
            base = Greatest(F("due_on"), Value(today, output_field=DateField()))
        else:
            base = F("due_on")
        extended = open_loans.update(due_on=ExpressionWrapper(base + shift, output_field=DateField()))
        if waive_fines:
            returned_waived = Loan.objects.filter(
                library=library, returned_at__isnull=False, fine__gt=0, fine_waived=False
            ).update(fine_waived=True)
        waived = overdue + returned_waived
        record_audit(
            by,
            "lending.due_dates_extended",
            library=library,
            summary=f"{extended} open loans +{days} days; fines waived: {waived if waive_fines else 'no'}",
        )
    return extended, waived


# --- overdue notices -------------------------------------------------------------------------------
def _overdue_notice(loan: Loan, today: datetime.date) -> None:
    reader = loan.reader
    with translation.override(reader.language or None):
        subject = _("Overdue: %(title)s") % {"title": loan.copy.record.title}
        body = _("%(title)s was due back at %(library)s on %(date)s (%(days)d days ago). Please return it.") % {
            "title": loan.copy.record.title,
            "library": loan.library.name,
            "date": date_format(loan.due_on, "Y-m-d"),
            "days": overdue_days(loan, today),
        }
        fine_per_day = rules_for(loan.library).fine_per_day
        if fine_per_day > 0 and not loan.fine_waived:
            body += " " + _("The fine is %(fine)s %(currency)s a day.") % {
                "fine": fine_per_day,
                "currency": rules_for(loan.library).currency,
            }
    notify(reader, subject, body, link=loans_link(loan.library), library=loan.library, sms=True)


def send_overdue_notices(today: datetime.date | None = None) -> int:
    """Tell each reader of an overdue open loan, at most once every 7 days per loan, in their language,
    by notice, email and text message; return how many were sent. Safe to run twice at once."""
    today = today or timezone.localdate()
    last_allowed = today - datetime.timedelta(days=OVERDUE_NOTICE_EVERY_DAYS)
    due = (
        Loan.objects.overdue(today)
        .filter(Q(overdue_notice_on__isnull=True) | Q(overdue_notice_on__lte=last_allowed))
        .select_related("reader", "library", "copy__record")
        .order_by("pk")
    )
    sent = 0
    for loan in due.iterator(chunk_size=500):
        with transaction.atomic():
            claimed = Loan.objects.filter(
                pk=loan.pk, returned_at__isnull=True, overdue_notice_on=loan.overdue_notice_on
            ).update(overdue_notice_on=today)
            if claimed != 1:
                continue  # returned meanwhile, or another run took it
            _overdue_notice(loan, today)
        sent += 1
    return sent
