"""API of events."""

from ninja import Router

router = Router()
