"""Views of `archive`, one module per part."""
