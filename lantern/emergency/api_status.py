"""API of service status: a network's libraries with their closure and reopening history."""

from ninja import Router

router = Router(tags=["service status"])
