"""One hop of a visit: check the URL, send the request, retry what is worth retrying.

Why not ``requests.Session``: ``Session.send`` reads a redirect's whole body (``resp.content``)
even with ``allow_redirects=False``, unbounded. Requests are sent through ``HTTPAdapter.send``
instead, which also keeps environment proxies, netrc and CA variables out of the picture.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, cast
from urllib.parse import urlsplit

import requests
import urllib3
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar
from urllib3.response import HTTPResponse

from ereputation.reasons import Reason
from ereputation.web.connection import GuardedAdapter, VisitState
from ereputation.web.fetchtypes import GET, FetchOptions, RequestShape
from ereputation.web.headers import header_allowed
from ereputation.web.hostkey import host_key
from ereputation.web.outcome import FETCH_ERRORS, FetchStatus, Outcome, classify

REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_RETRY_CODES = frozenset({429, 502, 503, 504})
_RETRY_AFTER_CODES = frozenset({429, 503})
_STATUS_BY_CODE: dict[int, FetchStatus] = {
    404: "not_found",
    410: "not_found",
    403: "blocked",
    999: "blocked",
    429: "rate_limited",
}
_BACKOFF_BASE = 0.5  # seconds; doubled on each retry

# The stubs leave this helper untyped; its signature is (jar, request, urllib3 response).
_extract_cookies = cast(Callable[[RequestsCookieJar, Any, Any], None], extract_cookies_to_jar)


@dataclass
class Answer:
    """How one hop ended: a final response to read, a redirect, or a classified failure."""

    status: FetchStatus
    reason: Reason
    http_status: int | None = None
    response: requests.Response | None = None
    location: str | None = None  # a redirect to follow
    address: str | None = None
    target: str | None = None  # a redirect kept as the answer (follow_redirects=False)


def check_url(url: str) -> tuple[str, str]:
    """The normalised URL and its host, or Outcome when the URL must not be visited."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise Outcome("error", Reason.of("url_invalid")) from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme:
            raise Outcome("skipped", Reason.of("url_no_scheme"))
        raise Outcome("skipped", Reason.of("url_scheme", scheme=scheme))
    if "@" in parts.netloc:
        raise Outcome("skipped", Reason.of("url_credentials"))
    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_url(url, None)
        host = urlsplit(prepared.url or "").hostname
    except (*FETCH_ERRORS, urllib3.exceptions.LocationParseError):
        raise Outcome("error", Reason.of("url_invalid")) from None
    if not host:
        raise Outcome("error", Reason.of("url_no_host"))
    return cast(str, prepared.url), host_key(host)


def _headers(options: FetchOptions, shape: RequestShape) -> dict[str, str]:
    headers = {
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Language": options.accept_language,
    }
    if shape.body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    # The caller's headers replace those above (case-insensitively), never the fetcher's own.
    for name, value in shape.headers:
        if header_allowed(name, value):
            for known in [k for k in headers if k.lower() == name.lower()]:
                del headers[known]
            headers[name] = value
    headers["User-Agent"] = options.user_agent
    # Only what urllib3 always decodes, so the byte cap always counts decoded bytes.
    headers["Accept-Encoding"] = "gzip, deflate"
    return headers


def _send(
    url: str,
    visit: VisitState,
    adapter: GuardedAdapter,
    jar: RequestsCookieJar,
    shape: RequestShape = GET,
) -> Answer:
    remaining = visit.remaining()
    if remaining <= 0:
        raise Outcome("timeout", visit.timeout())
    headers = _headers(visit.options, shape)
    request = requests.Request(
        shape.method, url, headers=headers, cookies=jar, data=shape.body
    ).prepare()
    verify: bool | str = visit.options.ca_bundle or True  # never False
    # Socket timeouts start at the time left; the watchdog bounds the sum of reads.
    response = adapter.send(request, stream=True, timeout=(remaining, remaining), verify=verify)
    if visit.watchdog.fired:  # the headers were cut short: whatever parsed is not an answer
        response.close()
        raise Outcome("timeout", visit.timeout("timeout_answer"))
    _extract_cookies(jar, request, response.raw)
    connection = cast(HTTPResponse, response.raw).connection
    address = getattr(connection, "peer_address", None)
    code = response.status_code
    return Answer("ok", Reason.of("http_ok", code=code), code, response, address=address)


def _retry_pause(visit: VisitState, attempt: int, asked: float | None) -> float | None:
    """Seconds to wait before retrying, or None when no retry fits."""
    if attempt >= visit.options.retries:
        return None
    wait = asked if asked is not None else _BACKOFF_BASE * 2**attempt
    if wait > visit.options.max_retry_wait or wait >= visit.remaining():
        return None
    return wait


def ask(
    url: str,
    visit: VisitState,
    adapter: GuardedAdapter,
    jar: RequestsCookieJar,
    shape: RequestShape = GET,
) -> Answer:
    """One hop: send, retrying resets, 502/503/504 and 429/503 with a short Retry-After."""
    attempt = 0
    while True:
        try:
            answer = _send(url, visit, adapter, jar, shape)
        except (Outcome, *FETCH_ERRORS) as exc:
            # Past the deadline here, the site had not finished answering the request.
            outcome = classify(exc, visit.expired(), visit.timeout("timeout_answer"))
            pause = _retry_pause(visit, attempt, None) if outcome.retryable else None
            if pause is None:
                return Answer(outcome.status, outcome.reason)
            visit.pause(pause)
            attempt += 1
            continue
        response = cast(requests.Response, answer.response)
        code = response.status_code
        if code in REDIRECT_CODES and response.headers.get("location"):
            if not visit.options.follow_redirects:  # the redirect itself is the answer
                answer.target = _location(response.headers["location"])
                return answer
            response.close()
            answer.response = None
            answer.location = _location(response.headers["location"])
            return answer
        if code not in _RETRY_CODES:
            answer.status, answer.reason = status_for(code)
            return answer
        asked = (
            parse_retry_after(response.headers.get("retry-after"))
            if code in _RETRY_AFTER_CODES
            else None
        )
        if asked is not None and (
            asked > visit.options.max_retry_wait or asked >= visit.remaining()
        ):
            answer.status = "rate_limited"
            answer.reason = Reason.of("rate_limited", code=code, wait=f"{asked:.0f}")
            return answer
        pause = _retry_pause(visit, attempt, asked)
        if pause is None:
            limited = code == 429 or asked is not None
            answer.status = "rate_limited" if limited else "error"
            answer.reason = (
                Reason.of("http_retries", code=code, attempts=attempt + 1)
                if attempt
                else Reason.of("http_status", code=code)
            )
            return answer
        response.close()
        visit.pause(pause)
        attempt += 1


def status_for(code: int) -> tuple[FetchStatus, Reason]:
    if 200 <= code < 300:
        return "ok", Reason.of("http_ok", code=code)
    status = _STATUS_BY_CODE.get(code, "error")
    if code in REDIRECT_CODES:
        return status, Reason.of("redirect_no_location", code=code)
    if code == 999:
        return status, Reason.of("http_automated_refused", code=code)
    return status, Reason.of("http_status", code=code)


def _location(value: str) -> str:
    # http.client decodes header bytes as latin-1; servers send UTF-8 in practice.
    try:
        return value.encode("latin-1").decode("utf-8").strip()
    except UnicodeError:
        return value.strip()


def parse_retry_after(value: str | None) -> float | None:
    """Seconds asked for by Retry-After (delta-seconds or HTTP-date), None if absent or garbled."""
    if value is None:
        return None
    value = value.strip()
    if re.fullmatch(r"[0-9]+", value):
        return float(min(int(value[:12]), 10**9))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
