"""Sites on loopback addresses for the prober's tests: each path prefix answers like a site
(on `tests.localweb`'s server, shared with the fetcher's tests)."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import unquote

import pytest

from ereputation.discovery.catalogue import Site, parse_catalogue
from ereputation.discovery.results import ProbeResult
from tests.localweb import QuietServer, SilentHost, launcher

# (status, headers, body) for a username asked at a path prefix
Answer = tuple[int, dict[str, str], bytes]
SiteRoute = Callable[[str], Answer]
PROFILE = b"<html><title>camille</title><p>Member since 2019</p></html>"
MISSING = b"<html><p>No such member</p></html>"


def entry(name: str, base: str, **fields: Any) -> dict[str, Any]:
    """A catalogue entry for the route `/<name>/` of a site server at `base`."""
    return {
        "name": name,
        "uri_check": f"{base}/{name}/{{account}}",
        "e_code": 200,
        "e_string": "Member since",
        "m_code": 404,
        "m_string": "No such member",
        "known": [],
        "cat": "social",
        **fields,
    }


def catalogue(*entries: dict[str, Any]) -> tuple[Site, ...]:
    loaded = parse_catalogue(json.dumps({"sites": list(entries)}).encode(), "test.json")
    assert loaded.problems == ()
    return loaded.sites


def only_camille(name: str) -> Answer:
    return (200, {}, PROFILE) if name == "camille" else (404, {}, MISSING)


def by_site(results: tuple[ProbeResult, ...]) -> dict[tuple[str, str], tuple[str, str]]:
    return {(r.site, r.username): (r.status, r.reason) for r in results}


class SiteHandler(BaseHTTPRequestHandler):
    server: SiteServer

    def _answer(self) -> None:
        prefix, _, name = self.path.rpartition("/")
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self.server.record(self.path, self.command, body, dict(self.headers.items()))
        route = self.server.routes.get(prefix)
        asked = body.decode("utf-8", "replace") if body else unquote(name)  # a POST: its body
        try:
            status, headers, page = route(asked) if route else (404, {}, b"no route")
        finally:
            self.server.leave()
        with contextlib.suppress(ConnectionError):
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


class SiteServer(QuietServer):
    """Each path prefix answers like a site: `routes["/prefix"](username) -> Answer`."""

    def __init__(self, host: str) -> None:
        super().__init__(host, SiteHandler)
        self.routes: dict[str, SiteRoute] = {}
        self.seen: list[tuple[str, str, bytes, dict[str, str]]] = []
        self._log = threading.Lock()

    def record(self, path: str, method: str, body: bytes, headers: dict[str, str]) -> None:
        with self._log:
            self.seen.append((path, method, body, headers))
        self.enter()

    def paths(self, prefix: str) -> list[str]:
        return [p for p, *_ in self.seen if p.startswith(prefix + "/")]


@pytest.fixture
def site_server() -> Iterator[Callable[[str], SiteServer]]:
    with launcher() as launch:

        def start(host: str = "127.0.0.2") -> SiteServer:
            return launch(SiteServer(host))

        yield start


@pytest.fixture
def stalled_host() -> Iterator[str]:
    """host:port of a server that accepts connections and never answers."""
    host = SilentHost("127.0.0.4")
    yield host.address
    host.close()


@pytest.fixture
def silent_host() -> Iterator[SilentHost]:
    host = SilentHost("127.0.0.5")
    yield host
    host.close()
