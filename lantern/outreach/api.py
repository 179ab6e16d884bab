"""The outreach API: one router, made of each part's routes."""

from ninja import Router

from .api_donations import router as donations_router
from .api_special import router as special_router
from .api_stations import router as stations_router
from .api_volunteers import router as volunteers_router

router = Router(tags=["outreach"])
router.add_router("/", stations_router)
router.add_router("/", donations_router)
router.add_router("/", volunteers_router)
router.add_router("/", special_router)
