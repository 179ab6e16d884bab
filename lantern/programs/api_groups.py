"""API of groups."""

from ninja import Router

router = Router()
