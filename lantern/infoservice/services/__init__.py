"""What changes state in `infoservice`, one module per part: views, API and commands call these."""
