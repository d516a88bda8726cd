"""The discovery and search sections of the report with hostile data: what a catalogue (`--sites`
FILE), a site or a search service controls is printed as inert text in every format."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from ereputation.discovery.results import DiscoveryResult, ProbeResult
from ereputation.formats import OutputFormat, formatter_for
from ereputation.i18n import Language
from ereputation.model import (
    AuditResult,
    NameSearch,
    SearchHit,
    SearchLink,
    from_json,
    to_json,
)
from ereputation.resources import schema_path
from tests.report.conftest import HOSTILE, HOSTILE_URLS, make_result

CONTROL = "\x1b[31mred\x1b[0m \u202eevil\u202c \x07"


def hostile(language: Language) -> AuditResult:
    probes = (
        ProbeResult(
            HOSTILE, "camille", "https://a.example/camille", "found", "signature", 200, 12, HOSTILE
        ),
        *(
            ProbeResult(f"bad{i}", "camille", url, "found", "signature", 200, 5, "social")
            for i, url in enumerate(HOSTILE_URLS)
        ),
        ProbeResult(
            CONTROL, "camille", "https://b.example/x", "unknown", "login_wall", 302, 9, "social"
        ),
        ProbeResult(
            "Gone", "camille", "https://c.example/x", "not_found", "missing", 404, 3, "social"
        ),
    )
    search = NameSearch(
        links=(
            SearchLink(
                "google", "Google", "name", f'"{HOSTILE}"', "https://www.google.com/search?q=x"
            ),
        ),
        status="answered",
        endpoint="http://127.0.0.1:8888",
        hits=(
            SearchHit(1, "https://d.example/", HOSTILE, CONTROL + HOSTILE, "namesake"),
            SearchHit(2, HOSTILE_URLS[0], "t", "s", "risky", None, ("insult",)),
        ),
    )
    base = make_result(language)
    return replace(
        base,
        info=replace(base.info, discovery_run="run"),
        discovery=DiscoveryResult(("camille",), 8, probes),
        search=search,
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_hostile_discovery_and_search_stay_text_in_html(language: Language) -> None:
    html = formatter_for(OutputFormat.HTML).render_bytes(hostile(language)).decode()
    soup = BeautifulSoup(html, "html.parser")
    assert (
        soup.find("script") is None
        and soup.find("img") is None
        and soup.find("svg", onload=True) is None
    )
    for a in soup.find_all("a"):
        assert str(a["href"]).startswith(("http://", "https://", "#")), a
    accounts = soup.select_one("section#accounts")
    assert accounts is not None and "<script>" in accounts.get_text()  # shown, as text
    rows = accounts.select("table.accounts-found tbody tr")
    assert len(rows) == 1 + len(HOSTILE_URLS)  # a found account whose URL is no link is text
    assert not any(c in html for c in ("\x1b", "\u202e", "\x07"))
    hits = soup.select("ol.search-hits li")
    assert [li["data-kind"] for li in hits] == ["namesake", "risky"]
    assert hits[1].find("a") is None  # a javascript: result stays text


@pytest.mark.parametrize("fmt", [OutputFormat.MARKDOWN, OutputFormat.TEXT])
def test_hostile_discovery_and_search_in_markdown_and_text(fmt: OutputFormat) -> None:
    out = formatter_for(fmt).render_bytes(hostile("en")).decode()
    assert not any(c in out for c in ("\x1b", "\u202e", "\x07"))
    assert "Accounts a recruiter may find that you did not declare" in out
    assert "1 check(s) without a clear answer" in out
    if fmt is OutputFormat.MARKDOWN:  # rendered, not one live element or link more
        soup = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(out), "html.parser")
        assert soup.find("script") is None and soup.find("img") is None
        for a in soup.find_all("a"):
            assert str(a["href"]).startswith(("http://", "https://")), a


def test_hostile_discovery_survives_the_json_and_its_schema() -> None:
    result = hostile("fr")
    data = json.loads(formatter_for(OutputFormat.JSON).render_bytes(result))
    jsonschema.Draft202012Validator(json.loads(schema_path().read_text(encoding="utf-8"))).validate(
        data
    )
    assert from_json(data) == from_json(to_json(from_json(data)))
    assert data["discovery"]["results"][0]["site"] == HOSTILE


def test_an_undeclared_account_on_a_host_in_another_script_is_marked_visited() -> None:
    # Rows show such a host as ASCII (xn--...): the --deep card is found by the same form.
    from ereputation.formats.accounts_view import AccountsView
    from ereputation.formats.view import Presenter
    from ereputation.model import ProfileResult
    from tests.report.conftest import make_result

    url = "https://gіthub.example/camille"  # a Cyrillic і
    found = ProbeResult("Forge", "camille", url, "found", "signature", 200, 5, "coding")
    card = ProfileResult(url, "other", "unknown", "ok", "seen", declared=False)
    result = replace(
        make_result("en"),
        discovery=DiscoveryResult(("camille",), 1, (found,)),
        profiles=(card,),
    )
    view = AccountsView(Presenter(result))
    rows = view.found()
    assert rows and rows[0].url.startswith("https://xn--")
    assert view.visited(rows[0])
