"""API of briefs."""

from ninja import Router

router = Router()
