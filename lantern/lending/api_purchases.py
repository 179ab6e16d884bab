"""API of "buy for the reader": the titles a library's bookstores offer, asking for one, and my requests.

Refusals answer `{"detail": ..., "reason": ...}` with their 4xx status; invalid delivery details 422 with
`errors` by field.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from lantern.core.api_auth import signed_in
from lantern.core.permissions import get_library

from .models import Purchase
from .services import bookstore_titles
from .services import purchases as services
from .services.common import rules_for
from .views.purchases import get_offered_title

router = Router(tags=["purchases"])


class TitleOut(Schema):
    id: int
    title: str
    authors: str
    publisher: str
    year: int | None
    isbn: str
    price: Decimal
    bookstore: str


class PurchaseIn(Schema):
    title_id: int
    recipient: str
    phone: str
    address: str
    postcode: str = ""


class PurchaseOut(Schema):
    id: int
    library: str
    title: TitleOut
    price: Decimal
    status: str
    status_label: str
    reason: str
    asked_at: datetime.datetime
    closed_at: datetime.datetime | None
    due_on: datetime.date | None
    page: str


class Problem(Schema):
    detail: str
    reason: str | None = None
    errors: dict[str, list[str]] | None = None


def _title(title) -> dict:
    return {
        "id": title.pk,
        "title": title.title,
        "authors": title.authors,
        "publisher": title.publisher,
        "year": title.year,
        "isbn": title.isbn,
        "price": title.price,
        "bookstore": title.bookstore.name,
    }


def _purchase(request, purchase: Purchase) -> dict:
    return {
        "id": purchase.pk,
        "library": purchase.library.slug,
        "title": _title(purchase.title),
        "price": purchase.price,
        "status": purchase.status,
        "status_label": purchase.get_status_display(),
        "reason": purchase.reason,
        "asked_at": purchase.created_at,
        "closed_at": purchase.closed_at,
        "due_on": purchase.loan.due_on if purchase.loan_id else None,
        "page": request.build_absolute_uri(reverse("lending:my_purchases", args=[purchase.library.slug])),
    }


def _refused(exc: services.Refused) -> JsonResponse:
    return JsonResponse({"detail": str(exc), "reason": exc.reason}, status=exc.status)


@router.get(
    "/libraries/{slug}/purchase-titles",
    response=list[TitleOut],
    summary="Books a reader may ask the library to buy",
    description="In-stock titles of the library's partner bookstores; `q` searches title, authors and ISBN.",
)
def list_titles(request, slug: str, q: str = ""):
    library = get_library(slug)
    if not rules_for(library).purchase_enabled:
        return []
    return [_title(title) for title in bookstore_titles.offered_titles(library, q[:200])[:200]]


@router.post(
    "/libraries/{slug}/purchases",
    auth=signed_in,
    response={201: PurchaseOut, 404: Problem, 409: Problem, 422: Problem},
    summary="Ask the library to buy a book for me",
)
def create_purchase(request, slug: str, data: PurchaseIn):
    library = get_library(slug)
    title = get_offered_title(library, data.title_id)
    try:
        purchase = services.ask(
            request.auth,
            library,
            title,
            recipient=data.recipient,
            phone=data.phone,
            address=data.address,
            postcode=data.postcode,
        )
    except services.Refused as exc:
        return _refused(exc)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return JsonResponse(
            {"detail": " ".join(m for ms in errors.values() for m in ms), "reason": "invalid", "errors": errors},
            status=422,
        )
    return Status(201, _purchase(request, purchase))


@router.get("/purchases", auth=signed_in, response=list[PurchaseOut], summary="My requests, the newest first")
def my_purchases(request):
    purchases = (
        Purchase.objects.filter(reader=request.auth)
        .select_related("library", "title__bookstore", "loan")
        .order_by("-created_at", "-pk")
    )
    return [_purchase(request, purchase) for purchase in purchases]


@router.post(
    "/purchases/{purchase_id}/cancel",
    auth=signed_in,
    response={200: PurchaseOut, 404: Problem, 409: Problem},
    summary="Cancel my request while it waits for approval",
)
def cancel_purchase(request, purchase_id: int):
    purchase = (
        Purchase.objects.select_related("library", "title__bookstore", "loan")
        .filter(pk=purchase_id, reader=request.auth)
        .first()
    )
    if purchase is None:
        return JsonResponse({"detail": _("Not found.")}, status=404)
    try:
        services.cancel(purchase, by_reader=request.auth)
    except services.Refused as exc:
        return _refused(exc)
    return Status(200, _purchase(request, purchase))
