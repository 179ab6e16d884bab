"""API of catalogue records: search and detail (GET /api/v1/records, /api/v1/records/{id})."""

from ninja import Router

router = Router(tags=["records"])
