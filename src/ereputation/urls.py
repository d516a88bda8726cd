"""Comparing URLs the way people mean them."""

from __future__ import annotations

from urllib.parse import urlsplit


def comparable(url: str) -> str:
    """No scheme, no `www.` or `m.`, no trailing slash, any case: `http://www.GitHub.com/x/`
    and `https://github.com/x` are the same profile."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    return f"{host}{parts.path.rstrip('/').lower()}"
