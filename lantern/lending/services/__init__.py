"""Everything that changes `lending` data, one module per part of the loop (see each module's docstring)."""
