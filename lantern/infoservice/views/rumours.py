"""Views of rumours."""
