"""Services of donations."""
