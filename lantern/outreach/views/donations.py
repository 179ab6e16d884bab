"""Views of donations."""
