"""Services of ask."""
