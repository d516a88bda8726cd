"""Network edge: fetching profile pages and reading them."""
