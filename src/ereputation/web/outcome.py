"""How a visit ends when it does not end with a page: a status and a typed reason.

requests, urllib3, http.client and ssl nest their errors in one another; `classify` walks the
whole chain once and names the failure a person can understand.
"""

from __future__ import annotations

import http.client
import ssl
from collections.abc import Iterator
from typing import Literal

import requests
import urllib3
from urllib3.util.ssl_match_hostname import CertificateError

from ereputation.reasons import Reason

FetchStatus = Literal["ok", "not_found", "blocked", "rate_limited", "timeout", "error", "skipped"]


class Outcome(Exception):
    """A classified end of a request: raised from deep inside urllib3 and caught by the visit."""

    def __init__(self, status: FetchStatus, reason: Reason, retryable: bool = False) -> None:
        super().__init__(reason.code)
        self.status: FetchStatus = status
        self.reason = reason
        self.retryable = retryable


# What a hostile server or a broken network can make requests/urllib3/http.client raise.
FETCH_ERRORS = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
    ValueError,
    UnicodeError,
)

_RESET_ERRORS = (
    ConnectionResetError,
    ConnectionAbortedError,
    BrokenPipeError,
    http.client.RemoteDisconnected,
    http.client.IncompleteRead,
    urllib3.exceptions.IncompleteRead,
)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """exc and everything it wraps (urllib3 and requests nest errors in args and .reason)."""
    seen: set[int] = set()
    queue: list[BaseException] = [exc]
    while queue:
        current = queue.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        linked = (current.__cause__, current.__context__, getattr(current, "reason", None))
        queue.extend(x for x in (*linked, *current.args) if isinstance(x, BaseException))


def classify(exc: BaseException, expired: bool, timeout: Reason) -> Outcome:
    """The outcome an exception stands for; `timeout` is the reason once the deadline passed."""
    if isinstance(exc, Outcome):
        return exc
    if expired:
        return Outcome("timeout", timeout)
    chain = list(_causes(exc))
    for cause in chain:
        if isinstance(cause, Outcome):
            return cause
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = cause.verify_message or str(cause)
            return Outcome("error", Reason.of("tls_unverified", detail=detail))
        if isinstance(cause, CertificateError):
            return Outcome("error", Reason.of("tls_unverified", detail=cause))
    for cause in chain:
        if isinstance(cause, ssl.SSLError) and not isinstance(cause, ssl.SSLEOFError):
            return Outcome("error", Reason.of("tls_failed", detail=cause.reason or cause))
        if isinstance(cause, (TimeoutError, urllib3.exceptions.TimeoutError, requests.Timeout)):
            return Outcome("timeout", Reason.of("timeout_answer", **dict(timeout.params)))
        if isinstance(cause, urllib3.exceptions.DecodeError):
            return Outcome("error", Reason.of("compressed_corrupt"))
    if any(isinstance(c, (*_RESET_ERRORS, ssl.SSLEOFError)) for c in chain):
        return Outcome("error", Reason.of("connection_reset"), retryable=True)
    if any(isinstance(c, urllib3.exceptions.ProtocolError) for c in chain):
        return Outcome("error", Reason.of("protocol_error"))
    return Outcome("error", Reason.of("request_failed", detail=type(exc).__name__))
