"""Programs: events, online reading groups, online exhibitions and joint campaigns across a network."""
