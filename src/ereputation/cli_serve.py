"""`ereputation serve` (issue 11): registered on `main`; Flask and waitress load only here."""
