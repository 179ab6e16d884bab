"""What changes state in `programs`, one module per kind of program: views, API and commands call these."""
