"""Hardened HTTP fetcher: visits a declared profile URL the way a logged-out recruiter would.

Every URL and every byte that comes back is hostile input, so this module bounds everything it
can: which addresses it connects to, how long a visit lasts (one deadline over DNS, connect, TLS,
redirects, retries and the body), how many bytes it keeps (counted after decompression) and how
many redirects it follows. It never raises for network or HTTP trouble; it classifies it.

How the address check avoids DNS rebinding: requests and urllib3 are used as they are, except that
the connection classes replace urllib3's ``_new_conn`` (private, but the one place where a socket is
opened, unchanged since urllib3 1.x; the tests would catch a change). There the host name is
resolved once, every address it resolves to is checked, and the socket is connected to a checked
address itself, so no second lookup can swap the address. The URL, and so the Host header, TLS SNI
and certificate matching, keep the host name.

Why not ``requests.Session``: ``Session.send`` reads a redirect's whole body (``resp.content``)
even with ``allow_redirects=False``, unbounded. Requests are sent through ``HTTPAdapter.send``
instead, which also keeps environment proxies, netrc and CA variables out of the picture.
"""

from __future__ import annotations

import contextlib
import email.utils
import errno
import http.client
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from ipaddress import IPv4Address, IPv6Address, ip_address
from queue import Queue
from typing import Any, Literal, cast
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.cookies import RequestsCookieJar, extract_cookies_to_jar
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.response import HTTPResponse
from urllib3.util.ssl_match_hostname import CertificateError

from ereputation import __version__
from ereputation.web.netpolicy import IPAddress, address_refusal, is_public_address

# Bounded decompression (read1/read with max_length) arrived in urllib3 2.6; before it a small
# gzip bomb could inflate past the byte cap in a single read.
_URLLIB3_VERSION: str = getattr(urllib3, "__version__", "0")
if tuple(int(part) for part in re.findall(r"\d+", _URLLIB3_VERSION)[:2]) < (2, 6):
    raise ImportError(f"ereputation needs urllib3 >= 2.6, found {_URLLIB3_VERSION}")

FetchStatus = Literal["ok", "not_found", "blocked", "rate_limited", "timeout", "error", "skipped"]


def _version() -> str:
    return __version__


DEFAULT_USER_AGENT = f"ereputation/{_version()} (+profile audit run by its owner)"


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

    def __post_init__(self) -> None:
        if not self.timeout > 0:
            raise ValueError("timeout must be positive")
        if min(self.max_bytes, self.max_redirects, self.retries) < 0 or self.max_retry_wait < 0:
            raise ValueError("max_bytes, max_redirects, retries and max_retry_wait must be >= 0")


@dataclass(frozen=True)
class FetchResult:
    """What a visit saw.

    `body` holds bytes (inflated from gzip/deflate, not decoded from `charset`), at most
    `max_bytes` of them. `address` is the IP of the last server the visit connected to.
    `redirects` lists every redirect target in order; `final_url` is where the visit stopped.
    """

    url: str
    final_url: str
    status: FetchStatus
    reason: str
    http_status: int | None
    content_type: str | None
    charset: str | None
    body: bytes
    truncated: bool
    elapsed_ms: int
    redirects: tuple[str, ...]
    address: str | None


# --- outcomes -----------------------------------------------------------------------------------


class _Outcome(Exception):
    """A classified end of a request: raised from deep inside urllib3 and caught by fetch()."""

    def __init__(self, status: FetchStatus, reason: str, retryable: bool = False) -> None:
        super().__init__(reason)
        self.status: FetchStatus = status
        self.reason = reason
        self.retryable = retryable


# What a hostile server or a broken network can make requests/urllib3/http.client raise.
_FETCH_ERRORS = (
    requests.RequestException,
    urllib3.exceptions.HTTPError,
    http.client.HTTPException,
    OSError,
    ValueError,
    UnicodeError,
)

_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_RETRY_CODES = frozenset({429, 502, 503, 504})
_RETRY_AFTER_CODES = frozenset({429, 503})
_STATUS_BY_CODE: dict[int, FetchStatus] = {
    404: "not_found",
    410: "not_found",
    403: "blocked",
    999: "blocked",
    429: "rate_limited",
}
_CHUNK = 64 * 1024
_BACKOFF_BASE = 0.5  # seconds; doubled on each retry


def _phrase(code: int) -> str:
    if code == 999:
        return "LinkedIn's refusal of automated visits"
    try:
        return HTTPStatus(code).phrase.lower()
    except ValueError:
        return "non-standard status"


def _article(label: str) -> str:
    return "an" if label[0] in "aeiou" else "a"


# --- deadline -----------------------------------------------------------------------------------


class _Watchdog:
    """Shuts a visit's sockets down at the deadline.

    Socket timeouts bound each recv, not their sum: a server that sends a header or body byte
    every half second would never trip them. Shutting the socket down from a timer makes any
    blocked recv return at once; fetch() then reports a timeout.
    """

    def __init__(self, deadline: float) -> None:
        self._deadline = deadline
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._timer: threading.Timer | None = None
        self.fired = False

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            if self.fired:
                _shut(sock)
            elif self._timer is None:
                delay = max(0.0, self._deadline - time.monotonic())
                self._timer = threading.Timer(delay, self._fire)
                self._timer.daemon = True
                self._timer.start()

    def forget(self, sock: socket.socket) -> None:
        with self._lock, contextlib.suppress(ValueError):
            self._socks.remove(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._socks:
                _shut(sock)

    def stop(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._socks.clear()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed or detached: nothing left to cut
        sock.shutdown(socket.SHUT_RDWR)


class _HostLocks:
    """One lock per host name, shared by the workers of one fetch_all call."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}

    def get(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())


class _Visit:
    """The state of one fetch() call, reachable from the connection classes via a ContextVar."""

    def __init__(self, options: FetchOptions, started: float, host_locks: _HostLocks | None):
        self.options = options
        self.deadline = started + options.timeout
        self.watchdog = _Watchdog(self.deadline)
        self.host_locks = host_locks

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def expired(self) -> bool:
        return self.watchdog.fired or self.remaining() <= 0

    def timeout_reason(self, what: str = "the visit was not over") -> str:
        return f"{what} within the {self.options.timeout:g} s deadline"

    def allowed(self, ip: IPAddress) -> bool:
        if self.options.allow_private:
            return True
        policy = self.options.address_allowed or is_public_address
        return policy(ip)

    def connect(
        self, host: str, port: int, socket_options: Sequence[tuple[int, int, Any]] | None
    ) -> tuple[socket.socket, str]:
        """Resolve once, refuse if any answer is forbidden, connect to a checked address."""
        candidates = _resolve(host, port, self)
        for ip, _, _ in candidates:
            if not self.allowed(ip):
                raise _Outcome("skipped", _refusal_reason(host, ip))
        failure: OSError | None = None
        for ip, family, sockaddr in candidates:
            remaining = self.remaining()
            if remaining <= 0:
                break
            sock = socket.socket(family, socket.SOCK_STREAM)
            try:
                for option in socket_options or ():
                    sock.setsockopt(*option)
                sock.settimeout(remaining)
                sock.connect(sockaddr)
            except TimeoutError:
                sock.close()
                reason = self.timeout_reason(f"{ip} did not accept a connection")
                raise _Outcome("timeout", reason) from None
            except OSError as exc:
                sock.close()
                failure = exc  # try the next address, as browsers do
                continue
            return sock, str(ip)
        if failure is None:
            raise _Outcome("timeout", self.timeout_reason("no connection was made"))
        raise _Outcome("error", _connect_failure(failure))


def _refusal_reason(host: str, ip: IPAddress) -> str:
    label = address_refusal(ip)
    subject = str(ip) if host == str(ip) else f"{host} resolves to {ip}, which"
    if label is None:
        return f"{subject} is refused by the address policy"
    return f"{subject} is {_article(label)} {label} address, not a public one"


def _connect_failure(exc: OSError) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if exc.errno == errno.ENETUNREACH:
        return "the network is unreachable"
    if exc.errno == errno.EHOSTUNREACH:
        return "the host is unreachable"
    return f"could not connect: {exc.strerror or exc}"


# The stubs leave this helper untyped; its signature is (jar, request, urllib3 response).
_extract_cookies = cast(Callable[[RequestsCookieJar, Any, Any], None], extract_cookies_to_jar)

_CURRENT_VISIT: ContextVar[_Visit | None] = ContextVar("ereputation_visit", default=None)

_Candidate = tuple[IPAddress, int, Any]  # address, socket family, sockaddr


def _resolve(host: str, port: int, visit: _Visit) -> list[_Candidate]:
    """The addresses to try for host:port, each at most once, in resolver order."""
    if host == "invalid" or host.endswith(".invalid"):
        # RFC 6761: such names never resolve, so no query needs to leave the machine.
        raise _Outcome("error", "the name does not resolve")
    try:
        literal: IPAddress | None = ip_address(host)
    except ValueError:
        literal = None
    if isinstance(literal, IPv4Address):
        return [(literal, socket.AF_INET, (host, port))]
    if isinstance(literal, IPv6Address) and literal.scope_id is None:
        return [(literal, socket.AF_INET6, (host, port, 0, 0))]
    seen: set[IPAddress] = set()
    candidates: list[_Candidate] = []
    for family, _, _, _, sockaddr in _getaddrinfo_before(host, port, visit):
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        ip = ip_address(sockaddr[0])
        if ip not in seen:
            seen.add(ip)
            candidates.append((ip, family, sockaddr))
    if not candidates:
        raise _Outcome("error", "the name does not resolve")
    return candidates


def _getaddrinfo_before(host: str, port: int, visit: _Visit) -> list[Any]:
    box: list[Any] = []
    done = threading.Event()

    def work() -> None:
        try:
            box.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except BaseException as exc:  # handed to the waiting thread
            box.append(exc)
        finally:
            done.set()

    # A daemon thread: a resolver stuck past the deadline must not keep the program alive.
    threading.Thread(target=work, name="ereputation-dns", daemon=True).start()
    if not done.wait(max(0.0, visit.remaining())):
        raise _Outcome("timeout", visit.timeout_reason(f"the name {host} did not resolve"))
    answer = box[0]
    if isinstance(answer, socket.gaierror):
        raise _Outcome("error", _resolve_failure(answer))
    if isinstance(answer, UnicodeError):
        raise _Outcome("error", "the host name is not valid")
    if isinstance(answer, BaseException):
        raise answer
    return cast(list[Any], answer)


def _resolve_failure(exc: socket.gaierror) -> str:
    no_name = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
    if exc.errno in no_name:
        return "the name does not resolve"
    if exc.errno == socket.EAI_AGAIN:
        return "the name could not be resolved (temporary DNS failure)"
    return f"the name could not be resolved: {exc.strerror or exc}"


# --- connection classes -------------------------------------------------------------------------


def _visit_or_fail() -> _Visit:
    visit = _CURRENT_VISIT.get()
    if visit is None:
        raise RuntimeError("guarded connections are only opened inside fetch()")
    return visit


class _GuardedHTTPConnection(HTTPConnection):
    peer_address: str | None = None

    def _new_conn(self) -> socket.socket:
        visit = _visit_or_fail()
        sock, self.peer_address = visit.connect(
            self.host.strip("[]"), self.port, self.socket_options
        )
        visit.watchdog.watch(sock)
        return sock


class _GuardedHTTPSConnection(HTTPSConnection):
    peer_address: str | None = None
    _handshake_copy: socket.socket | None = None

    def _new_conn(self) -> socket.socket:
        visit = _visit_or_fail()
        sock, self.peer_address = visit.connect(
            self.host.strip("[]"), self.port, self.socket_options
        )
        # ssl detaches `sock` when it wraps it; a duplicate descriptor of the same connection
        # lets the watchdog cut a TLS handshake that trickles past the deadline.
        self._handshake_copy = sock.dup()
        visit.watchdog.watch(self._handshake_copy)
        return sock

    def connect(self) -> None:
        visit = _visit_or_fail()
        try:
            super().connect()
        finally:
            copy, self._handshake_copy = self._handshake_copy, None
            if copy is not None:
                visit.watchdog.forget(copy)
                copy.close()
        if self.sock is not None:
            visit.watchdog.watch(self.sock)


class _GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _GuardedHTTPConnection


class _GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _GuardedHTTPSConnection


class _GuardedAdapter(HTTPAdapter):
    def __init__(self) -> None:
        super().__init__(pool_connections=4, pool_maxsize=1, max_retries=0)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **pool_kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": _GuardedHTTPPool,
            "https": _GuardedHTTPSPool,
        }


# --- one visit ----------------------------------------------------------------------------------


@dataclass
class _Answer:
    """How one hop ended: a final response to read, a redirect, or a classified failure."""

    status: FetchStatus
    reason: str
    http_status: int | None = None
    response: requests.Response | None = None
    location: str | None = None
    address: str | None = None


@dataclass
class _Trail:
    url: str
    current: str
    redirects: list[str] = field(default_factory=list)
    address: str | None = None


def _check_url(url: str) -> tuple[str, str]:
    """The normalised URL and its host, or _Outcome when the URL must not be visited."""
    try:
        parts = urlsplit(url)
    except ValueError:
        raise _Outcome("error", "the URL is not valid") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme:
            raise _Outcome("skipped", "refused: the URL does not start with http:// or https://")
        raise _Outcome("skipped", f"refused: '{scheme}' URLs are not fetched, only http and https")
    if "@" in parts.netloc:
        raise _Outcome("skipped", "refused: the URL carries a user name or password")
    prepared = requests.PreparedRequest()
    try:
        prepared.prepare_url(url, None)
        host = urlsplit(prepared.url or "").hostname
    except (*_FETCH_ERRORS, urllib3.exceptions.LocationParseError):
        raise _Outcome("error", "the URL is not valid") from None
    if not host:
        raise _Outcome("error", "the URL has no host name")
    return cast(str, prepared.url), host.rstrip(".").lower()


def _headers(options: FetchOptions) -> dict[str, str]:
    return {
        "User-Agent": options.user_agent,
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Language": options.accept_language,
        # Only what urllib3 always decodes, so the byte cap always counts decoded bytes.
        "Accept-Encoding": "gzip, deflate",
    }


def _send(url: str, visit: _Visit, adapter: _GuardedAdapter, jar: RequestsCookieJar) -> _Answer:
    remaining = visit.remaining()
    if remaining <= 0:
        raise _Outcome("timeout", visit.timeout_reason())
    request = requests.Request("GET", url, headers=_headers(visit.options), cookies=jar).prepare()
    verify: bool | str = visit.options.ca_bundle or True  # never False
    # Socket timeouts start at the time left; the watchdog bounds the sum of reads.
    response = adapter.send(request, stream=True, timeout=(remaining, remaining), verify=verify)
    if visit.watchdog.fired:  # the headers were cut short: whatever parsed is not an answer
        response.close()
        raise _Outcome("timeout", visit.timeout_reason("the server did not answer"))
    _extract_cookies(jar, request, response.raw)
    connection = cast(HTTPResponse, response.raw).connection
    address = getattr(connection, "peer_address", None)
    return _Answer("ok", "", response.status_code, response, address=address)


def _retry_pause(visit: _Visit, attempt: int, asked: float | None) -> float | None:
    """Seconds to wait before retrying, or None when no retry fits."""
    if attempt >= visit.options.retries:
        return None
    wait = asked if asked is not None else _BACKOFF_BASE * 2**attempt
    if wait > visit.options.max_retry_wait or wait >= visit.remaining():
        return None
    return wait


def _ask(url: str, visit: _Visit, adapter: _GuardedAdapter, jar: RequestsCookieJar) -> _Answer:
    """One hop: send, retrying resets, 502/503/504 and 429/503 with a short Retry-After."""
    attempt = 0
    while True:
        try:
            answer = _send(url, visit, adapter, jar)
        except (_Outcome, *_FETCH_ERRORS) as exc:
            outcome = _classify(exc, visit)
            pause = _retry_pause(visit, attempt, None) if outcome.retryable else None
            if pause is None:
                return _Answer(outcome.status, outcome.reason)
            time.sleep(pause)
            attempt += 1
            continue
        response = cast(requests.Response, answer.response)
        code = response.status_code
        if code in _REDIRECT_CODES and response.headers.get("location"):
            response.close()
            answer.response = None
            answer.location = _location(response.headers["location"])
            return answer
        if code not in _RETRY_CODES:
            answer.status, answer.reason = _status_for(code)
            return answer
        asked = (
            _parse_retry_after(response.headers.get("retry-after"))
            if code in _RETRY_AFTER_CODES
            else None
        )
        if asked is not None and (
            asked > visit.options.max_retry_wait or asked >= visit.remaining()
        ):
            answer.status = "rate_limited"
            answer.reason = f"answered HTTP {code} and asked to wait {asked:.0f} s"
            return answer
        pause = _retry_pause(visit, attempt, asked)
        if pause is None:
            limited = code == 429 or asked is not None
            answer.status = "rate_limited" if limited else "error"
            tries = f" after {attempt + 1} attempts" if attempt else ""
            answer.reason = f"answered HTTP {code} ({_phrase(code)}){tries}"
            return answer
        response.close()
        time.sleep(pause)
        attempt += 1


def _status_for(code: int) -> tuple[FetchStatus, str]:
    if 200 <= code < 300:
        return "ok", f"answered HTTP {code}"
    status = _STATUS_BY_CODE.get(code, "error")
    if code in _REDIRECT_CODES:
        return status, f"answered HTTP {code} without saying where to go"
    return status, f"answered HTTP {code} ({_phrase(code)})"


def _location(value: str) -> str:
    # http.client decodes header bytes as latin-1; servers send UTF-8 in practice.
    try:
        return value.encode("latin-1").decode("utf-8").strip()
    except UnicodeError:
        return value.strip()


def _parse_retry_after(value: str | None) -> float | None:
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


_MEDIA_TYPE = re.compile(r"[!#$%&'*+.^_`|~0-9a-z-]+/[!#$%&'*+.^_`|~0-9a-z-]+")
_CHARSET = re.compile(r"[a-z0-9][a-z0-9._:+-]{0,39}")


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media, _, params = value.partition(";")
    media = media.strip().lower()
    content_type = media if _MEDIA_TYPE.fullmatch(media) else None
    charset = None
    for param in params.split(";"):
        key, _, raw = param.partition("=")
        if key.strip().lower() == "charset":
            candidate = raw.strip().strip("\"'").strip().lower()
            charset = candidate if _CHARSET.fullmatch(candidate) else None
            break
    return content_type, charset


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


_RESET_ERRORS = (
    ConnectionResetError,
    ConnectionAbortedError,
    BrokenPipeError,
    http.client.RemoteDisconnected,
    http.client.IncompleteRead,
    urllib3.exceptions.IncompleteRead,
)


def _classify(exc: BaseException, visit: _Visit) -> _Outcome:
    if isinstance(exc, _Outcome):
        return exc
    if visit.expired():
        return _Outcome("timeout", visit.timeout_reason())
    chain = list(_causes(exc))
    for cause in chain:
        if isinstance(cause, _Outcome):
            return cause
        if isinstance(cause, ssl.SSLCertVerificationError):
            detail = cause.verify_message or str(cause)
            return _Outcome("error", f"TLS certificate could not be verified: {detail}")
        if isinstance(cause, CertificateError):
            return _Outcome("error", f"TLS certificate could not be verified: {cause}")
    for cause in chain:
        if isinstance(cause, ssl.SSLError) and not isinstance(cause, ssl.SSLEOFError):
            return _Outcome("error", f"TLS handshake failed: {cause.reason or cause}")
        if isinstance(cause, (TimeoutError, urllib3.exceptions.TimeoutError, requests.Timeout)):
            return _Outcome("timeout", visit.timeout_reason("the server did not answer"))
        if isinstance(cause, urllib3.exceptions.DecodeError):
            return _Outcome("error", "the compressed page is corrupt")
    if any(isinstance(c, (*_RESET_ERRORS, ssl.SSLEOFError)) for c in chain):
        return _Outcome("error", "the connection was reset", retryable=True)
    if any(isinstance(c, urllib3.exceptions.ProtocolError) for c in chain):
        return _Outcome("error", "the server broke the HTTP protocol")
    return _Outcome("error", f"request failed: {type(exc).__name__}")


def _undecodable(response: requests.Response) -> str | None:
    """The Content-Encoding urllib3 would pass through undecoded (so uncounted), if any."""
    tokens = [t.strip().lower() for t in response.headers.get("content-encoding", "").split(",")]
    known = set(HTTPResponse.CONTENT_DECODERS) | {"identity", ""}
    unknown = [t for t in tokens if t not in known]
    return ", ".join(unknown) if unknown else None


def _read_body(response: requests.Response, visit: _Visit) -> tuple[bytes, bool, _Outcome | None]:
    """Stream the decoded body up to the cap and the deadline: (body, truncated, failure)."""
    raw = cast(HTTPResponse, response.raw)
    cap = visit.options.max_bytes
    body = bytearray()
    failure: _Outcome | None = None
    try:
        encoding = _undecodable(response)
        if encoding is not None:
            return b"", False, _Outcome("error", f"the page is compressed as '{encoding}'")
        # read1 returns what has arrived, so the deadline is checked between small reads even
        # when a server trickles. urllib3 >= 2.6 inflates at most the amount asked for, so a
        # gzip bomb costs one chunk of memory, never its expanded size.
        while not visit.expired():
            chunk = raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            room = cap - len(body)
            if len(chunk) > room:
                body += chunk[:room]
                return bytes(body), True, None
            body += chunk
    except (_Outcome, *_FETCH_ERRORS) as exc:
        failure = _classify(exc, visit)
    finally:
        response.close()
    if visit.expired():
        what = f"the page was still arriving ({len(body)} bytes read)"
        return bytes(body), True, _Outcome("timeout", visit.timeout_reason(what))
    return bytes(body), failure is not None, failure


def _jar_state(jar: RequestsCookieJar) -> tuple[tuple[str, str, str, str | None], ...]:
    return tuple(sorted((c.domain, c.path, c.name, c.value) for c in jar))


@contextlib.contextmanager
def _hold_host(visit: _Visit, host: str) -> Iterator[None]:
    if visit.host_locks is None:
        yield
        return
    lock = visit.host_locks.get(host)
    if not lock.acquire(timeout=max(0.0, visit.remaining())):
        raise _Outcome(
            "timeout", visit.timeout_reason("another visit to the same host was not over")
        )
    try:
        yield
    finally:
        lock.release()


def _follow(trail: _Trail, visit: _Visit) -> tuple[_Answer, bytes, bool]:
    """Follow redirects by hand, checking every hop: (final answer, body, truncated)."""
    adapter = _GuardedAdapter()
    jar = RequestsCookieJar()
    seen: set[tuple[str, Any]] = set()
    try:
        while True:
            url, host = _check_url(trail.current)
            state = (url, _jar_state(jar))
            if state in seen:
                raise _Outcome("error", f"redirect loop: {url} was already visited")
            seen.add(state)
            with _hold_host(visit, host):
                try:
                    answer = _ask(url, visit, adapter, jar)
                    trail.address = answer.address or trail.address
                    body, truncated = b"", False
                    if answer.response is not None:
                        body, truncated, failure = _read_body(answer.response, visit)
                        if failure is not None:
                            answer.status, answer.reason = failure.status, failure.reason
                finally:
                    adapter.close()  # no idle connection to this host outlives the hop
            if answer.location is None:
                return answer, body, truncated
            if len(trail.redirects) >= visit.options.max_redirects:
                limit = visit.options.max_redirects
                raise _Outcome("error", f"too many redirects (more than {limit})")
            trail.current = urljoin(url, answer.location)
            trail.redirects.append(trail.current)
    finally:
        adapter.close()


def _fetch(url: str, options: FetchOptions, host_locks: _HostLocks | None) -> FetchResult:
    started = time.monotonic()
    trail = _Trail(url=url, current=url)

    def result(answer: _Answer, body: bytes = b"", truncated: bool = False) -> FetchResult:
        content_type, charset = None, None
        if answer.response is not None:
            content_type, charset = _parse_content_type(answer.response.headers.get("content-type"))
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
        )

    if options.offline:
        return result(_Answer("skipped", "offline: no network access"))
    visit = _Visit(options, started, host_locks)
    token = _CURRENT_VISIT.set(visit)
    try:
        answer, body, truncated = _follow(trail, visit)
        return result(answer, body, truncated)
    except _Outcome as outcome:
        return result(_Answer(outcome.status, outcome.reason))
    finally:
        _CURRENT_VISIT.reset(token)
        visit.watchdog.stop()


# --- public API ---------------------------------------------------------------------------------


def fetch(url: str, options: FetchOptions) -> FetchResult:
    """Visit one URL within the options' bounds. Never raises for network or HTTP trouble."""
    return _fetch(url, options, None)


def _host_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def fetch_all(
    urls: Sequence[str],
    options: FetchOptions,
    concurrency: int = 16,
    on_result: Callable[[int, FetchResult], None] | None = None,
) -> list[FetchResult]:
    """Visit many URLs: hosts in parallel, one visit at a time per host, results in input order.

    URLs are queued per host, so a stalled host only delays its own queue; host locks taken on
    every hop also serialise redirects that converge on one host. `on_result(index, result)`
    runs in the calling thread, as each visit ends.
    """
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    results: list[FetchResult | None] = [None] * len(urls)
    if options.offline:
        for index, url in enumerate(urls):
            results[index] = fetch(url, options)
            if on_result is not None:
                on_result(index, cast(FetchResult, results[index]))
        return cast(list[FetchResult], results)
    queues: dict[str, list[int]] = {}
    for index, url in enumerate(urls):
        queues.setdefault(_host_of(url) or f"#{index}", []).append(index)
    locks = _HostLocks()
    done: Queue[tuple[int, FetchResult] | BaseException] = Queue()

    def run(indices: list[int]) -> None:
        try:
            for index in indices:
                done.put((index, _fetch(urls[index], options, locks)))
        except BaseException as exc:  # a bug, not a network problem: surface it
            done.put(exc)
            raise

    workers = max(1, min(concurrency, len(queues)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="ereputation-fetch") as pool:
        for indices in queues.values():
            pool.submit(run, indices)
        for _ in urls:
            item = done.get()
            if isinstance(item, BaseException):
                pool.shutdown(wait=False, cancel_futures=True)
                raise item
            index, fetched = item
            results[index] = fetched
            if on_result is not None:
                on_result(index, fetched)
    return cast(list[FetchResult], results)
