"""Services of volunteers."""
