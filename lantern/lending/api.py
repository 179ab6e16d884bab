"""The lending API: one router, made of each part's routes."""

from ninja import Router

from .api_courier import router as courier_router
from .api_loans import router as loans_router
from .api_orders import router as orders_router
from .api_purchases import router as purchases_router

router = Router(tags=["lending"])
# --- orders (lead) ---
router.add_router("/", orders_router)
# --- courier webhook (carriers) ---
router.add_router("/", courier_router)
# --- buy for the reader (purchases) ---
router.add_router("/", purchases_router)
# --- loans and returns (loans) ---
router.add_router("/", loans_router)
