"""Where the archive keeps files: a private folder (LANTERN_ARCHIVE_ROOT, outside MEDIA_ROOT and never served
as is). Originals stay there unchanged; public derivatives are served only through the archive's views, which
check that the item is public."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible(path="lantern.archive.storage.ArchiveStorage")
class ArchiveStorage(FileSystemStorage):
    """FileSystemStorage rooted at settings.LANTERN_ARCHIVE_ROOT, read on every use (tests point it elsewhere)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return settings.LANTERN_ARCHIVE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Archive files have no public URL; serve them through the archive's views.")


archive_storage = ArchiveStorage()
