"""Services of stations."""
