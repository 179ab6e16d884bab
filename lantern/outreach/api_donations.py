"""API of donations."""

from ninja import Router

router = Router()
