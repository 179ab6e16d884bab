"""What changes state in `outreach`, one module per part: views, API and commands call these."""
