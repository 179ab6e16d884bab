"""Views of the archive: moderate."""
