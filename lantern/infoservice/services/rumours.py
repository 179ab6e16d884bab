"""Services of rumours."""
