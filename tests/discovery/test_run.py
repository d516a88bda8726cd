"""Probes against real sites on 127.0.0.x: each status and reason, the control, the policy."""

from __future__ import annotations

import socket
from collections.abc import Callable

import pytest

from ereputation.discovery.probe import probe_options
from ereputation.discovery.results import ProbeResult
from ereputation.discovery.run import CONTROL_LENGTH, DiscoverOptions, discover
from ereputation.errors import InputError

from .conftest import MISSING, PROFILE, SiteServer, by_site, catalogue, entry, only_camille

Start = Callable[[str], SiteServer]
LOCAL = DiscoverOptions(fetch=probe_options(timeout=3.0, allow_private=True), concurrency=8)


def test_each_answer_gets_its_status_and_reason(site_server: Start, stalled_host: str) -> None:
    server = site_server("127.0.0.2")
    server.routes.update(
        {
            "/found": only_camille,
            "/gone": lambda name: (404, {}, MISSING),
            "/nosuch": lambda name: (200, {}, MISSING),
            "/login": lambda name: (302, {"Location": "/accounts/login?next=x"}, b""),
            "/limit": lambda name: (429, {"Retry-After": "120"}, b"slow down"),
            "/bot": lambda name: (403, {}, b"<title>Just a moment...</title>cf_chl_opt"),
            "/what": lambda name: (200, {}, b"<p>Welcome</p>"),
        }
    )
    base = server.base
    sites = catalogue(
        entry("found", base),
        entry("gone", base),
        entry("nosuch", base, m_code=200),
        entry("login", base),
        entry("limit", base),
        entry("bot", base),
        entry("what", base),
        entry("stalled", f"http://{stalled_host}"),
    )
    options = DiscoverOptions(fetch=probe_options(timeout=0.5, allow_private=True))
    result = discover(["camille"], sites, options)
    assert by_site(result.results) == {
        ("found", "camille"): ("found", "signature"),
        ("gone", "camille"): ("not_found", "missing"),
        ("nosuch", "camille"): ("not_found", "missing"),
        ("login", "camille"): ("unknown", "login_wall"),
        ("limit", "camille"): ("unknown", "rate_limited"),
        ("bot", "camille"): ("unknown", "blocked"),
        ("what", "camille"): ("unknown", "ambiguous"),
        ("stalled", "camille"): ("unknown", "timeout"),
    }
    assert [r.site for r in result.results] == [s.name for s in sites]  # catalogue order
    found = result.found[0]
    assert (found.url, found.http_status, found.category) == (
        f"{base}/found/camille",
        200,
        "social",
    )
    assert result.sites_probed == 8
    # The found site was asked once more, with a random name that cannot exist.
    controls = [p for p in server.paths("/found") if not p.endswith("/camille")]
    assert len(controls) == 1 and len(controls[0].rsplit("/", 1)[1]) == CONTROL_LENGTH
    assert server.paths("/gone") == ["/gone/camille"]  # nothing looked found: no control


def test_a_site_that_answers_200_for_anyone_is_ambiguous(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    server.routes["/anyone"] = lambda name: (200, {}, PROFILE)
    server.routes["/real"] = only_camille
    sites = catalogue(entry("anyone", server.base), entry("real", server.base))
    result = discover(["camille", "cam"], sites, LOCAL)
    assert by_site(result.results) == {
        ("anyone", "camille"): ("unknown", "ambiguous"),
        ("anyone", "cam"): ("unknown", "ambiguous"),
        ("real", "camille"): ("found", "signature"),
        ("real", "cam"): ("not_found", "missing"),
    }
    assert {r.username for r in result.results} == {"camille", "cam"}  # the control is not shown
    # The control comes after the site's own probes, on the same host, one request at a time.
    assert server.paths("/anyone")[:2] == ["/anyone/camille", "/anyone/cam"]
    assert len(server.paths("/anyone")) == 3
    assert server.peak == 1


def test_a_post_site_sends_its_body_and_headers(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    server.routes["/api"] = lambda body: (
        200,
        {},
        b'{"exists": %s}' % (b"true" if "camille" in body else b"false"),
    )
    site = entry(
        "api",
        server.base,
        uri_check=f"{server.base}/api/lookup",
        uri_pretty=f"{server.base}/u/{{account}}",
        post_body='{"username": "{account}"}',
        headers={"Content-Type": "application/json"},
        e_string='"exists": true',
        m_string='"exists": false',
        m_code=200,
    )
    result = discover(["camille"], catalogue(site), LOCAL)
    assert by_site(result.results) == {("api", "camille"): ("found", "signature")}
    path, method, body, headers = server.seen[0]
    assert (path, method, body) == ("/api/lookup", "POST", b'{"username": "camille"}')
    assert headers["Content-Type"] == "application/json"
    assert result.results[0].url == f"{server.base}/u/camille"


def test_a_private_address_is_refused_without_allow_private(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    server.routes["/found"] = only_camille
    options = DiscoverOptions(fetch=probe_options(timeout=2.0))
    result = discover(["camille"], catalogue(entry("found", server.base)), options)
    assert by_site(result.results) == {("found", "camille"): ("unknown", "blocked")}
    assert server.seen == []


def test_offline_opens_no_socket(site_server: Start, monkeypatch: pytest.MonkeyPatch) -> None:
    server = site_server("127.0.0.2")
    server.routes["/found"] = only_camille
    sites = catalogue(entry("found", server.base), entry("other", server.base))

    def no_socket(*args: object, **kwargs: object) -> None:
        raise AssertionError("a socket was opened offline")

    monkeypatch.setattr(socket, "socket", no_socket)
    options = DiscoverOptions(fetch=probe_options(offline=True))
    result = discover(["camille"], sites, options)
    assert {(r.status, r.reason) for r in result.results} == {("unknown", "offline")}
    assert len(result.results) == 2
    assert server.seen == []


def test_usernames_are_checked_and_deduplicated(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    server.routes["/found"] = only_camille
    sites = catalogue(entry("found", server.base))
    result = discover(["camille", "camille"], sites, LOCAL)
    assert result.usernames == ("camille",)
    with pytest.raises(InputError, match="slash"):
        discover(["a/b"], sites, LOCAL)
    with pytest.raises(InputError, match="at least one"):
        discover([], sites, LOCAL)


def test_on_result_sees_each_final_result(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    server.routes["/anyone"] = lambda name: (200, {}, PROFILE)
    seen: list[ProbeResult] = []
    result = discover(["camille"], catalogue(entry("anyone", server.base)), LOCAL, seen.append)
    assert seen == list(result.results)
    assert seen[0].status == "unknown"  # never a provisional "found"


def test_a_name_that_is_no_host_label_is_not_sent_to_a_subdomain_site(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    port = server.server_address[1]
    sites = catalogue(entry("sub", "x", uri_check=f"http://{{account}}.localhost:{port}/"))
    result = discover(["jean.dupont"], sites, LOCAL)
    assert by_site(result.results) == {("sub", "jean.dupont"): ("unknown", "error")}
    assert result.results[0].http_status is None
    assert server.seen == []
