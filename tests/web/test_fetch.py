"""The hardened fetcher against real servers on loopback addresses (no test leaves the machine)."""

from __future__ import annotations

import email.utils
import re
import socket
import ssl
import threading
import time
import tracemalloc
from collections.abc import Callable
from ipaddress import IPv4Address
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Response

from ereputation.reasons import Reason
from ereputation.web.fetch import FetchOptions, FetchResult, fetch, fetch_all
from ereputation.web.netpolicy import IPAddress

from .conftest import Handler, LocalServer, trickle

Serve = Callable[..., LocalServer]

LOCAL = FetchOptions(allow_private=True, timeout=5.0)


def only_127_0_0_1(ip: IPAddress) -> bool:
    """A policy for tests: 127.0.0.1 stands for the public internet, the rest of 127/8 does not."""
    return ip == IPv4Address("127.0.0.1")


PRETEND_PUBLIC = FetchOptions(timeout=5.0, address_allowed=only_127_0_0_1)


# --- status classification (pytest-httpserver) -------------------------------------------------


def test_a_page_that_answers_200_is_ok_with_its_body(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/in/camille").respond_with_data(
        "<html><title>Camille</title></html>", content_type="text/html; charset=utf-8"
    )
    result = fetch(httpserver.url_for("/in/camille"), LOCAL)
    assert result.status == "ok"
    assert result.http_status == 200
    assert result.body == b"<html><title>Camille</title></html>"
    assert (result.content_type, result.charset) == ("text/html", "utf-8")
    assert result.truncated is False
    assert result.address == "127.0.0.1"
    assert result.redirects == ()
    assert result.final_url == result.url


@pytest.mark.parametrize(
    ("code", "status"),
    [(404, "not_found"), (410, "not_found"), (403, "blocked"), (999, "blocked"), (500, "error")],
)
def test_http_status_codes_are_classified(httpserver: HTTPServer, code: int, status: str) -> None:
    httpserver.expect_request("/p").respond_with_response(Response(b"nope", status=code))
    result = fetch(httpserver.url_for("/p"), FetchOptions(allow_private=True, retries=0))
    assert result.status == status
    assert result.http_status == code
    expected = "http_automated_refused" if code == 999 else "http_status"
    assert (result.reason.code, result.reason.param("code")) == (expected, str(code))
    assert result.body == b"nope"  # later modules read "no such user" pages themselves


def test_charset_comes_from_the_content_type_header(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/latin").respond_with_data(
        b"caf\xe9", headers={"Content-Type": 'text/html; Charset="ISO-8859-1"'}
    )
    httpserver.expect_request("/bare").respond_with_data(b"x", content_type="text/html")
    latin = fetch(httpserver.url_for("/latin"), LOCAL)
    bare = fetch(httpserver.url_for("/bare"), LOCAL)
    assert (latin.content_type, latin.charset, latin.body) == (
        "text/html",
        "iso-8859-1",
        b"caf\xe9",
    )
    assert (bare.content_type, bare.charset) == ("text/html", None)


def test_a_pdf_is_returned_with_its_content_type(httpserver: HTTPServer) -> None:
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
    httpserver.expect_request("/cv.pdf").respond_with_data(pdf, content_type="application/pdf")
    result = fetch(httpserver.url_for("/cv.pdf"), LOCAL)
    assert (result.status, result.content_type, result.charset) == ("ok", "application/pdf", None)
    assert result.body == pdf


def test_the_user_agent_names_the_tool_and_its_version(serve: Serve) -> None:
    server = serve()
    server.routes["/"] = lambda h: h.reply(200, b"ok")
    assert fetch(server.url + "/", LOCAL).status == "ok"
    headers = server.seen[0][1]
    pattern = r"ereputation/\d+\.\d+\.\d+\S* \(\+profile audit run by its owner\)"
    assert re.fullmatch(pattern, headers["User-Agent"])
    assert headers["Accept-Encoding"] == "gzip, deflate"
    assert "Cookie" not in headers and "Authorization" not in headers


def test_environment_proxies_and_ca_variables_are_ignored(
    serve: Serve, closed_port: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead_proxy = f"http://127.0.0.1:{closed_port}"
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.setenv(name, dead_proxy)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/nonexistent/ca.pem")
    server = serve()
    server.routes["/"] = lambda h: h.reply(200, b"direct")
    result = fetch(server.url + "/", LOCAL)
    assert (result.status, result.body) == ("ok", b"direct")


# --- rate limits and retries --------------------------------------------------------------------


def test_429_with_a_long_retry_after_gives_up_at_once(serve: Serve) -> None:
    server = serve()
    server.routes["/"] = lambda h: h.reply(429, b"slow down", {"Retry-After": "3600"})
    started = time.monotonic()
    result = fetch(server.url + "/", LOCAL)
    assert time.monotonic() - started < 1.0
    assert result.status == "rate_limited"
    assert result.reason == Reason.of("rate_limited", code=429, wait=3600)
    assert server.hits("/") == 1


def test_retry_after_as_an_http_date_is_understood(serve: Serve) -> None:
    later = email.utils.formatdate(time.time() + 7200, usegmt=True)
    server = serve()
    server.routes["/"] = lambda h: h.reply(503, b"", {"Retry-After": later})
    result = fetch(server.url + "/", LOCAL)
    assert result.status == "rate_limited"
    assert result.reason.code == "rate_limited"
    assert re.fullmatch(r"7\d{3}", result.reason.param("wait") or "")


def test_a_wait_that_would_pass_the_deadline_is_not_taken(serve: Serve) -> None:
    server = serve()
    server.routes["/"] = lambda h: h.reply(429, b"", {"Retry-After": "3"})
    started = time.monotonic()
    result = fetch(server.url + "/", FetchOptions(allow_private=True, timeout=1.0))
    assert time.monotonic() - started < 0.9
    assert result.status == "rate_limited"
    assert server.hits("/") == 1


def test_503_then_200_is_retried_after_the_short_retry_after(serve: Serve) -> None:
    server = serve()

    def unavailable_once(handler: Handler) -> None:
        if server.hits("/") == 1:
            handler.reply(503, b"busy", {"Retry-After": "1"})
        else:
            handler.reply(200, b"fine")

    server.routes["/"] = unavailable_once
    started = time.monotonic()
    result = fetch(server.url + "/", LOCAL)
    assert time.monotonic() - started >= 1.0
    assert (result.status, result.body) == ("ok", b"fine")
    assert server.hits("/") == 2


def test_502_is_retried_with_backoff_then_reported(serve: Serve) -> None:
    server = serve()
    server.routes["/"] = lambda h: h.reply(502, b"bad gateway")
    result = fetch(server.url + "/", FetchOptions(allow_private=True, retries=1))
    assert result.status == "error"
    assert result.reason == Reason.of("http_retries", code=502, attempts=2)
    assert server.hits("/") == 2


def test_a_reset_connection_is_retried(serve: Serve) -> None:
    server = serve()

    def flaky(handler: Handler) -> None:
        if server.hits("/") == 1:  # hang up without a word: the client sees a reset
            handler.close_connection = True
            handler.connection.shutdown(socket.SHUT_RDWR)
            return
        handler.reply(200, b"second time lucky")

    server.routes["/"] = flaky
    result = fetch(server.url + "/", LOCAL)
    assert (result.status, result.body) == ("ok", b"second time lucky")
    assert server.hits("/") == 2


# --- redirects ----------------------------------------------------------------------------------


def redirect(to: str, status: int = 302) -> Callable[[Handler], None]:
    return lambda h: h.reply(status, b"moved", {"Location": to})


def test_a_redirect_chain_is_followed_and_recorded(serve: Serve) -> None:
    server = serve()
    server.routes["/a"] = redirect("/b", 301)
    server.routes["/b"] = redirect(server.url + "/c", 308)
    server.routes["/c"] = lambda h: h.reply(200, b"here")
    result = fetch(server.url + "/a", LOCAL)
    assert (result.status, result.body) == ("ok", b"here")
    assert result.redirects == (server.url + "/b", server.url + "/c")
    assert result.final_url == server.url + "/c"


def test_a_redirect_loop_is_an_error(serve: Serve) -> None:
    server = serve()
    server.routes["/ping"] = redirect("/pong")
    server.routes["/pong"] = redirect("/ping")
    result = fetch(server.url + "/ping", LOCAL)
    assert result.status == "error"
    assert result.reason.code == "redirect_loop"
    assert server.hits("/ping") == 1


def test_a_redirect_back_with_a_new_cookie_is_not_a_loop(serve: Serve) -> None:
    """Sites set a cookie and send the visitor back to the same page, as a browser would allow."""
    server = serve()

    def login_wall(handler: Handler) -> None:
        if "seen=1" in (handler.headers.get("Cookie") or ""):
            handler.reply(200, b"welcome back")
        else:
            handler.reply(302, b"", {"Location": "/wall", "Set-Cookie": "seen=1; Path=/"})

    server.routes["/wall"] = login_wall
    result = fetch(server.url + "/wall", LOCAL)
    assert (result.status, result.body) == ("ok", b"welcome back")


def test_too_many_redirects_is_an_error(serve: Serve) -> None:
    server = serve()
    for step in range(10):
        server.routes[f"/{step}"] = redirect(f"/{step + 1}")
    result = fetch(server.url + "/0", FetchOptions(allow_private=True, max_redirects=3))
    assert result.status == "error"
    assert result.reason == Reason.of("too_many_redirects", limit=3)
    assert len(result.redirects) == 3


def test_a_redirect_to_a_forbidden_address_is_refused(serve: Serve) -> None:
    public, private = serve("127.0.0.1"), serve("127.0.0.2")
    private.routes["/admin"] = lambda h: h.reply(200, b"secret")
    public.routes["/"] = redirect(private.url + "/admin")
    result = fetch(public.url + "/", PRETEND_PUBLIC)
    assert result.status == "skipped"
    assert result.reason == Reason.of(
        "private_address", host="127.0.0.2", ip="127.0.0.2", kind="loopback"
    )
    assert result.redirects == (private.url + "/admin",)
    assert private.seen == []  # never contacted
    assert public.hits("/") == 1


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("file:///etc/passwd", Reason.of("url_scheme", scheme="file")),
        ("http://user:secret@127.0.0.1/", Reason.of("url_credentials")),
    ],
)
def test_every_hop_is_checked_for_scheme_and_credentials(
    serve: Serve, target: str, reason: Reason
) -> None:
    server = serve()
    server.routes["/"] = redirect(target)
    result = fetch(server.url + "/", LOCAL)
    assert (result.status, result.reason) == ("skipped", reason)


# --- refused before any connection --------------------------------------------------------------


def test_loopback_is_refused_without_allow_private(serve: Serve) -> None:
    server = serve()
    server.routes["/"] = lambda h: h.reply(200, b"local")
    result = fetch(server.url + "/", FetchOptions())
    assert result.status == "skipped"
    assert result.reason == Reason.of(
        "private_address", host="127.0.0.1", ip="127.0.0.1", kind="loopback"
    )
    assert server.seen == []


def test_numeric_host_spellings_are_judged_by_the_address_they_reach(serve: Serve) -> None:
    server = serve()
    port = server.server_address[1]
    result = fetch(f"http://2130706433:{port}/", FetchOptions())  # 127.0.0.1 as one integer
    assert result.status == "skipped"
    assert (result.reason.param("ip"), result.reason.param("kind")) == ("127.0.0.1", "loopback")
    assert server.seen == []


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://user:pw@example.org/", Reason.of("url_credentials")),
        ("https://token@example.org/", Reason.of("url_credentials")),
        ("ftp://example.org/cv.pdf", Reason.of("url_scheme", scheme="ftp")),
        ("javascript:alert(1)", Reason.of("url_scheme", scheme="javascript")),
        ("example.org/in/camille", Reason.of("url_no_scheme")),
    ],
)
def test_urls_that_are_not_fetched(url: str, reason: Reason) -> None:
    result = fetch(url, FetchOptions())
    assert (result.status, result.reason) == ("skipped", reason)


URLISH = st.text() | st.builds(
    lambda scheme, rest: f"{scheme}://{rest}",
    st.sampled_from(["http", "https", "HTTP", "ftp", "file"]),
    st.text(),
)


@settings(max_examples=300, deadline=None)
@given(URLISH)
def test_any_text_as_a_url_gives_a_result_and_no_connection(url: str) -> None:
    def no_dns(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    def no_network(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the network was touched")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", no_dns)
        patch.setattr(socket.socket, "connect", no_network)
        result = fetch(url, FetchOptions(address_allowed=lambda ip: False))
    assert result.status in {"skipped", "error"}
    assert result.reason and result.body == b""


def test_a_name_resolving_to_any_forbidden_address_is_refused(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Mixed allowed and forbidden answers are how rebinding starts: refuse before connecting."""
    server = serve()
    server.routes["/"] = lambda h: h.reply(200, b"should not be reached")
    port = server.server_address[1]

    def mixed(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        assert host == "rebind.example"
        stream = socket.SOCK_STREAM
        return [
            (socket.AF_INET, stream, 6, "", ("127.0.0.1", port)),
            (socket.AF_INET, stream, 6, "", ("127.0.0.2", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", mixed)
    result = fetch(f"http://rebind.example:{port}/", PRETEND_PUBLIC)
    assert result.status == "skipped"
    assert result.reason == Reason.of(
        "private_address", host="rebind.example", ip="127.0.0.2", kind="loopback"
    )
    assert server.seen == []


def test_the_address_checked_is_the_address_connected_to(
    serve: Serve, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One lookup per connection, the socket goes to that answer, the Host header keeps the name."""
    server = serve()
    server.routes["/"] = lambda h: h.reply(200, b"pinned")
    lookups: list[str] = []
    real = socket.getaddrinfo

    def counting(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        lookups.append(host)
        if host == "profile.example":
            return real("127.0.0.1", port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", counting)
    port = server.server_address[1]
    result = fetch(f"http://profile.example:{port}/", PRETEND_PUBLIC)
    assert (result.status, result.address) == ("ok", "127.0.0.1")
    assert lookups == ["profile.example"]
    assert server.seen[0][1]["Host"] == f"profile.example:{port}"


def test_a_name_under_invalid_fails_without_asking_any_resolver(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_dns(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a DNS query was attempted")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    result = fetch("http://nothing.invalid/", FetchOptions())
    assert (result.status, result.reason.code) == ("error", "dns_unresolved")


def test_a_name_that_does_not_resolve_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def nxdomain(*args: Any, **kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", nxdomain)
    result = fetch("https://no-such-profile.example/in/x", FetchOptions())
    assert (result.status, result.reason.code) == ("error", "dns_unresolved")
    assert result.reason.param("host") == "no-such-profile.example"


def test_a_refused_connection_is_an_error(closed_port: int) -> None:
    result = fetch(f"http://127.0.0.1:{closed_port}/", LOCAL)
    assert (result.status, result.reason.code, result.address) == ("error", "connect_refused", None)


# --- deadlines ----------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["http", "https"])
def test_a_stalled_server_times_out_at_the_deadline(stalled_port: int, scheme: str) -> None:
    """It accepts the connection, then says nothing: no HTTP answer, or no TLS handshake."""
    started = time.monotonic()
    options = FetchOptions(allow_private=True, timeout=1)
    result = fetch(f"{scheme}://127.0.0.1:{stalled_port}/", options)
    elapsed = time.monotonic() - started
    assert result.status == "timeout"
    assert result.reason == Reason.of("timeout_answer", seconds=1)
    assert 0.9 <= elapsed < 1.6


def test_a_trickling_body_is_cut_at_the_deadline(serve: Serve) -> None:
    server = serve()
    head = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
    server.routes["/"] = lambda h: trickle(h, head, every=0.5)
    started = time.monotonic()
    result = fetch(server.url + "/", FetchOptions(allow_private=True, timeout=1.5))
    elapsed = time.monotonic() - started
    assert result.status == "timeout"
    assert result.reason.code == "timeout_body"
    assert result.truncated is True
    assert 1 <= len(result.body) <= 3
    assert elapsed < 2.1


def test_trickling_headers_are_cut_at_the_deadline(serve: Serve) -> None:
    """Each byte resets a socket timeout; only the per-visit watchdog stops this one."""
    server = serve()
    server.routes["/"] = lambda h: trickle(h, b"HTTP/1.0 200 OK\r\nX-Slow: ", every=0.3)
    started = time.monotonic()
    result = fetch(server.url + "/", FetchOptions(allow_private=True, timeout=1.5))
    assert result.status == "timeout"
    assert time.monotonic() - started < 2.0


# --- size caps ----------------------------------------------------------------------------------


def test_a_50_mb_page_is_cut_at_the_cap(serve: Serve) -> None:
    server = serve()
    size, block = 50_000_000, b"<p>" + b"a" * 65533

    def huge(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        for _ in range(size // len(block)):
            handler.wfile.write(block)

    server.routes["/"] = huge
    result = fetch(server.url + "/", LOCAL)
    assert (result.status, result.truncated) == ("ok", True)
    assert len(result.body) == 5_000_000


def test_a_gzip_bomb_costs_no_more_than_the_cap(serve: Serve, gzip_bomb: bytes) -> None:
    server = serve()
    headers = {"Content-Encoding": "gzip", "Content-Type": "text/html"}
    server.routes["/"] = lambda h: h.reply(200, gzip_bomb, headers)
    tracemalloc.start()
    try:
        result = fetch(server.url + "/", FetchOptions(allow_private=True, max_bytes=2_000_000))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.status, result.truncated) == ("ok", True)
    assert result.body == bytes(2_000_000)
    assert peak < 12_000_000  # the bomb inflates to 1 GiB


@pytest.mark.parametrize("encoding", ["br", "zstd", "gzip, br"])
def test_an_encoding_not_asked_for_is_not_decoded(
    serve: Serve, encoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Installing brotli or zstandard teaches urllib3 their decoders, whose output is bounded
    # only with some versions of those libraries: a server may send only what was asked.
    from urllib3.response import HTTPResponse

    decoders = [*HTTPResponse.CONTENT_DECODERS, "br", "zstd"]
    monkeypatch.setattr(HTTPResponse, "CONTENT_DECODERS", decoders)
    server = serve()
    server.routes["/"] = lambda h: h.reply(
        200, b"\x0b\x02\x80hi\x03", {"Content-Encoding": encoding}
    )
    result = fetch(server.url + "/", LOCAL)
    assert (result.status, result.reason.code, result.body) == ("error", "unknown_encoding", b"")


def test_a_page_exactly_at_the_cap_is_not_truncated(serve: Serve) -> None:
    server = serve()
    server.routes["/"] = lambda h: h.reply(200, b"z" * 1000)
    result = fetch(server.url + "/", FetchOptions(allow_private=True, max_bytes=1000))
    assert (len(result.body), result.truncated) == (1000, False)


# --- TLS ----------------------------------------------------------------------------------------


def test_a_trusted_certificate_is_accepted_with_the_ca_bundle(
    serve: Serve, server_tls: ssl.SSLContext, ca_bundle: str
) -> None:
    server = serve(tls=server_tls)
    server.routes["/"] = lambda h: h.reply(200, b"secure")
    port = server.server_address[1]
    result = fetch(
        f"https://localhost:{port}/", FetchOptions(allow_private=True, ca_bundle=ca_bundle)
    )
    assert (result.status, result.body, result.address) == ("ok", b"secure", "127.0.0.1")


@pytest.mark.parametrize("bundle", ["other", "default"])
def test_an_untrusted_certificate_is_an_error_and_never_retried_unverified(
    serve: Serve, server_tls: ssl.SSLContext, other_ca_bundle: str, bundle: str
) -> None:
    server = serve(tls=server_tls)
    server.routes["/"] = lambda h: h.reply(200, b"should not be read")
    port = server.server_address[1]
    options = FetchOptions(
        allow_private=True, ca_bundle=other_ca_bundle if bundle == "other" else None
    )
    result = fetch(f"https://localhost:{port}/", options)
    assert result.status == "error"
    assert result.reason.code == "tls_unverified"
    assert server.seen == []


def test_a_certificate_for_another_name_is_an_error(
    serve: Serve, server_tls: ssl.SSLContext, ca_bundle: str
) -> None:
    server = serve(tls=server_tls)  # certificate for "localhost", reached here as 127.0.0.1
    server.routes["/"] = lambda h: h.reply(200, b"x")
    result = fetch(server.url + "/", FetchOptions(allow_private=True, ca_bundle=ca_bundle))
    assert result.status == "error"
    assert result.reason.code == "tls_unverified"
    assert "127.0.0.1" in (result.reason.param("detail") or "")


# --- fetch_all ----------------------------------------------------------------------------------


def slow(server: LocalServer, seconds: float, body: bytes = b"done") -> Callable[[Handler], None]:
    def answer(handler: Handler) -> None:
        with server.busy():
            time.sleep(seconds)
        handler.reply(200, body)

    return answer


def test_a_slow_host_does_not_hold_up_the_others(serve: Serve) -> None:
    stuck, quick = serve("127.0.0.2"), serve("127.0.0.1")
    stuck.routes["/"] = slow(stuck, 1.0, b"late")
    quick.routes["/"] = slow(quick, 0.3, b"early")
    urls = [stuck.url + "/", quick.url + "/", quick.url + "/", quick.url + "/"]
    order: list[int] = []
    started = time.monotonic()
    results = fetch_all(urls, LOCAL, on_result=lambda i, r: order.append(i))
    elapsed = time.monotonic() - started
    assert [r.body for r in results] == [b"late", b"early", b"early", b"early"]
    assert [r.url for r in results] == urls
    assert elapsed < 1.6  # the sum would be 1.9 s
    assert order[-1] == 0  # the three quick ones ended while the slow one waited
    assert sorted(order) == [0, 1, 2, 3]


def test_one_host_never_gets_two_connections_at_once(serve: Serve) -> None:
    server = serve()
    server.routes["/"] = slow(server, 0.2)
    started = time.monotonic()
    results = fetch_all([server.url + "/"] * 3, LOCAL, concurrency=8)
    assert [r.status for r in results] == ["ok"] * 3
    assert server.peak == 1
    assert time.monotonic() - started >= 0.6


def test_redirects_converging_on_one_host_are_serialised(serve: Serve) -> None:
    target, first, second = serve("127.0.0.1"), serve("127.0.0.2"), serve("127.0.0.3")
    target.routes["/profile"] = slow(target, 0.3)
    first.routes["/"] = redirect(target.url + "/profile")
    second.routes["/"] = redirect(target.url + "/profile")
    results = fetch_all([first.url + "/", second.url + "/"], LOCAL)
    assert [r.status for r in results] == ["ok", "ok"]
    assert target.peak == 1


def test_fetch_all_keeps_input_order_and_handles_duplicates_and_junk(serve: Serve) -> None:
    server = serve()
    server.routes["/a"] = lambda h: h.reply(200, b"A")
    server.routes["/b"] = lambda h: h.reply(404, b"B")
    urls = [server.url + "/b", "not a url", server.url + "/a", server.url + "/b"]
    results = fetch_all(urls, LOCAL, concurrency=2)
    assert [(r.url, r.status) for r in results] == [
        (urls[0], "not_found"),
        (urls[1], "skipped"),
        (urls[2], "ok"),
        (urls[3], "not_found"),
    ]
    assert fetch_all([], LOCAL) == []


# --- offline ------------------------------------------------------------------------------------


def test_offline_opens_no_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the network was touched")

    monkeypatch.setattr(socket.socket, "connect", forbidden)
    monkeypatch.setattr(socket, "create_connection", forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", forbidden)
    monkeypatch.setattr(threading.Thread, "start", forbidden)
    options = FetchOptions(offline=True)
    seen: list[tuple[int, FetchResult]] = []
    single = fetch("https://www.linkedin.com/in/camille", options)
    many = fetch_all(
        ["https://github.com/camille", "http://example.org/"],
        options,
        on_result=lambda i, r: seen.append((i, r)),
    )
    for result in (single, *many):
        assert (result.status, result.reason) == ("skipped", Reason.of("offline"))
        assert result.body == b"" and result.address is None
    assert [i for i, _ in seen] == [0, 1]


def test_options_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        FetchOptions(timeout=0)
    with pytest.raises(ValueError):
        FetchOptions(max_bytes=-1)
    with pytest.raises(ValueError):
        fetch_all(["http://example.org/"], FetchOptions(offline=True), concurrency=0)
