"""`ereputation discover` and `ereputation sites check` (issue 10): registered on `main`."""
