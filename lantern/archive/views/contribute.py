"""Views of the archive: contribute."""
