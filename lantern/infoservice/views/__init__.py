"""Views of `infoservice`, one module per part."""
