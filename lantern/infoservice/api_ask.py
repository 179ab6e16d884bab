"""API of ask."""

from ninja import Router

router = Router()
