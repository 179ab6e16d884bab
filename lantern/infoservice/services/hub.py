"""Services of hub."""
