"""The bundled catalogue (checklists/sites.json): every entry loads, and every signature tells its
fixture "found" answer from its fixture "missing" answer (tests/fixtures/sites/pages.toml).

The fixtures imitate each site's answer as publicly known when the entry was written; they prove
the signature is coherent (the found string is on the found page and absent from the missing one,
the codes agree), not that the live site still answers that way.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

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
        "XXXPORNXXX",
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


def _moved(site: Site, base: str) -> Site:
    """The entry asked at `base` under `/<its index>/`, its original host kept as the next path
    step so that a site whose username sits in its host name (a blog's subdomain) still tells
    one name from another."""
    parts = urlsplit(site.uri_check)
    rest = urlunsplit(("", "", parts.path, parts.query, ""))
    return replace(site, uri_check=f"{base}/{site.index}/{parts.netloc}{rest}")


def _request_target(site: Site, username: str) -> tuple[str, str, bytes]:
    """What the prober sends for `username` to the moved entry, decoded: the client may
    percent-encode what the catalogue wrote (`[]`)."""
    target = urlsplit(_moved(site, "http://127.0.0.2").check_url(username))
    method = "GET" if site.post_body is None else "POST"
    path = unquote(urlunsplit(("", "", target.path, target.query, "")))
    return method, path, site.body_for(username) or b""


SHARED = "jeanne-exemple"  # a name every moved entry holds, for the whole-catalogue run
ABSENT = "nobody-holds-this-0"
HOSTS = 8  # loopback addresses 127.0.0.2 to 127.0.0.9, entries spread over them


@pytest.fixture(scope="module")
def fixture_web() -> Iterator[list[HTTPServer]]:
    """Every usable entry's fixtures on loopback servers, each under its own path (see
    `_moved`): the found fixture answers the exact request the prober sends for the entry's
    first known username (or SHARED), the missing fixture answers any other."""
    sites = {str(site.index): site for site in catalogue().sites}
    expected = {
        key: {_request_target(site, site.known[0]), _request_target(site, SHARED)}
        for key, site in sites.items()
    }

    def answer(request: Request) -> Response:
        key = request.path.split("/")[1]
        query = unquote(request.query_string.decode("ascii"))
        asked = (request.method, request.path + (f"?{query}" if query else ""), request.data)
        fixture = fixtures()[sites[key].name]
        status, body = fixture.found if asked in expected[key] else fixture.missing
        headers = {"Location": "/search"} if 300 <= status < 400 else {}
        return Response(body, status, headers, content_type=fixture.content_type)

    servers = [HTTPServer(host=f"127.0.0.{2 + n}", threaded=True) for n in range(HOSTS)]
    for server in servers:
        server.expect_request(re.compile(".*")).respond_with_handler(answer)
        server.start()
    yield servers
    for server in servers:
        server.stop()


def _served(site: Site, servers: list[HTTPServer]) -> tuple[Site, HTTPServer]:
    server = servers[site.index % HOSTS]
    return _moved(site, server.url_for("").rstrip("/")), server


LOCAL = DiscoverOptions(fetch=probe_options(timeout=5.0, allow_private=True), concurrency=4)


@pytest.mark.parametrize("site", catalogue().sites, ids=_ids(catalogue().sites))
def test_the_real_prober_finds_the_known_account_and_not_the_absent_one(
    site: Site, fixture_web: list[HTTPServer]
) -> None:
    """Each entry served from 127.0.0.x with its fixtures, probed by `discover` exactly as a
    run would: the known username is found (the random control probe answered as missing
    keeps it found), a username nobody holds is not found."""
    present = site.known[0]
    moved, server = _served(site, fixture_web)
    result = discover([present, ABSENT], [moved], LOCAL)
    outcome = {(r.username, r.status, r.reason) for r in result.results}
    assert outcome == {(present, "found", "signature"), (ABSENT, "not_found", "missing")}
    here = f"/{site.index}/"
    asked = [request for request, _ in server.log if request.path.startswith(here)]
    method = "GET" if site.post_body is None else "POST"
    assert [r.method for r in asked] == [method] * 3  # both names, then the found one's control
    for name, value in site.headers:  # the entry's own headers reach the site
        assert asked[0].headers[name] == value
    assert result.results[0].url == moved.profile_url(present)


def test_the_whole_catalogue_in_one_run_finds_the_shared_name_everywhere(
    fixture_web: list[HTTPServer],
) -> None:
    """One `discover` over every entry at once, hosts in parallel, as `ereputation discover`
    runs it: each entry reports the shared name found and the absent one not found, in the
    catalogue's order, and no result is a control's random name."""
    moved = [_served(site, fixture_web)[0] for site in catalogue().sites]
    result = discover([SHARED, ABSENT], moved, DiscoverOptions(fetch=LOCAL.fetch, concurrency=16))
    assert result.sites_probed == len(moved)
    expected = [
        (site.name, name, status)
        for site in moved
        for name, status in ((SHARED, "found"), (ABSENT, "not_found"))
    ]
    assert [(r.site, r.username, r.status) for r in result.results] == expected


# ------------------------------------------------------------------ the docs


def test_docs_sites_lists_every_entry_with_its_category_and_the_counts() -> None:
    text = (Path(__file__).resolve().parents[2] / "docs" / "sites.md").read_text(encoding="utf-8")
    for entry in raw_entries():
        checked = "no (see below)" if entry.get("valid") is False else "yes"
        assert f"| {entry['name']} | {entry['cat']} | {checked} |" in text, entry["name"]
    usable, disabled = len(catalogue().sites), catalogue().disabled
    assert f"{usable + disabled} entries, {usable} of which are probed and {disabled}" in text
