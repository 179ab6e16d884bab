"""Views of `programs`, one module per kind of program."""
