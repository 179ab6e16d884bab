"""API of hub."""

from ninja import Router

router = Router()
