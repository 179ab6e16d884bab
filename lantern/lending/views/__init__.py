"""Pages of `lending`, one module per part of the loop."""
