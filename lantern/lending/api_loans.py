"""API of loans and returns: my loans and renewing one (readers), checking a returned copy in (staff)."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status

from lantern.core.api_auth import signed_in
from lantern.core.api_responses import Problem, busy, refused, short_lock_waits
from lantern.core.errors import Refused
from lantern.core.permissions import can_staff, get_library
from lantern.emergency.models import QuarantineRule

from .models import Loan
from .services import loans as services
from .services import returns
from .services.common import rules_for

router = Router(tags=["lending"])


class LoanOut(Schema):
    id: int
    library: str
    title: str
    barcode: str
    order: str | None
    lent_at: datetime.datetime
    due_on: datetime.date
    overdue: bool
    renewals: int
    renewals_allowed: int
    returned_at: datetime.datetime | None
    fine: Decimal
    fine_waived: bool
    currency: str


class CheckInIn(Schema):
    barcode: str
    method: Loan.ReturnMethod = Loan.ReturnMethod.BOOK_DROP
    material: QuarantineRule.Material = QuarantineRule.Material.PAPER
    stacked: bool = False


class CheckInOut(Schema):
    barcode: str
    title: str
    loan: int | None
    fine: Decimal
    quarantine_until: datetime.datetime
    order_status: str | None


def _loan(loan: Loan, now: datetime.datetime) -> dict:
    rules = rules_for(loan.library)
    return {
        "id": loan.pk,
        "library": loan.library.slug,
        "title": loan.copy.record.title,
        "barcode": loan.copy.barcode,
        "order": loan.order.number if loan.order else None,
        "lent_at": loan.issued_at,
        "due_on": loan.due_on,
        "overdue": loan.returned_at is None and loan.due_on < timezone.localdate(now),
        "renewals": loan.renewals,
        "renewals_allowed": rules.max_renewals,
        "returned_at": loan.returned_at,
        "fine": services.fine_so_far(loan, now),
        "fine_waived": loan.fine_waived,
        "currency": rules.currency,
    }


def _loans():
    return Loan.objects.select_related("library", "copy__record", "order")


@router.get("/loans", auth=signed_in, response=list[LoanOut], summary="My loans: open ones first, then returned")
def my_loans(request, returned: bool = False):
    """Open loans by due date, with the fine so far; `?returned=true` lists the last 100 returned instead."""
    now = timezone.now()
    mine = _loans().filter(reader=request.auth)
    if returned:
        mine = mine.filter(returned_at__isnull=False).order_by("-returned_at")
    else:
        mine = mine.open().order_by("due_on", "pk")
    return [_loan(loan, now) for loan in mine[:100]]


@router.post(
    "/loans/{loan_id}/renew",
    auth=signed_in,
    response={200: LoanOut, 401: Problem, 404: Problem, 409: Problem},
    summary="Renew one of my loans",
    description="409 with a `reason` when it cannot be renewed: `returned`, `renewal_limit`, `overdue` "
    "(overdue at a library that charges fines), or `changed` (renewed at the same moment elsewhere).",
)
def renew(request, loan_id: int):
    loan = get_object_or_404(_loans(), pk=loan_id, reader=request.auth)
    try:
        loan = services.renew(loan)
    except Refused as exc:
        return refused(exc)
    return _loan(loan, timezone.now())


@router.post(
    "/libraries/{slug}/returns",
    auth=signed_in,
    response={201: CheckInOut, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 429: Problem},
    summary="Check a returned copy in (staff): it goes into quarantine",
    description="Closes the copy's open loan with its fine and puts the copy in quarantine for the library's "
    "hours for its material (longer when stacked). 404 for an unknown barcode, 409 for another library's copy "
    "or a copy not on loan.",
)
def check_in(request, slug: str, payload: CheckInIn):
    library = get_library(slug)
    if not can_staff(request.auth, library):
        raise PermissionDenied
    try:
        with short_lock_waits():
            quarantine = returns.check_in(
                library,
                payload.barcode,
                method=payload.method,
                material=payload.material,
                stacked=payload.stacked,
                by=request.auth,
            )
    except Refused as exc:
        return refused(exc)
    except OperationalError:
        return busy()
    loan = quarantine.loan
    return Status(
        201,
        {
            "barcode": quarantine.copy.barcode,
            "title": quarantine.copy.record.title,
            "loan": loan.pk if loan else None,
            "fine": loan.fine if loan else Decimal("0"),
            "quarantine_until": quarantine.ends_at,
            "order_status": loan.order.status if loan and loan.order else None,
        },
    )
