"""Services of groups."""
