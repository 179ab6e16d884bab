"""Views of exhibitions."""
