"""Views of briefs."""
