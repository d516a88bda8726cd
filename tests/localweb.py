"""Local web servers for the tests: one threaded stdlib server, shared by tests/web (the fetcher)
and tests/discovery (the prober), so that both keep the same habits: quiet about clients that
hang up, a gauge of requests served at once, a fast shutdown, and a host that never answers."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

_POLL = 0.05  # seconds between shutdown checks: a test does not wait half a second per server


class QuietServer(ThreadingHTTPServer):
    """A threaded server on `host`, any free port, counting the requests it serves at once."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__((host, 0), handler)
        self._gauge = threading.Lock()
        self.active = 0
        self.peak = 0

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def enter(self) -> None:
        with self._gauge:
            self.active += 1
            self.peak = max(self.peak, self.active)

    def leave(self) -> None:
        """Called before the answer is sent: a client that waits for it cannot overlap."""
        with self._gauge:
            self.active -= 1

    @contextlib.contextmanager
    def busy(self) -> Iterator[None]:
        self.enter()
        try:
            yield
        finally:
            self.leave()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients that hang up mid-answer are part of the tests


Server = TypeVar("Server", bound=QuietServer)


@contextlib.contextmanager
def launcher() -> Iterator[Callable[[Server], Server]]:
    """`launch(server)` serves it in a thread; every server launched is stopped at the end."""
    servers: list[QuietServer] = []

    def launch(server: Server) -> Server:
        threading.Thread(target=server.serve_forever, args=(_POLL,), daemon=True).start()
        servers.append(server)
        return server

    try:
        yield launch
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


class SilentHost:
    """Accepts connections, counts them, and never answers a byte."""

    def __init__(self, host: str) -> None:
        self._sock = socket.socket()
        self._sock.bind((host, 0))
        self._sock.listen(64)
        self._held: list[socket.socket] = []
        self.port: int = self._sock.getsockname()[1]
        self.address = f"{host}:{self.port}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):  # closed at the end of the test
            while True:
                conn, _ = self._sock.accept()
                self._held.append(conn)

    @property
    def connections(self) -> int:
        return len(self._held)

    def close(self) -> None:
        self._sock.close()
        for conn in self._held:
            conn.close()
