"""Everything that changes emergency data: `closure` (closing and reopening), `reservations` (timed entry)."""
