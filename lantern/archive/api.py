"""The archive API: public items and collections (read only). Never shows a preserve-only or hidden item."""

from ninja import Router

router = Router(tags=["archive"])
