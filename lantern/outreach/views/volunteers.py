"""Views of volunteers."""
