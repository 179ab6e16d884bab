"""API of reading lists (GET /api/v1/lists, /api/v1/lists/{id})."""

from ninja import Router

router = Router(tags=["reading lists"])
