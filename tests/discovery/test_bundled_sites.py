"""The bundled catalogue (checklists/sites.json): every entry loads, and every signature tells its
fixture "found" answer from its fixture "missing" answer (tests/fixtures/sites/pages.toml).

The fixtures imitate each site's answer as publicly known when the entry was written; they prove
the signature is coherent (the found string is on the found page and absent from the missing one,
the codes agree), not that the live site still answers that way.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass, replace
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import pytest

from ereputation.discovery.catalogue import Catalogue, Site, bundled_sites, validate_username
from ereputation.discovery.probe import probe_options
from ereputation.discovery.run import DiscoverOptions, discover
from ereputation.discovery.signature import SiteAnswer, classify
from ereputation.resources import checklists_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "sites" / "pages.toml"

# WhatsMyName's category names, so a downloaded release and ours sort alike.
WMN_CATEGORIES = frozenset(
    {
        "archived",
        "art",
        "blog",
        "business",
        "coding",
        "dating",
        "finance",
        "gaming",
        "health",
        "hobby",
        "images",
        "misc",
        "music",
        "news",
        "political",
        "shopping",
        "social",
        "tech",
        "video",
        "xx NSFW xx",
    }
)


@dataclass(frozen=True)
class Fixture:
    """One site's two imitated answers."""

    name: str
    content_type: str
    found: tuple[int, str]
    missing: tuple[int, str]

    def answer(self, which: str) -> SiteAnswer:
        status, body = self.found if which == "found" else self.missing
        return SiteAnswer(status, body.encode("utf-8"), charset=_charset(self.content_type))


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            return value
    return None


@cache
def catalogue() -> Catalogue:
    return bundled_sites()


@cache
def raw_entries() -> tuple[dict[str, Any], ...]:
    data = json.loads((checklists_dir() / "sites.json").read_text(encoding="utf-8"))
    return tuple(data["sites"])


@cache
def fixtures() -> dict[str, Fixture]:
    data = tomllib.loads(PAGES.read_text(encoding="utf-8"))
    out: dict[str, Fixture] = {}
    for row in data["site"]:
        found, missing = row["found"], row["missing"]
        fixture = Fixture(row["name"], row["type"], (found[0], found[1]), (missing[0], missing[1]))
        assert fixture.name not in out, f"two fixtures for {fixture.name}"
        out[fixture.name] = fixture
    return out


def _ids(sites: tuple[Site, ...]) -> list[str]:
    return [site.name for site in sites]


# ------------------------------------------------------------------ the file itself


def test_every_entry_loads_without_a_problem_or_an_ignored_header() -> None:
    loaded = catalogue()
    assert loaded.problems == ()
    assert loaded.notes == ()
    assert len(loaded.sites) + loaded.disabled == len(raw_entries())


def test_the_file_has_whatsmynames_top_level_and_our_own_license() -> None:
    data = json.loads((checklists_dir() / "sites.json").read_text(encoding="utf-8"))
    assert set(data) == {"license", "authors", "categories", "sites"}
    header = " ".join(data["license"])
    assert "MIT License" in header
    assert "none is copied from WhatsMyName" in header
    used = {entry["cat"] for entry in data["sites"]}
    assert used == set(data["categories"])
    assert used <= WMN_CATEGORIES


def test_entries_the_tool_cannot_use_say_why() -> None:
    disabled = [entry for entry in raw_entries() if entry.get("valid") is False]
    assert disabled, "the catalogue names the sites it cannot check"
    for entry in disabled:
        assert len(entry.get("comment", "")) > 30, entry["name"]


def test_every_usable_entry_names_a_known_username_that_can_be_probed() -> None:
    for site in catalogue().sites:
        assert site.known, site.name
        for username in site.known:
            assert validate_username(username) is None, (site.name, username)


def test_signature_strings_are_specific_enough_to_read() -> None:
    """A one-character found string matches almost any page: only a JSON array marker is
    allowed, where the found answer is a list and the missing one is not even JSON."""
    for site in catalogue().sites:
        assert len(site.e_string) >= 3 or site.e_string == "[", site.name


# ------------------------------------------------------------------ the fixtures


def test_every_usable_entry_has_a_fixture_and_every_fixture_an_entry() -> None:
    assert sorted(fixtures()) == sorted(site.name for site in catalogue().sites)


@pytest.mark.parametrize("site", catalogue().sites, ids=_ids(catalogue().sites))
def test_the_signature_reads_the_found_fixture_as_found(site: Site) -> None:
    assert classify(site, fixtures()[site.name].answer("found")) == ("found", "signature")


@pytest.mark.parametrize("site", catalogue().sites, ids=_ids(catalogue().sites))
def test_the_signature_reads_the_missing_fixture_as_not_found(site: Site) -> None:
    assert classify(site, fixtures()[site.name].answer("missing")) == ("not_found", "missing")


@pytest.mark.parametrize("site", catalogue().sites, ids=_ids(catalogue().sites))
def test_a_missing_page_served_with_the_found_code_is_never_read_as_found(site: Site) -> None:
    """A site that starts answering 200 for everyone (a soft 404) must not turn every username
    into an account: the found string is absent from the missing page."""
    body = fixtures()[site.name].missing[1]
    answer = SiteAnswer(site.e_code, body.encode("utf-8"))
    assert classify(site, answer)[0] != "found"


# ------------------------------------------------------------------ the real prober, end to end


class FixtureSite(ThreadingHTTPServer):
    """One catalogue entry moved onto a loopback address: it answers its found fixture to the
    exact request the prober sends for `present`, and its missing fixture to anything else."""

    daemon_threads = True
    block_on_close = False

    def __init__(self, address: str, fixture: Fixture) -> None:
        super().__init__((address, 0), _FixtureHandler)
        self.fixture = fixture
        self.expected: tuple[str, str, bytes] = ("", "", b"")  # set once the port is known
        self.asked: list[tuple[str, str, bytes]] = []
        self.seen_headers: list[dict[str, str]] = []

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"


class _FixtureHandler(BaseHTTPRequestHandler):
    server: FixtureSite

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        # compared decoded: the client may percent-encode what the catalogue wrote (`[]`)
        request = (self.command, unquote(self.path), self.rfile.read(length) if length else b"")
        self.server.asked.append(request)
        self.server.seen_headers.append(dict(self.headers.items()))
        fixture = self.server.fixture
        status, body = fixture.found if request == self.server.expected else fixture.missing
        page = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", fixture.content_type)
        if 300 <= status < 400:
            self.send_header("Location", "/search")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    do_GET = _answer
    do_POST = _answer

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _moved(site: Site, base: str) -> Site:
    """The entry asked at `base`: the original host becomes the first path step, so a site
    whose username sits in its host name (a blog's subdomain) still tells one from another."""
    parts = urlsplit(site.uri_check)
    rest = urlunsplit(("", "", parts.path, parts.query, ""))
    return replace(site, uri_check=f"{base}/{parts.netloc}{rest}")


ABSENT = "nobody-holds-this-0"
LOCAL = DiscoverOptions(fetch=probe_options(timeout=5.0, allow_private=True), concurrency=4)


@pytest.mark.parametrize("site", catalogue().sites, ids=_ids(catalogue().sites))
def test_the_real_prober_finds_the_known_account_and_not_the_absent_one(site: Site) -> None:
    """Each entry served from 127.0.0.x with its fixtures, probed by `discover` exactly as a
    run would: the known username is found (the random control probe answered as missing
    keeps it found), a username nobody holds is not found."""
    present = site.known[0]
    address = f"127.0.0.{2 + site.index % 200}"
    server = FixtureSite(address, fixtures()[site.name])
    threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True).start()
    try:
        moved = _moved(site, server.base)
        target = urlsplit(moved.check_url(present))
        method = "GET" if site.post_body is None else "POST"
        path = urlunsplit(("", "", target.path, target.query, ""))
        server.expected = (method, unquote(path), moved.body_for(present) or b"")
        result = discover([present, ABSENT], [moved], LOCAL)
    finally:
        server.shutdown()
        server.server_close()
    outcome = {(r.username, r.status, r.reason) for r in result.results}
    assert outcome == {(present, "found", "signature"), (ABSENT, "not_found", "missing")}
    asked = [request[0] for request in server.asked]
    assert asked == [method] * 3  # the two usernames, then the control for the found one
    for name, value in site.headers:  # the entry's own headers reach the site
        assert server.seen_headers[0][name] == value
    assert result.results[0].url == moved.profile_url(present)
