"""API of rumours."""

from ninja import Router

router = Router()
