"""Emergency management: closing and reopening, timed-entry reservations, plans, prevention logs, training."""
