"""Services of special."""
