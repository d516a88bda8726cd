"""Which request headers a caller (a site catalogue) may add to a visit, and which it may not.

Import-light on purpose: the catalogue validator uses the same rule without loading the fetcher.
"""

from __future__ import annotations

# The honest User-Agent is the policy; the transport's own headers belong to the fetcher (the
# byte cap counts only what urllib3 decodes, so Accept-Encoding is never the caller's).
RESERVED_HEADERS = frozenset(
    {
        "user-agent",
        "host",
        "accept-encoding",
        "content-length",
        "transfer-encoding",
        "connection",
        "te",
        "upgrade",
        "proxy-authorization",
        "proxy-connection",
        "keep-alive",
        "expect",
    }
)
_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
MAX_HEADER_VALUE = 2_000


def header_well_formed(name: str, value: str) -> bool:
    """A header name made of token characters and a value of printable ASCII (a line break
    would smuggle another header in; other characters cannot be sent as they are)."""
    return (
        bool(name)
        and set(name) <= _TOKEN
        and len(value) <= MAX_HEADER_VALUE
        and all(0x20 <= ord(c) < 0x7F or c == "\t" for c in value)
    )


def header_allowed(name: str, value: str) -> bool:
    """Well formed and not one the fetcher keeps for itself."""
    return header_well_formed(name, value) and name.lower() not in RESERVED_HEADERS
