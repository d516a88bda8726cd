"""Hardened HTTP fetcher: visits a declared profile URL the way a logged-out recruiter would.

Every URL and every byte that comes back is hostile input, so the fetcher bounds everything it
can: which addresses it connects to, how long a visit lasts (one deadline over DNS, connect, TLS,
redirects, retries and the body), how many bytes it keeps (counted after decompression) and how
many redirects it follows. It never raises for network or HTTP trouble; it classifies it, with a
typed `Reason`.

The work is split by job, each module readable in one sitting:

- `connection`: the address policy, DNS resolved once, the deadline's watchdog, guarded sockets;
- `hops`: one request and its retries; `visit`: redirects followed hop by hop;
- `body`: the body read up to a cap and the deadline; `outcome`: failures classified;
- `schedule`: many visits in parallel, one per host at a time, stopped at once by Ctrl-C.
"""

from __future__ import annotations

from ereputation.web.fetchtypes import DEFAULT_USER_AGENT, FetchOptions, FetchResult
from ereputation.web.outcome import FetchStatus
from ereputation.web.schedule import fetch_all
from ereputation.web.visit import visit_url

__all__ = [
    "DEFAULT_USER_AGENT",
    "FetchOptions",
    "FetchResult",
    "FetchStatus",
    "fetch",
    "fetch_all",
]


def fetch(url: str, options: FetchOptions) -> FetchResult:
    """Visit one URL within the options' bounds. Never raises for network or HTTP trouble."""
    return visit_url(url, options, None)
