"""Services of campaigns."""
