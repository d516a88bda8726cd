"""One probe: ask one site about one username through the hardened fetcher, and judge the answer.

The request goes through `web.visit` with every guard of a profile visit (address policy, one
deadline, size cap, verified TLS, honest User-Agent, host lock); probes differ only in what they
ask: no redirect is followed (a 302 is often the site's own "missing" signature), no retry (a
rate limit is reported, not hammered), and a smaller byte cap (signatures sit near the top).
"""

from __future__ import annotations

from dataclasses import dataclass

from ereputation.discovery import DEFAULT_TIMEOUT
from ereputation.discovery.catalogue import Site
from ereputation.discovery.results import ProbeReason, ProbeResult, ProbeStatus
from ereputation.discovery.signature import SEARCH_LIMIT, SiteAnswer, classify
from ereputation.web.connection import Crew
from ereputation.web.fetchtypes import FetchOptions, FetchResult, RequestShape
from ereputation.web.netpolicy import AddressPolicy
from ereputation.web.visit import visit_url

# Reasons that say an HTTP answer arrived whole: its status and body can be judged.
_ANSWERED = frozenset(
    {"http_ok", "http_status", "http_retries", "rate_limited", "http_automated_refused"}
)
_REFUSED = frozenset({"private_address", "address_policy", "url_credentials", "url_scheme"})


def probe_options(
    timeout: float = DEFAULT_TIMEOUT,
    *,
    allow_private: bool = False,
    offline: bool = False,
    address_allowed: AddressPolicy | None = None,
) -> FetchOptions:
    """The fetcher's options for probes: the profile visits' policy, asked the probes' way."""
    return FetchOptions(
        timeout=timeout,
        max_bytes=SEARCH_LIMIT,
        allow_private=allow_private,
        offline=offline,
        address_allowed=address_allowed,
        follow_redirects=False,
        retries=0,
    )


@dataclass(frozen=True)
class Probe:
    """A site asked about a username; `control` marks the random name that cannot exist."""

    site: Site
    username: str
    control: bool = False

    def shape(self) -> RequestShape:
        body = self.site.body_for(self.username)
        if body is None:
            return RequestShape("GET", None, self.site.headers)
        return RequestShape("POST", body, self.site.headers)


def judge(site: Site, fetched: FetchResult) -> tuple[ProbeStatus, ProbeReason]:
    """The probe's status and reason from what the fetcher saw."""
    code = fetched.reason.code
    if code == "offline":
        return "unknown", "offline"
    if fetched.status == "timeout":
        return "unknown", "timeout"
    if code in _REFUSED:
        return "unknown", "blocked"
    if fetched.http_status is None or code not in _ANSWERED:
        return "unknown", "error"
    answer = SiteAnswer(
        http_status=fetched.http_status,
        body=fetched.body,
        charset=fetched.charset,
        retry_after=fetched.retry_after,
        location=fetched.location,
        truncated=fetched.truncated,
    )
    return classify(site, answer)


def run_probe(probe: Probe, options: FetchOptions, crew: Crew | None) -> ProbeResult:
    site = probe.site
    if not site.asks_for(probe.username):  # nothing is sent: the site cannot hold this name
        return _result(probe, "unknown", "error", None, 0)
    fetched = visit_url(site.check_url(probe.username), options, crew, probe.shape())
    status, reason = judge(site, fetched)
    return _result(probe, status, reason, fetched.http_status, fetched.elapsed_ms)


def _result(
    probe: Probe,
    status: ProbeStatus,
    reason: ProbeReason,
    http_status: int | None,
    elapsed_ms: int,
) -> ProbeResult:
    site = probe.site
    return ProbeResult(
        site=site.name,
        username=probe.username,
        url=site.profile_url(probe.username),
        status=status,
        reason=reason,
        http_status=http_status,
        elapsed_ms=elapsed_ms,
        category=site.category,
    )
