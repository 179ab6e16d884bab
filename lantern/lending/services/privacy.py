"""Personal data in lending: erasing delivery addresses and phone numbers a set number of days after an
order (or a purchase) closes, and the reader's lending section of their data export.

Erasing blanks recipient, phone, address and postcode and stamps `address_erased_at`; the order itself
stays (the reader's history and the library's counts need it). Deleting an account deletes the reader's
orders, loans and purchases with it (foreign keys cascade).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.core.models import Library

from ..models import Loan, Order, Purchase
from .common import rules_for

ERASED = {"recipient": "", "phone": "", "address": "", "postcode": ""}


def erase_addresses(now: datetime.datetime | None = None) -> int:
    """Erase the address and phone of every order and purchase closed more than the library's
    `address_retention_days` (default 30) ago; return how many were erased. Running it twice erases nothing
    more."""
    now = now or timezone.now()
    waiting = {"address_erased_at__isnull": True, "closed_at__isnull": False}
    library_ids = set(Order.objects.filter(**waiting).values_list("library_id", flat=True).distinct())
    library_ids |= set(Purchase.objects.filter(**waiting).values_list("library_id", flat=True).distinct())
    erased = 0
    for library in Library.objects.filter(pk__in=library_ids).order_by("pk"):
        cutoff = now - datetime.timedelta(days=rules_for(library).address_retention_days)
        with transaction.atomic():
            for model in (Order, Purchase):
                erased += model.objects.filter(library=library, closed_at__lte=cutoff, **waiting).update(
                    **ERASED, address_erased_at=now
                )
    return erased


# --- the reader's data export --------------------------------------------------------------------
def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def _address(obj) -> dict:
    if obj.address_erased_at:
        return {"erased_at": _iso(obj.address_erased_at)}
    return {"recipient": obj.recipient, "phone": obj.phone, "address": obj.address, "postcode": obj.postcode}


def export_lending_data(user) -> dict:
    """Everything lending holds on `user`: orders with their items, history and address (while kept),
    loans, and purchases."""
    orders = (
        Order.objects.filter(reader=user)
        .select_related("library", "zone", "pickup_slot__point", "carrier")
        .prefetch_related("items__copy", "items__record", "events")
        .order_by("created_at")
    )
    loans = Loan.objects.filter(reader=user).select_related("library", "copy__record", "order").order_by("issued_at")
    purchases = Purchase.objects.filter(reader=user).select_related("library", "title").order_by("created_at")
    return {
        "orders": [
            {
                "number": order.number,
                "library": order.library.slug,
                "method": order.method,
                "status": order.status,
                "fee": str(order.fee),
                "zone": order.zone.name if order.zone else None,
                "pickup_slot": str(order.pickup_slot) if order.pickup_slot else None,
                "carrier": order.carrier.name if order.carrier else None,
                "tracking_number": order.tracking_number,
                "note": order.note,
                "ordered_at": _iso(order.created_at),
                "closed_at": _iso(order.closed_at),
                "delivery_address": _address(order),
                "items": [{"title": item.record.title, "barcode": item.copy.barcode} for item in order.items.all()],
                "events": [
                    {"status": event.status, "at": _iso(event.at), "note": event.note} for event in order.events.all()
                ],
            }
            for order in orders
        ],
        "loans": [
            {
                "library": loan.library.slug,
                "title": loan.copy.record.title,
                "barcode": loan.copy.barcode,
                "order": loan.order.number if loan.order else None,
                "lent_at": _iso(loan.issued_at),
                "due_on": loan.due_on.isoformat(),
                "renewals": loan.renewals,
                "returned_at": _iso(loan.returned_at),
                "return_method": loan.return_method,
                "fine": str(loan.fine),
                "fine_waived": loan.fine_waived,
            }
            for loan in loans
        ],
        "purchases": [
            {
                "library": purchase.library.slug,
                "title": purchase.title.title,
                "price": str(purchase.price),
                "status": purchase.status,
                "reason": purchase.reason,
                "asked_at": _iso(purchase.created_at),
                "closed_at": _iso(purchase.closed_at),
                "delivery_address": _address(purchase),
            }
            for purchase in purchases
        ],
    }


def what_stops_deletion(user) -> str:
    """A reader with books out or orders on their way settles them before the account goes: deleting it would
    leave the library's copies lent or held for nobody."""
    loans = Loan.objects.filter(reader=user).open().count()
    orders = Order.objects.filter(reader=user, status__in=Order.OPEN).count()
    if not (loans or orders):
        return ""
    return _(
        "Your account cannot be deleted yet: %(loans)d items are on loan and %(orders)d orders are open. "
        "Return the items and cancel or receive the orders first."
    ) % {"loans": loans, "orders": orders}
