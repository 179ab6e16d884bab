"""Pages of `emergency`: `status` (closing, reopening, network board) and `reservations` (timed entry)."""
