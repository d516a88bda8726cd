"""What a visit is asked to do (`FetchOptions`) and what it saw (`FetchResult`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ereputation import __version__
from ereputation.reasons import Reason
from ereputation.web.netpolicy import IPAddress
from ereputation.web.outcome import FetchStatus

DEFAULT_USER_AGENT = f"ereputation/{__version__} (+profile audit run by its owner)"


@dataclass(frozen=True)
class FetchOptions:
    """How a visit is bounded. `address_allowed` replaces the public-address policy (tests)."""

    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    allow_private: bool = False
    offline: bool = False
    max_retry_wait: float = 5.0
    retries: int = 2
    user_agent: str = DEFAULT_USER_AGENT
    ca_bundle: str | None = None
    address_allowed: Callable[[IPAddress], bool] | None = None
    accept_language: str = "fr-FR,fr;q=0.9,en;q=0.8"
    # False: a redirect is the answer (its status, Location and body), as a site signature
    # that tells a missing account by its 302 needs; the target is not visited.
    follow_redirects: bool = True

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError("timeout must be positive")
        if min(self.max_bytes, self.max_redirects, self.retries) < 0 or self.max_retry_wait < 0:
            raise ValueError("max_bytes, max_redirects, retries and max_retry_wait must be >= 0")


@dataclass(frozen=True)
class RequestShape:
    """What a visit sends besides the URL: a method, a body and headers of the caller's.

    Headers the fetcher keeps for itself (`web.headers.RESERVED_HEADERS`) or malformed ones are
    dropped. A redirect that is followed is asked with GET and no body, as browsers do.
    """

    method: Literal["GET", "POST"] = "GET"
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()


GET = RequestShape()


@dataclass(frozen=True)
class FetchResult:
    """What a visit saw.

    `body` holds bytes (inflated from gzip/deflate, not decoded from `charset`), at most
    `max_bytes` of them. `address` is the IP of the last server the visit connected to.
    `redirects` lists every redirect target in order; `final_url` is where the visit stopped.
    `reason` says why the visit ended as it did, as a code with parameters.
    `location` is the Location of a redirect that was not followed (`follow_redirects=False`);
    `retry_after` the seconds a final answer's Retry-After asked for, when it had one.
    """

    url: str
    final_url: str
    status: FetchStatus
    reason: Reason
    http_status: int | None
    content_type: str | None
    charset: str | None
    body: bytes
    truncated: bool
    elapsed_ms: int
    redirects: tuple[str, ...]
    address: str | None
    location: str | None = None
    retry_after: float | None = None
