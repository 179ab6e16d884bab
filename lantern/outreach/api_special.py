"""API of special."""

from ninja import Router

router = Router()
