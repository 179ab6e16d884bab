"""Views of ask."""
