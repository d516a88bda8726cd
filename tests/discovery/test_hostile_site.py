"""A hostile site, through the real prober on 127.0.0.x: what it answers is judged, never obeyed."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from ipaddress import ip_address

import pytest

from ereputation.discovery.probe import probe_options
from ereputation.discovery.run import DiscoverOptions, discover
from ereputation.web.netpolicy import IPAddress

from .conftest import Answer, SiteServer, by_site, catalogue, entry

Start = Callable[[str], SiteServer]
LOCAL = DiscoverOptions(fetch=probe_options(timeout=3.0, allow_private=True), concurrency=4)


def test_a_redirect_to_a_private_address_is_judged_not_followed(site_server: Start) -> None:
    site = site_server("127.0.0.2")
    inside = site_server("127.0.0.3")  # stands for the person's router or a metadata service
    inside.routes["/admin"] = lambda name: (200, {}, b"Member since: secrets")
    site.routes["/jump"] = lambda name: (302, {"Location": f"{inside.base}/admin/x"}, b"")

    def only_the_site(ip: IPAddress) -> bool:
        return ip == ip_address("127.0.0.2")

    options = DiscoverOptions(fetch=probe_options(timeout=2.0, address_allowed=only_the_site))
    result = discover(["camille"], catalogue(entry("jump", site.base)), options)
    assert by_site(result.results) == {("jump", "camille"): ("unknown", "ambiguous")}
    assert result.results[0].http_status == 302
    assert inside.seen == []


def test_a_gzip_bomb_is_read_to_the_cap_only(site_server: Start) -> None:
    bomb = gzip.compress(bytes(64 << 20), compresslevel=9)  # 64 MiB of zeros in about 64 kB
    server = site_server("127.0.0.2")
    server.routes["/bomb"] = lambda name: (200, {"Content-Encoding": "gzip"}, bomb)
    result = discover(["camille"], catalogue(entry("bomb", server.base)), LOCAL)
    assert by_site(result.results) == {("bomb", "camille"): ("unknown", "ambiguous")}


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ((429, {"Retry-After": "99999999999999999999"}, b""), "rate_limited"),
        ((429, {"Retry-After": "-5"}, b""), "rate_limited"),
        ((503, {"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}, b""), "rate_limited"),
        ((503, {"Retry-After": "soon"}, b""), "error"),  # a garbled wait is no rate limit
        ((200, {}, b"<title>Just a moment...</title><p>No such member</p>"), "blocked"),
        ((200, {}, b"<div id=px-captcha></div>"), "blocked"),
    ],
)
def test_walls_and_waits_are_reported_without_waiting(
    site_server: Start, answer: Answer, reason: str
) -> None:
    server = site_server("127.0.0.2")
    server.routes["/wall"] = lambda name: answer
    result = discover(["camille"], catalogue(entry("wall", server.base, m_code=200)), LOCAL)
    assert by_site(result.results) == {("wall", "camille"): ("unknown", reason)}
    assert server.paths("/wall") == ["/wall/camille"]  # asked once: no retry, no control
