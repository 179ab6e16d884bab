"""Services of briefs."""
