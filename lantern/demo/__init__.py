"""The `lantern demo` command: loads each family's sample data, in dependency order."""
