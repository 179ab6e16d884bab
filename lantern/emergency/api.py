"""API of `emergency`. Each area has its own router module."""

from ninja import Router

from .api_reservations import router as reservations_router
from .api_status import router as status_router

router = Router()
router.add_router("", status_router)
router.add_router("", reservations_router)
