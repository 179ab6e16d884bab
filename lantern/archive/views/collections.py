"""Views of the archive: collections."""
