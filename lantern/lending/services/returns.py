"""Returns and quarantine: checking a copy in (at the door, through the book drop, or from a courier's
pick-up), setting it aside for the library's quarantine hours, and putting it back on the shelf when the
time is up (`release_quarantine`, a periodic command), plus the staff board of what is due out when.

Quarantine hours come from emergency's prevention settings (`quarantine_hours`): the library's own rule per
material, else the REALM project's defaults (72 h paper and cloth, 96 h glossy, board books and plastic,
144 h stacked). A stacked return waits the longer of its material's hours and the stacked hours.
"""

import datetime
from itertools import groupby

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lantern.catalogue.models import Copy
from lantern.core.models import Library
from lantern.core.services import notify
from lantern.emergency.models import QuarantineRule
from lantern.emergency.services.preparedness.prevention import quarantine_hours

from ..models import Loan, Order, Quarantine
from .common import Refused, log_event, rules_for, tell_reader
from .loans import fine_for, loans_link

BARCODE_MAX = 64
# An order whose loans are all back closes from either of these (deliver may leave it "delivered").
CLOSABLE = (Order.Status.DELIVERED, Order.Status.ON_LOAN)


def hours_for(library: Library, material: str, stacked: bool) -> int:
    hours = quarantine_hours(library, material)
    if stacked:
        hours = max(hours, quarantine_hours(library, QuarantineRule.Material.STACKED))
    return hours


def check_check_in(library: Library, barcode: str, method: str, material: str) -> Loan:
    """The open loan of the copy with `barcode` at `library`, or Refused with what is wrong."""
    barcode = (barcode or "").strip()
    if not barcode:
        raise Refused(_("Scan or type the copy's barcode."), "invalid", 422)
    if len(barcode) > BARCODE_MAX:
        raise Refused(_("That is not a barcode: it is too long."), "invalid", 422)
    if method not in Loan.ReturnMethod.values:
        raise Refused(_("Choose how the copy came back."), "invalid", 422)
    if material not in QuarantineRule.Material.values:
        raise Refused(_("Choose the copy's material."), "invalid", 422)
    copy = Copy.objects.select_related("record").filter(library=library, barcode=barcode).first()
    if copy is None:
        elsewhere = Copy.objects.select_related("library").filter(barcode=barcode).exclude(library=library).first()
        if elsewhere is not None:
            raise Refused(
                _("Copy %(barcode)s belongs to %(library)s, not to this library. Send it back there.")
                % {"barcode": barcode, "library": elsewhere.library.name},
                "other_library",
                409,
            )
        raise Refused(
            _("No copy has the barcode %(barcode)s here. Check the label and scan again.") % {"barcode": barcode},
            "unknown_barcode",
            404,
        )
    loan = (
        Loan.objects.open()
        .filter(copy=copy)
        .select_related("reader", "library", "copy__record", "order__library", "order__reader")
        .first()
    )
    if loan is None:
        raise Refused(
            _("Copy %(barcode)s is not on loan (it is: %(status)s); nothing to check in.")
            % {"barcode": barcode, "status": copy.get_status_display()},
            "not_on_loan",
            409,
        )
    return loan


def check_in(
    library: Library,
    barcode: str,
    *,
    method: str,
    material: str,
    stacked: bool = False,
    by=None,
    now: datetime.datetime | None = None,
) -> Quarantine:
    """Close the copy's open loan (with its fine), put the copy in quarantine until its hours are up, close
    the order when all its loans are back, and tell the reader. All of it or nothing; scanning the same
    barcode twice checks it in once."""
    now = now or timezone.now()
    loan = check_check_in(library, barcode, method, material)
    copy = loan.copy
    fine = fine_for(loan, now, rules_for(library).fine_per_day)
    ends_at = now + datetime.timedelta(hours=hours_for(library, material, stacked))
    order = loan.order
    order_closed = False
    try:
        with transaction.atomic():
            if order is not None:
                # Two last loans of one order checked in at once: the second waits here, then sees the first.
                list(Order.objects.select_for_update().filter(pk=order.pk).values_list("pk"))
            closed = Loan.objects.filter(pk=loan.pk, returned_at__isnull=True).update(
                returned_at=now, return_method=method, fine=fine
            )
            moved = Copy.objects.filter(pk=copy.pk, status=Copy.Status.ON_LOAN).update(
                status=Copy.Status.IN_QUARANTINE, updated_at=now
            )
            if closed != 1 or moved != 1:
                raise Refused(
                    _("Copy %(barcode)s was checked in already.") % {"barcode": copy.barcode}, "checked_in", 409
                )
            quarantine = Quarantine.objects.create(
                library=library,
                copy=copy,
                loan=loan,
                material=material,
                stacked=stacked,
                starts_at=now,
                ends_at=ends_at,
            )
            if order is not None and not order.loans.open().exists():
                order_closed = (
                    Order.objects.filter(pk=order.pk, status__in=CLOSABLE).update(
                        status=Order.Status.RETURNED, closed_at=now, updated_at=now
                    )
                    == 1
                )
                if order_closed:
                    order.status, order.closed_at = Order.Status.RETURNED, now
                    log_event(order, by=by if getattr(by, "is_authenticated", False) else None, at=now)
    except IntegrityError:
        # "One quarantine per copy": a copy still set aside from an earlier return.
        raise Refused(
            _("Copy %(barcode)s is already in quarantine.") % {"barcode": copy.barcode}, "in_quarantine", 409
        ) from None
    loan.returned_at, loan.return_method, loan.fine = now, method, fine
    copy.status = Copy.Status.IN_QUARANTINE
    _tell_return_received(loan, order)
    return quarantine


def _tell_return_received(loan: Loan, order: Order | None) -> None:
    title = loan.copy.record.title
    currency = rules_for(loan.library).currency

    def body() -> str:
        text = _("We received %(title)s. Thank you.") % {"title": title}
        if loan.fine > 0 and not loan.fine_waived:
            text += " " + _("The fine for the overdue days is %(fine)s %(currency)s.") % {
                "fine": loan.fine,
                "currency": currency,
            }
        return text

    if order is not None:
        tell_reader(order, lambda: _("return of %(title)s received") % {"title": title}, body)
        return
    reader = loan.reader
    with translation.override(reader.language or None):
        subject = _("Return received: %(title)s") % {"title": title}
        text = body()
    notify(reader, subject, text, link=loans_link(loan.library), library=loan.library, sms=True)


# --- release -------------------------------------------------------------------------------------
def release_quarantine(now: datetime.datetime | None = None) -> int:
    """Put every copy whose quarantine is over back on the shelf (available); return how many.

    Each copy moves in its own small transaction through conditional UPDATEs, so two runs at once release
    each copy once, and a copy whose status staff changed meanwhile (e.g. lost) keeps it.
    """
    now = now or timezone.now()
    due = Quarantine.objects.filter(released_at__isnull=True, ends_at__lte=now).values_list("pk", "copy_id")
    released = 0
    for pk, copy_id in list(due.order_by("ends_at", "pk")):
        with transaction.atomic():
            if Quarantine.objects.filter(pk=pk, released_at__isnull=True).update(released_at=now) != 1:
                continue
            Copy.objects.filter(pk=copy_id, status=Copy.Status.IN_QUARANTINE).update(
                status=Copy.Status.AVAILABLE, updated_at=now
            )
        released += 1
    return released


def quarantine_board(library: Library, now: datetime.datetime | None = None) -> dict:
    """What is in quarantine at `library`: `ready` (time is up, waiting for the next release run) and
    `days`, a list of (day, [(hour, [quarantine, ...]), ...]) in local time, the soonest first."""
    now = now or timezone.now()
    held = list(
        Quarantine.objects.filter(library=library, released_at__isnull=True)
        .select_related("copy__record")
        .order_by("ends_at", "pk")
    )
    ready = [q for q in held if q.ends_at <= now]
    waiting = [q for q in held if q.ends_at > now]

    def hour_of(q: Quarantine) -> datetime.datetime:
        return timezone.localtime(q.ends_at).replace(minute=0, second=0, microsecond=0)

    days = []
    for day, in_day in groupby(waiting, key=lambda q: timezone.localtime(q.ends_at).date()):
        days.append((day, [(hour, list(items)) for hour, items in groupby(in_day, key=hour_of)]))
    return {"ready": ready, "days": days, "count": len(held), "now": now}
