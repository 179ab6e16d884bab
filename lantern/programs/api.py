"""The programs API: one router, made of each part's routes."""

from ninja import Router

from .api_campaigns import router as campaigns_router
from .api_events import router as events_router
from .api_exhibitions import router as exhibitions_router
from .api_groups import router as groups_router

router = Router(tags=["programs"])
router.add_router("/", events_router)
router.add_router("/", groups_router)
router.add_router("/", exhibitions_router)
router.add_router("/", campaigns_router)
