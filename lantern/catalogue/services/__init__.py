"""Everything that changes catalogue data: `records` (save, import, copies) and `lists` (reading lists)."""
