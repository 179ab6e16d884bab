"""Small pieces every part of the archive uses: references, folded search text, the public queryset."""

import secrets

import opencc
from django.db.models import QuerySet

from ..models import ArchiveSettings, Item

# No 0/O or 1/I/L: references are read aloud on the phone and typed from paper receipts.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_t2s = opencc.OpenCC("t2s")


def new_reference(prefix: str = "A") -> str:
    """A random reference such as A-7KQ2-M9XD: short enough to read out, too many to guess (31^8)."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"{prefix}-{body[:4]}-{body[4:]}"


def fold(text: str) -> str:
    """Text as search compares it: Traditional folded to Simplified Chinese, lower case."""
    return _t2s.convert(text or "").casefold()


def search_text_of(item: Item) -> str:
    return fold(" ".join([item.title, item.creator, item.subject, item.description, item.coverage]))


def settings_of(library) -> ArchiveSettings:
    """The library's archive settings; a library without a row has the defaults (not saved here)."""
    return ArchiveSettings.objects.filter(library=library).first() or ArchiveSettings(library=library)


def public_items(library=None) -> QuerySet[Item]:
    """Items anyone may see: accepted, published by their licence, not hidden. The one place this is said."""
    items = Item.objects.filter(status=Item.Status.ACCEPTED, hidden_at__isnull=True).exclude(
        licence=Item.Licence.PRESERVE_ONLY
    )
    return items.filter(library=library) if library is not None else items
