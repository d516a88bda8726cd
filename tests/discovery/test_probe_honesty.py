"""Nothing claimed on faith: a control that could not be judged, a host that never answers."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from typing import Any

import pytest

from ereputation.discovery.probe import probe_options
from ereputation.discovery.run import DiscoverOptions, checked_usernames, discover
from tests.localweb import SilentHost

from .conftest import MISSING, PROFILE, Answer, SiteServer, by_site, catalogue, entry

Start = Callable[[str], SiteServer]


def options(timeout: float = 3.0) -> DiscoverOptions:
    return DiscoverOptions(fetch=probe_options(timeout=timeout, allow_private=True))


def known(
    *names: str, control: Answer | None = None, stall: float = 0.0
) -> Callable[[str], Answer]:
    """A site that knows `names`; any other name (the control) gets `control`, after `stall` s."""

    def route(name: str) -> Answer:
        if name in names:
            return (200, {}, PROFILE)
        if len(name) == 24:  # the control's length
            time.sleep(stall)
            return control or (404, {}, MISSING)
        return (404, {}, MISSING)

    return route


@pytest.mark.parametrize(
    ("control", "stall", "reason"),
    [
        ((404, {}, MISSING), 1.0, "timeout"),  # the control's answer came too late
        ((429, {"Retry-After": "30"}, b""), 0.0, "rate_limited"),
        ((403, {}, b"<title>Just a moment...</title>"), 0.0, "blocked"),
        ((500, {}, b"oops"), 0.0, "error"),
    ],
)
def test_a_found_whose_control_could_not_be_judged_is_not_claimed(
    site_server: Start, control: Answer, stall: float, reason: str
) -> None:
    server = site_server("127.0.0.2")
    server.routes["/site"] = known("camille", control=control, stall=stall)
    result = discover(["camille", "cam"], catalogue(entry("site", server.base)), options(0.5))
    # Without the control's answer nothing shows the site tells names apart: the probe that
    # looked found is unknown, with the reason the control failed; a "missing" answer stands.
    assert by_site(result.results) == {
        ("site", "camille"): ("unknown", reason),
        ("site", "cam"): ("not_found", "missing"),
    }
    assert result.results[0].http_status == 200  # what the username's own probe saw


def test_a_control_that_says_missing_or_proves_nothing_keeps_the_found(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    server.routes["/missing"] = known("camille")
    server.routes["/vague"] = known("camille", control=(200, {}, b"<p>Welcome</p>"))
    sites = catalogue(entry("missing", server.base), entry("vague", server.base))
    result = discover(["camille"], sites, options())
    assert by_site(result.results) == {
        ("missing", "camille"): ("found", "signature"),
        ("vague", "camille"): ("found", "signature"),  # the site told the two names apart
    }


def test_a_host_that_never_answers_is_waited_for_once(silent_host: SilentHost) -> None:
    base = f"http://{silent_host.address}"
    sites = catalogue(entry("one", base), entry("two", base))
    names = ["camille", "cam", "camille-m", "cmartin"]
    result = discover(names, sites, options(0.3))
    assert {(r.status, r.reason) for r in result.results} == {("unknown", "timeout")}
    assert len(result.results) == 8
    # One connection timed out; the seven other probes of that host were not sent: each would
    # have waited the whole deadline too (20 usernames x 10 s on one stalled site: 200 s).
    assert silent_host.connections == 1
    assert sorted(r.elapsed_ms > 0 for r in result.results) == [False] * 7 + [True]


def test_a_handle_written_with_its_at_sign_is_probed_without_it() -> None:
    assert checked_usernames(["@camille", "camille", "@cam"]) == ("camille", "cam")


def test_a_subdomain_site_whose_control_host_does_not_exist_keeps_the_found(
    site_server: Start, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `{account}.blog.test`: the control's own host name does not resolve (no wildcard DNS),
    # which is how such a site says "no such account": the site told the names apart.
    server = site_server("127.0.0.2")
    server.routes[""] = lambda name: (200, {}, PROFILE)
    port = server.server_address[1]
    resolve = socket.getaddrinfo

    def blog_dns(host: str, *args: Any, **kwargs: Any) -> Any:
        if host == "camille.blog.test":
            return resolve("127.0.0.2", *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", blog_dns)
    site = entry("sub", "x", uri_check=f"http://{{account}}.blog.test:{port}/")
    result = discover(["camille"], catalogue(site), options())
    assert by_site(result.results) == {("sub", "camille"): ("found", "signature")}
    assert len(server.seen) == 1  # the control never reached a server
