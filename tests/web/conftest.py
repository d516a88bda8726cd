"""Real servers on loopback addresses for the fetcher's tests: plain, TLS, stalled and hostile."""

from __future__ import annotations

import contextlib
import gzip
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import trustme

from tests.localweb import QuietServer, SilentHost, launcher

Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    """HTTP/1.0, so every response closes its connection and connection counts are exact."""

    server: LocalServer

    def do_GET(self) -> None:
        self.server.record(self)
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            self.reply(404, b"no route")
            return
        with contextlib.suppress(ConnectionError, ssl.SSLError):  # client went away: expected
            route(self)

    def reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet test output
        pass


class LocalServer(QuietServer):
    """The shared test server (`tests.localweb`) with a route table, TLS and a request log;
    `busy()` counts the requests served at once."""

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        super().__init__(host, Handler)
        self.tls = tls
        self.routes: dict[str, Route] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        self._log = threading.Lock()

    @property
    def url(self) -> str:
        return self.base.replace("http://", "https://", 1) if self.tls else self.base

    def route(self, path: str) -> Callable[[Route], Route]:
        def register(fn: Route) -> Route:
            self.routes[path] = fn
            return fn

        return register

    def record(self, handler: Handler) -> None:
        with self._log:
            self.seen.append((handler.path, dict(handler.headers.items())))

    def hits(self, path: str) -> int:
        return sum(1 for seen_path, _ in self.seen if seen_path == path)

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.tls is None:
            super().finish_request(request, client_address)
            return
        try:  # handshake in the handler thread, so a refused certificate stays quiet
            wrapped = self.tls.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        with wrapped:  # socketserver only closes the plain socket, which ssl has detached
            super().finish_request(wrapped, client_address)


@pytest.fixture
def serve() -> Iterator[Callable[..., LocalServer]]:
    """Start servers on demand (``serve("127.0.0.2")``); all are stopped after the test."""
    with launcher() as launch:

        def start(host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> LocalServer:
            return launch(LocalServer(host, tls))

        yield start


@pytest.fixture
def stalled_port() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never answers."""
    host = SilentHost("127.0.0.1")
    yield host.port
    host.close()


@pytest.fixture
def closed_port() -> int:
    """A port nobody listens on: connecting to it is refused."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


@pytest.fixture(scope="session")
def gzip_bomb() -> bytes:
    """About 1 MB that inflates to 1 GiB: 64 gzip members of 16 MiB of zeros (RFC 1952 allows
    concatenated members), built in a tenth of a second instead of compressing 1 GiB."""
    return gzip.compress(bytes(16 << 20), compresslevel=9) * 64


@pytest.fixture(scope="session")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="session")
def ca_bundle(ca: trustme.CA, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("tls") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture(scope="session")
def other_ca_bundle(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A bundle that trusts some other authority, not the one that signed the server."""
    path: Path = tmp_path_factory.mktemp("tls-other") / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(path))
    return str(path)


@pytest.fixture(scope="session")
def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    """Server side TLS for the name "localhost" only (not for 127.0.0.1)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost").configure_cert(context)
    return context


def trickle(handler: Handler, head: bytes, every: float, limit: float = 30.0) -> None:
    """Send `head`, then one byte every `every` seconds until the client leaves (or `limit`)."""
    handler.wfile.write(head)
    handler.wfile.flush()
    stop = time.monotonic() + limit
    while time.monotonic() < stop:
        time.sleep(every)
        handler.wfile.write(b"x")
        handler.wfile.flush()
