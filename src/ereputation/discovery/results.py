"""What a discovery run found: one probe per site and username, and the run that holds them.

These are the result model's types (the JSON result's `discovery` serialises them faithfully),
kept free of any network import so that the model and the formats can use them cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# A probe never claims more than it saw: `unknown` whenever the site's answer proves nothing.
ProbeStatus = Literal["found", "not_found", "unknown"]

# Why a probe ended as it did. found: the account's signature was seen (`signature`).
# not_found: the missing signature or status was seen (`missing`). unknown: everything else.
ProbeReason = Literal[
    "signature",  # found: the site's e_code and e_string both seen
    "missing",  # not_found: the site's m_code and m_string both seen
    "ambiguous",  # neither signature, both, or the control username looked found too
    "blocked",  # 403, an anti-bot challenge, or an address the policy refuses
    "login_wall",  # the site wants a login before it shows anyone's profile
    "rate_limited",  # 429 or 503 with Retry-After
    "timeout",  # the deadline passed
    "error",  # DNS, connection, TLS, malformed answer
    "offline",  # --offline: nothing was sent
]

PROBE_STATUSES: tuple[ProbeStatus, ...] = ("found", "not_found", "unknown")


@dataclass(frozen=True)
class ProbeResult:
    """One site asked about one username (`url` is the page a person would open: uri_pretty)."""

    site: str
    username: str
    url: str
    status: ProbeStatus
    reason: ProbeReason
    http_status: int | None
    elapsed_ms: int
    category: str  # the catalogue's `cat`: social, coding, gaming, dating, ...


@dataclass(frozen=True)
class DiscoveryResult:
    """A whole discovery run: which usernames, how many sites, every probe in a stable order."""

    usernames: tuple[str, ...]
    sites_probed: int
    results: tuple[ProbeResult, ...]

    @property
    def found(self) -> tuple[ProbeResult, ...]:
        return tuple(r for r in self.results if r.status == "found")
