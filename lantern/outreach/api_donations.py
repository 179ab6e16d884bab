"""API of donations: a library's donations given and gifts received (staff; no donor contact details), and
the public check of a receipt (number, date, kind of recipient, total quantity; no names).

Bad filters answer 422 with a reason, as the other apps' lists do.
"""

import datetime
import decimal

from django.db.models import Sum
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja import Status as Answer

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem
from lantern.core.permissions import get_library, get_library_for_staff

from .models import IncomingDonation, OutgoingDonation
from .services import donations as services

router = Router(tags=["donations"])
LIST_LIMIT = 200


class LineOut(Schema):
    description: str
    quantity: int
    from_gift: str | None


class DonationOut(Schema):
    number: str
    given_on: datetime.date
    recipient: str
    recipient_kind: str
    partner: str | None
    station: int | None
    note: str
    total_quantity: int
    lines: list[LineOut]


class GiftOut(Schema):
    number: str
    received_on: datetime.date
    kind: str
    donor_name: str
    donor_kind: str
    may_name: bool
    description: str
    quantity: int | None
    amount: decimal.Decimal | None
    currency: str
    books_passed_on: int
    books_left: int


class ReceiptCheckOut(Schema):
    number: str
    library: str
    given_on: datetime.date
    recipient_kind: str
    recipient_kind_label: str
    total_quantity: int


def _year(year: int | None):
    if year is not None and not 1900 <= year <= 2200:
        return Answer(422, {"detail": _("Give a year such as 2020."), "reason": "bad_filter"})
    return None


@router.get(
    "/libraries/{slug}/donations/given",
    auth=signed_in,
    response={200: list[DonationOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="The library's donations given, the latest first (staff)",
    description="`year`: only donations given that year.",
)
def donations_given(request, slug: str, year: int | None = None):
    library = get_library_for_staff(request.auth, slug)
    if problem := _year(year):
        return problem
    donations = OutgoingDonation.objects.filter(library=library).select_related("recipient_partner")
    if year is not None:
        donations = donations.filter(given_on__year=year)
    donations = donations.prefetch_related("lines__from_incoming").order_by("-given_on", "-pk")[:LIST_LIMIT]
    return [
        {
            "number": donation.number,
            "given_on": donation.given_on,
            "recipient": donation.recipient,
            "recipient_kind": donation.recipient_kind,
            "partner": donation.recipient_partner.name if donation.recipient_partner else None,
            "station": donation.station_id,
            "note": donation.note,
            "total_quantity": sum(line.quantity for line in donation.lines.all()),
            "lines": [
                {
                    "description": line.description,
                    "quantity": line.quantity,
                    "from_gift": line.from_incoming.number if line.from_incoming else None,
                }
                for line in donation.lines.all()
            ],
        }
        for donation in donations
    ]


@router.get(
    "/libraries/{slug}/donations/received",
    auth=signed_in,
    response={200: list[GiftOut], 401: Problem, 403: Problem, 404: Problem, 422: Problem},
    summary="The library's gifts received, the latest first (staff; without contact details)",
    description="`kind`: `books`, `money` or `supplies`; `year`: only gifts received that year.",
)
def gifts_received(request, slug: str, kind: str = "", year: int | None = None):
    library = get_library_for_staff(request.auth, slug)
    if kind and kind not in IncomingDonation.Kind.values:
        return Answer(422, {"detail": _("Filter by kind: books, money or supplies."), "reason": "bad_filter"})
    if problem := _year(year):
        return problem
    gifts = IncomingDonation.objects.filter(library=library).annotate(passed=Sum("passed_on__quantity"))
    if kind:
        gifts = gifts.filter(kind=kind)
    if year is not None:
        gifts = gifts.filter(received_on__year=year)
    return [
        {
            "number": gift.number,
            "received_on": gift.received_on,
            "kind": gift.kind,
            "donor_name": gift.donor_name,
            "donor_kind": gift.donor_kind,
            "may_name": gift.may_name,
            "description": gift.description,
            "quantity": gift.quantity,
            "amount": gift.amount,
            "currency": gift.currency,
            "books_passed_on": gift.passed or 0,
            "books_left": max((gift.quantity or 0) - (gift.passed or 0), 0) if gift.kind == "books" else 0,
        }
        for gift in gifts.order_by("-received_on", "-pk")[:LIST_LIMIT]
    ]


@router.get(
    "/libraries/{slug}/donations/receipts/{number}",
    response={200: ReceiptCheckOut, 404: Problem},
    summary="Check a donation receipt (anyone): it exists, with its date, kind of recipient and total",
)
def check_receipt(request, slug: str, number: str):
    library = get_library(slug)
    donation = OutgoingDonation.objects.filter(library=library, number=number.strip().upper()[:40]).first()
    if donation is None:
        return Answer(404, {"detail": _("This library has no receipt with this number."), "reason": "no_receipt"})
    return {
        "number": donation.number,
        "library": library.slug,
        "given_on": donation.given_on,
        "recipient_kind": donation.recipient_kind,
        "recipient_kind_label": donation.get_recipient_kind_display(),
        "total_quantity": services.total_quantity(donation),
    }
