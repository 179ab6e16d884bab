"""API of timed-entry reservations: slots, booking, cancelling, check-in."""

from ninja import Router

router = Router(tags=["reservations"])
