"""Views of `outreach`, one module per part."""
