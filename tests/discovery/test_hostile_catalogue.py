"""A catalogue downloaded from anywhere: what it may make the prober send, and to whom."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest

from ereputation.discovery.catalogue import Site, parse_catalogue
from ereputation.discovery.probe import probe_options
from ereputation.discovery.run import DiscoverOptions, discover

from .conftest import Answer, SiteServer

Start = Callable[[str], SiteServer]


def entry(name: str, uri_check: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "uri_check": uri_check,
        "e_code": 200,
        "e_string": "Member since",
        "m_code": 404,
        "m_string": "No such member",
        "cat": "social",
        **fields,
    }


def load(*entries: dict[str, Any]) -> tuple[tuple[Site, ...], list[str]]:
    loaded = parse_catalogue(json.dumps({"sites": list(entries)}).encode(), "cat.json")
    return loaded.sites, [str(p) for p in loaded.problems]


@pytest.mark.parametrize("port", [25, 587, 22, 6379, 11211, 6667])
def test_a_port_of_another_protocol_is_refused(port: int) -> None:
    # A POST body is the catalogue's own text, line breaks included: sent to a mail or cache
    # server's port, it would speak that protocol from the person's address (browsers refuse
    # these ports for the same reason).
    smuggler = entry(
        "Smtp",
        f"http://mail.example:{port}/{{account}}",
        post_body="x\r\nMAIL FROM:<a@example.com>\r\n{account}",
    )
    pretty = entry(
        "Pretty",
        "https://ok.example/{account}",
        uri_pretty=f"https://ok.example:{port}/{{account}}",
    )
    sites, problems = load(smuggler, pretty)
    assert sites == ()
    assert problems == [
        f"cat.json: sites[0] 'Smtp'.uri_check: uses port {port}, kept for another protocol",
        f"cat.json: sites[1] 'Pretty'.uri_pretty: uses port {port}, kept for another protocol",
    ]


def test_web_ports_stay_usable() -> None:
    sites, problems = load(
        entry("A", "http://a.example:8080/{account}"),
        entry("B", "https://b.example:443/{account}"),
        entry("C", "http://c.example:80/{account}"),
    )
    assert problems == [] and len(sites) == 3


def slow_profile(name: str) -> Answer:
    time.sleep(0.2)  # long enough for two requests at once to overlap
    return (
        (200, {}, b"<p>Member since 2019</p>")
        if name == "camille"
        else (404, {}, b"No such member")
    )


@pytest.mark.parametrize("spelling", ["127.2", "0x7f.0.0.2", "2130706434", "127.000.000.002"])
def test_one_host_spelled_two_ways_still_gets_one_request_at_a_time(
    site_server: Start, spelling: str
) -> None:
    server = site_server("127.0.0.2")
    server.routes["/a"] = slow_profile
    server.routes["/b"] = slow_profile
    port = server.server_address[1]
    sites, problems = load(
        entry("A", f"http://127.0.0.2:{port}/a/{{account}}"),
        entry("B", f"http://{spelling}:{port}/b/{{account}}"),
    )
    assert problems == []
    options = DiscoverOptions(fetch=probe_options(timeout=5.0, allow_private=True), concurrency=8)
    result = discover(["nobody"], sites, options)
    assert {r.status for r in result.results} == {"not_found"}
    assert len(server.seen) == 2
    assert server.peak == 1


def test_a_username_only_in_the_fragment_is_refused() -> None:
    # The fragment is never sent: every username would ask the same page, and a page without
    # the account's text would say "missing" for all of them.
    _, problems = load(entry("Spa", "https://spa.example/#/u/{account}"))
    assert problems == [
        "cat.json: sites[0] 'Spa'.uri_check: has {account} only after #, "
        "which is never sent to the site"
    ]
    sites, problems = load(
        entry("Ok", "https://ok.example/u/{account}#{account}"),
        entry("Api", "https://api.example/#top", post_body="name={account}"),
    )
    assert problems == [] and len(sites) == 2


def test_hundreds_of_entries_on_one_host_are_asked_one_at_a_time(site_server: Start) -> None:
    server = site_server("127.0.0.2")
    server.routes["/u"] = lambda name: (404, {}, b"No such member")
    port = server.server_address[1]
    spellings = ("127.0.0.2", "127.2", "0x7f000002")
    sites, problems = load(
        *(
            entry(f"S{i}", f"http://{spellings[i % 3]}:{port}/u/{{account}}?site={i}")
            for i in range(300)
        )
    )
    assert problems == []
    options = DiscoverOptions(fetch=probe_options(timeout=5.0, allow_private=True), concurrency=64)
    result = discover(["nobody"], sites, options)
    assert {r.status for r in result.results} == {"not_found"}
    assert (len(server.seen), server.peak) == (300, 1)
