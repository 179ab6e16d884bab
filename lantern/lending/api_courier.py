"""The courier webhook: a courier company posts signed status updates of the parcels it carries.

No session and no token: the HMAC signature with the carrier's secret is the authentication, so there is
no cookie for a cross-site request to ride on and no CSRF check. The protocol is in COURIERS.md.

Checked in this order, each answer a JSON `{"detail", "reason"}`: carrier (404), signature and timestamp
(401), body (400 not JSON, 422 wrong fields), order (404), event seen before (409), order state (409).
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema

from .models import Carrier
from .services import carriers as services
from .services.common import Refused

router = Router(tags=["couriers"])

TIMESTAMP_HEADER = "X-Lantern-Timestamp"
SIGNATURE_HEADER = "X-Lantern-Signature"


class Accepted(Schema):
    event_id: str
    order: str
    status: str
    order_status: str


class Problem(Schema):
    detail: str
    reason: str | None = None


def _refused(exc: Refused) -> JsonResponse:
    return JsonResponse({"detail": str(exc), "reason": exc.reason}, status=exc.status)


@router.post(
    "/lending/couriers/{carrier_id}/events",
    auth=None,
    url_name="courier_events",
    response={200: Accepted, 400: Problem, 401: Problem, 404: Problem, 409: Problem, 422: Problem},
    summary="A courier's signed status update of a parcel",
    description="Signed with the carrier's webhook secret: header X-Lantern-Timestamp (unix seconds) and "
    'X-Lantern-Signature `sha256=<hex HMAC-SHA256 of "{timestamp}.{raw body}">`. Each event_id is accepted '
    "once. See COURIERS.md.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "required": ["event_id", "tracking_number", "status", "occurred_at"],
                        "properties": {
                            "event_id": {"type": "string", "maxLength": 100},
                            "tracking_number": {"type": "string", "maxLength": 64},
                            "status": {"type": "string", "enum": list(services.STATUSES)},
                            "occurred_at": {"type": "string", "format": "date-time"},
                            "note": {"type": "string", "maxLength": services.NOTE_MAX},
                        },
                    }
                }
            },
        }
    },
)
def courier_event(request, carrier_id: int):
    carrier = (
        Carrier.objects.select_related("library").filter(pk=carrier_id, kind=Carrier.Kind.COURIER, active=True).first()
    )
    try:
        if carrier is None:
            raise Refused(_("Not found."), "unknown_carrier", 404)
        body = request.body  # the raw bytes that were signed, before any parsing
        services.check_signature(
            carrier, request.headers.get(TIMESTAMP_HEADER, ""), request.headers.get(SIGNATURE_HEADER, ""), body
        )
        update = services.parse_update(body)
        event = services.receive_update(carrier, update)
    except Refused as exc:
        return _refused(exc)
    event.order.refresh_from_db(fields=["status"])
    return {
        "event_id": event.event_id,
        "order": event.order.number,
        "status": event.status,
        "order_status": event.order.status,
    }
