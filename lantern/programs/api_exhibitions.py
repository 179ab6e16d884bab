"""API of exhibitions."""

from ninja import Router

router = Router()
