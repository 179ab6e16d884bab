"""Views of hub."""
