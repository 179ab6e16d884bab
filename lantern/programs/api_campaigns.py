"""API of campaigns."""

from ninja import Router

router = Router()
