"""What the preservation tests share: items with files in each state, and damage done to an original
behind the archive's back (as a failing disk, a careless script or an intruder would)."""

from pathlib import Path

from django.conf import settings

from .helpers import accepted_item, pdf, photo, text


def original_path(item_file) -> Path:
    return Path(settings.LANTERN_ARCHIVE_ROOT) / item_file.original.name


def delete_original(item_file) -> None:
    original_path(item_file).unlink()


def change_one_byte(item_file) -> None:
    path = original_path(item_file)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def item_with_three_files(library, collection=None, **overrides):
    """An accepted item with a photo, a PDF and a text file."""
    return accepted_item(library, collection, files=[photo(), pdf(), text()], **overrides)
