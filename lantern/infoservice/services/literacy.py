"""Services of literacy."""
