"""The connection policy: which addresses a visit may reach, and the deadline over all of it.

How the address check avoids DNS rebinding: requests and urllib3 are used as they are, except that
the connection classes replace urllib3's ``_new_conn`` (private, but the one place where a socket is
opened, unchanged since urllib3 1.x; the tests would catch a change). There the host name is
resolved once, every address it resolves to is checked, and the socket is connected to a checked
address itself, so no second lookup can swap the address. The URL, and so the Host header, TLS SNI
and certificate matching, keep the host name.
"""

from __future__ import annotations

import contextlib
import errno
import re
import socket
import threading
import time
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from ipaddress import IPv4Address, IPv6Address, ip_address
from typing import TYPE_CHECKING, Any, cast

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ereputation.reasons import Reason
from ereputation.web.netpolicy import IPAddress, address_refusal, is_public_address
from ereputation.web.outcome import Outcome

if TYPE_CHECKING:
    from ereputation.web.fetchtypes import FetchOptions

# Bounded decompression (read1/read with max_length) arrived in urllib3 2.6; before it a small
# gzip bomb could inflate past the byte cap in a single read.
_URLLIB3_VERSION: str = getattr(urllib3, "__version__", "0")
if tuple(int(part) for part in re.findall(r"\d+", _URLLIB3_VERSION)[:2]) < (2, 6):
    raise ImportError(f"ereputation needs urllib3 >= 2.6, found {_URLLIB3_VERSION}")

_POLL = 0.1  # seconds between checks for a cancelled visit while waiting on something else


class Watchdog:
    """Shuts a visit's sockets down at the deadline, or at once when the visit is cancelled.

    Socket timeouts bound each recv, not their sum: a server that sends a header or body byte
    every half second would never trip them. Shutting the socket down from a timer makes any
    blocked recv return at once; the visit then reports a timeout.
    """

    def __init__(self, deadline: float) -> None:
        self._deadline = deadline
        self._lock = threading.Lock()
        self._socks: list[socket.socket] = []
        self._timer: threading.Timer | None = None
        self.fired = False
        self.cancelled = threading.Event()  # Ctrl-C: sleeps and waits end early on it

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)
            if self.fired:
                shut(sock)
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
                shut(sock)

    def cancel(self) -> None:
        """End the visit now: every blocked read returns, every wait stops."""
        self.cancelled.set()
        self._fire()

    def stop(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._socks.clear()


def shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed or detached: nothing left to cut
        sock.shutdown(socket.SHUT_RDWR)


class Crew:
    """What the visits of one fetch_all call share: one lock per host name, and a way to stop
    every visit at once (Ctrl-C)."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._active: set[Watchdog] = set()
        self.cancelled = False

    def lock_for(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def join(self, watchdog: Watchdog) -> None:
        with self._guard:
            self._active.add(watchdog)
            if self.cancelled:
                watchdog.cancel()

    def leave(self, watchdog: Watchdog) -> None:
        with self._guard:
            self._active.discard(watchdog)

    def cancel(self) -> None:
        """Cut every open socket and end every wait; visits not started yet end at once."""
        with self._guard:
            self.cancelled = True
            active = list(self._active)
        for watchdog in active:
            watchdog.cancel()


class VisitState:
    """The state of one visit, reachable from the connection classes via a ContextVar."""

    def __init__(self, options: FetchOptions, started: float, crew: Crew | None):
        self.options = options
        self.deadline = started + options.timeout
        self.watchdog = Watchdog(self.deadline)
        self.crew = crew

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def expired(self) -> bool:
        return self.watchdog.fired or self.remaining() <= 0

    def timeout(self, code: str = "timeout", **params: object) -> Reason:
        return Reason.of(code, seconds=f"{self.options.timeout:g}", **params)

    def pause(self, seconds: float) -> None:
        """Sleep, unless the visit is cancelled meanwhile."""
        self.watchdog.cancelled.wait(seconds)

    def wait_for(self, event: threading.Event | threading.Lock) -> bool:
        """Wait until the event is set (or the lock taken) within the deadline, not past a
        cancellation. True when it happened."""
        if event.is_set() if isinstance(event, threading.Event) else event.acquire(blocking=False):
            return True
        while not self.watchdog.cancelled.is_set():
            slice_ = min(_POLL, self.remaining())
            if slice_ <= 0:
                break
            if isinstance(event, threading.Event):
                if event.wait(slice_):
                    return True
            elif event.acquire(timeout=slice_):
                return True
        return False

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
                raise Outcome("skipped", _refusal(host, ip))
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
                raise Outcome("timeout", self.timeout("timeout_connect", ip=ip)) from None
            except OSError as exc:
                sock.close()
                failure = exc  # try the next address, as browsers do
                continue
            return sock, str(ip)
        if failure is None:
            raise Outcome("timeout", self.timeout("timeout_no_connection"))
        raise Outcome("error", _connect_failure(failure))


def _refusal(host: str, ip: IPAddress) -> Reason:
    kind = address_refusal(ip)
    if kind is None:
        return Reason.of("address_policy", host=host, ip=ip)
    return Reason.of("private_address", host=host, ip=ip, kind=kind)


def _connect_failure(exc: OSError) -> Reason:
    if isinstance(exc, ConnectionRefusedError):
        return Reason.of("connect_refused")
    if exc.errno == errno.ENETUNREACH:
        return Reason.of("network_unreachable")
    if exc.errno == errno.EHOSTUNREACH:
        return Reason.of("host_unreachable")
    return Reason.of("connect_failed", detail=exc.strerror or exc)


CURRENT_VISIT: ContextVar[VisitState | None] = ContextVar("ereputation_visit", default=None)

_Candidate = tuple[IPAddress, int, Any]  # address, socket family, sockaddr


def _resolve(host: str, port: int, visit: VisitState) -> list[_Candidate]:
    """The addresses to try for host:port, each at most once, in resolver order."""
    if host == "invalid" or host.endswith(".invalid"):
        # RFC 6761: such names never resolve, so no query needs to leave the machine.
        raise Outcome("error", Reason.of("dns_unresolved", host=host))
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
        raise Outcome("error", Reason.of("dns_unresolved", host=host))
    return candidates


def _getaddrinfo_before(host: str, port: int, visit: VisitState) -> list[Any]:
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
    if not visit.wait_for(done):
        raise Outcome("timeout", visit.timeout("timeout_dns", host=host))
    answer = box[0]
    if isinstance(answer, socket.gaierror):
        raise Outcome("error", _resolve_failure(answer, host))
    if isinstance(answer, UnicodeError):
        raise Outcome("error", Reason.of("host_invalid"))
    if isinstance(answer, BaseException):
        raise answer
    return cast(list[Any], answer)


def _resolve_failure(exc: socket.gaierror, host: str) -> Reason:
    no_name = {socket.EAI_NONAME, getattr(socket, "EAI_NODATA", socket.EAI_NONAME)}
    if exc.errno in no_name:
        return Reason.of("dns_unresolved", host=host)
    if exc.errno == socket.EAI_AGAIN:
        return Reason.of("dns_temporary", host=host)
    return Reason.of("dns_failed", host=host, detail=exc.strerror or exc)


# --- connection classes -------------------------------------------------------------------------


def _visit_or_fail() -> VisitState:
    visit = CURRENT_VISIT.get()
    if visit is None:
        raise RuntimeError("guarded connections are only opened inside a visit")
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


class GuardedAdapter(HTTPAdapter):
    """requests' adapter, opening only guarded connections."""

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


@contextlib.contextmanager
def hold_host(visit: VisitState, host: str) -> Iterator[None]:
    """One visit at a time per host, within the deadline."""
    if visit.crew is None:
        yield
        return
    lock = visit.crew.lock_for(host)
    if not visit.wait_for(lock):
        raise Outcome("timeout", visit.timeout("timeout_host_busy"))
    try:
        yield
    finally:
        lock.release()
