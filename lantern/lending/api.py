"""The lending API: one router, made of each part's routes."""

from ninja import Router

router = Router(tags=["lending"])
