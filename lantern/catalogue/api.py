"""API of `catalogue`: records (search, detail) and reading lists. Each area has its own router module."""

from ninja import Router

from .api_lists import router as lists_router
from .api_records import router as records_router

router = Router()
router.add_router("", records_router)
router.add_router("", lists_router)
