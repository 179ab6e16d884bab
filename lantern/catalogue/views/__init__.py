"""Pages of `catalogue`: `records` (search, record), `imports` (staff upload), `lists`, `opds`."""
