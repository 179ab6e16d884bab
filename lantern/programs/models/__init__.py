"""The models of `programs`, one module per kind of program."""

from .campaigns import Activity, Campaign, Participation, SharedResource
from .common import Audience, Status
from .events import Event, Registration
from .exhibitions import Exhibition, Item, Section
from .groups import GroupHost, GroupSession, Membership, Post, ReadingGroup

__all__ = [
    "Activity",
    "Audience",
    "Campaign",
    "Event",
    "Exhibition",
    "GroupHost",
    "GroupSession",
    "Item",
    "Membership",
    "Participation",
    "Post",
    "ReadingGroup",
    "Registration",
    "Section",
    "SharedResource",
    "Status",
]
