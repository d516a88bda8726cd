"""One visit of a URL: hop after hop, each redirect checked like the first URL, then the body."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from requests.cookies import RequestsCookieJar

from ereputation.reasons import Reason
from ereputation.web.body import read_body
from ereputation.web.connection import CURRENT_VISIT, Crew, GuardedAdapter, VisitState, hold_host
from ereputation.web.fetchtypes import GET, FetchOptions, FetchResult, RequestShape
from ereputation.web.hops import Answer, ask, check_url, parse_retry_after
from ereputation.web.mediatype import parse_content_type
from ereputation.web.outcome import Outcome


@dataclass
class _Trail:
    url: str
    current: str
    redirects: list[str] = field(default_factory=list)
    address: str | None = None


def _jar_state(jar: RequestsCookieJar) -> tuple[tuple[str, str, str, str | None], ...]:
    return tuple(sorted((c.domain, c.path, c.name, c.value) for c in jar))


def _follow(trail: _Trail, visit: VisitState, shape: RequestShape) -> tuple[Answer, bytes, bool]:
    """Follow redirects by hand, checking every hop: (final answer, body, truncated)."""
    adapter = GuardedAdapter()
    jar = RequestsCookieJar()
    seen: set[tuple[str, Any]] = set()
    try:
        while True:
            url, host = check_url(trail.current)
            state = (url, _jar_state(jar))
            if state in seen:
                raise Outcome("error", Reason.of("redirect_loop", url=url))
            seen.add(state)
            with hold_host(visit, host):
                try:
                    answer = ask(url, visit, adapter, jar, shape)
                    trail.address = answer.address or trail.address
                    body, truncated = b"", False
                    if answer.response is not None:
                        body, truncated, failure = read_body(answer.response, visit)
                        if failure is not None:
                            answer.status, answer.reason = failure.status, failure.reason
                finally:
                    adapter.close()  # no idle connection to this host outlives the hop
            if answer.location is None:
                return answer, body, truncated
            if len(trail.redirects) >= visit.options.max_redirects:
                limit = visit.options.max_redirects
                raise Outcome("error", Reason.of("too_many_redirects", limit=limit))
            trail.current = urljoin(url, answer.location)
            trail.redirects.append(trail.current)
            shape = GET  # a followed redirect is asked with GET and no body, as browsers do
    finally:
        adapter.close()


def visit_url(
    url: str, options: FetchOptions, crew: Crew | None, shape: RequestShape = GET
) -> FetchResult:
    """Visit one URL within the options' bounds. Never raises for network or HTTP trouble."""
    started = time.monotonic()
    trail = _Trail(url=url, current=url)

    def result(answer: Answer, body: bytes = b"", truncated: bool = False) -> FetchResult:
        content_type, charset, retry_after = None, None, None
        if answer.response is not None:
            headers = answer.response.headers
            content_type, charset = parse_content_type(headers.get("content-type"))
            retry_after = parse_retry_after(headers.get("retry-after"))
        return FetchResult(
            url=url,
            final_url=trail.current,
            status=answer.status,
            reason=answer.reason,
            http_status=answer.http_status,
            content_type=content_type,
            charset=charset,
            body=body,
            truncated=truncated,
            elapsed_ms=round((time.monotonic() - started) * 1000),
            redirects=tuple(trail.redirects),
            address=trail.address,
            location=answer.target,
            retry_after=retry_after,
        )

    if options.offline:
        return result(Answer("skipped", Reason.of("offline")))
    visit = VisitState(options, started, crew)
    if crew is not None:
        crew.join(visit.watchdog)
    token = CURRENT_VISIT.set(visit)
    try:
        answer, body, truncated = _follow(trail, visit, shape)
        return result(answer, body, truncated)
    except Outcome as outcome:
        return result(Answer(outcome.status, outcome.reason))
    finally:
        CURRENT_VISIT.reset(token)
        visit.watchdog.stop()
        if crew is not None:
            crew.leave(visit.watchdog)
