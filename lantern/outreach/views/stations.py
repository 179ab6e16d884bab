"""Views of stations."""
