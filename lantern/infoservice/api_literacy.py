"""API of literacy."""

from ninja import Router

router = Router()
