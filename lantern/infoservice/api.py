"""The information-service API: one router, made of each part's routes."""

from ninja import Router

from .api_ask import router as ask_router
from .api_briefs import router as briefs_router
from .api_hub import router as hub_router
from .api_literacy import router as literacy_router
from .api_rumours import router as rumours_router

router = Router(tags=["information service"])
router.add_router("/", hub_router)
router.add_router("/", rumours_router)
router.add_router("/", literacy_router)
router.add_router("/", ask_router)
router.add_router("/", briefs_router)
