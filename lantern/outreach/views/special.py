"""Views of special."""
