"""API of stations."""

from ninja import Router

router = Router()
