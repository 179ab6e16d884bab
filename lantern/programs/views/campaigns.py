"""Views of campaigns."""
