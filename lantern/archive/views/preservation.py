"""Views of the archive: preservation."""
