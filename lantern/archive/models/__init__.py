"""The models of `archive`, one module per part."""

from .collections import ArchiveSettings, Collection
from .items import Item, ItemFile, Message, Takedown
from .preservation import FixityProblem, FixityRun

__all__ = [
    "ArchiveSettings",
    "Collection",
    "FixityProblem",
    "FixityRun",
    "Item",
    "ItemFile",
    "Message",
    "Takedown",
]
