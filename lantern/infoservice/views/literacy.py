"""Views of literacy."""
