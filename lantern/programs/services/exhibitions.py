"""Services of exhibitions."""
