"""The archive's state-changing functions, one module per part (views, API, admin and commands call them)."""
