"""`ereputation discover --deep`: each account found visited with the recruiter view, against
real servers on 127.0.0.x (a site server, and a host that accepts and never answers)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from markdown_it import MarkdownIt

from ereputation.checks import Visit
from ereputation.cli import main
from ereputation.cli_discover import _visit_progress
from ereputation.config import DeclaredProfile
from ereputation.discovery.results import ProbeResult
from ereputation.messages import cli_text
from ereputation.reasons import Reason
from ereputation.recruiter import catalogue
from ereputation.resources import schema_path

from .conftest import Answer, SiteServer

Start = Callable[[str], SiteServer]
EMAIL = "camille.martin@example.org"
PHONE = "+33 6 12 34 56 78"
PAGE = (
    "<html><head><title>Camille Martin – photos</title></head><body><h1>Camille Martin</h1>"
    "<p>Member since 2019.</p>"
    f"<p>Write to {EMAIL} or call {PHONE}.</p>"
    "<p>Last night I was blackout drunk again.</p></body></html>"
).encode()
HOSTILE_PAGE = (
    b"<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt; \x1b[31mred | *bold* "
    b"[x](javascript:alert(1))</title></head><body><p>Member since 2019.</p></body></html>"
)
MISSING = b"<p>No such member</p>"
FOUND_TEXT = "Member since"


def answering(page: bytes) -> Callable[[str], Answer]:
    def answer(name: str) -> Answer:
        return (200, {}, page) if name == "camille" else (404, {}, MISSING)

    return answer


def entry(name: str, check: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "uri_check": check,
        "e_code": 200,
        "e_string": FOUND_TEXT,
        "m_code": 404,
        "m_string": "No such member",
        "known": [],
        "cat": "social",
        **fields,
    }


@pytest.fixture
def sites(site_server: Start, stalled_host: str, tmp_path: Path) -> tuple[SiteServer, Path]:
    """PhotoSite: found, its page exposing an e-mail, a phone, risky words and the name.
    Stalled: found by its check address, its profile page on a host that never answers."""
    server = site_server("127.0.0.2")
    server.routes["/photos"] = answering(PAGE)
    server.routes["/stalled"] = answering(PAGE)
    base = server.base
    catalogue = [
        entry("PhotoSite", f"{base}/photos/{{account}}"),
        entry(
            "Stalled",
            f"{base}/stalled/{{account}}",
            uri_pretty=f"http://{stalled_host}/{{account}}",
        ),
    ]
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"sites": catalogue}), encoding="utf-8")
    return server, path


def deep(sites_file: Path, *args: str) -> Any:
    command = ["discover", "camille", "--sites", str(sites_file), "--allow-private"]
    command += ["--deep", "--timeout", "1", "--lang", "en", *args]
    result = CliRunner().invoke(main, command, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def rendered(sites_file: Path, tmp_path: Path, fmt: str, *args: str) -> str:
    out = tmp_path / f"r.{fmt}"
    deep(sites_file, "-o", str(out), *args)
    return out.read_text(encoding="utf-8")


def text_of(soup: Tag | BeautifulSoup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, selector
    return found.get_text()


@pytest.fixture(scope="module")
def profile_item() -> jsonschema.Draft202012Validator:
    """The result schema's definition of one `profiles` item, as the audit result uses it."""
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema["properties"]["profiles"]["items"])


def test_text_shows_what_each_found_account_exposes_masked(
    sites: tuple[SiteServer, Path],
) -> None:
    _, path = sites
    out = deep(path, "--name", "Camille Martin").stdout
    part = out[out.index("What each account found shows (2)") :]
    photo, stalled = part.split("\n\n  ")[1:3]
    assert photo.startswith("PhotoSite  http://127.0.0.2:")
    assert "    Status: visited, 200" in photo
    assert "    Page title: Camille Martin – photos" in photo
    assert "    The page names you: yes" in photo
    assert "    Photo: " not in photo and "    Profile photo: no" in photo
    assert "    Personal data visible (E-mail address): c••••••••••••n@e••••••.org" in photo
    assert "    Personal data visible (Phone): +33 • •• •• •• 78" in photo
    # The category, the masked excerpt, and the words that set the lexicon off.
    assert (
        "    Content that could count against you (Alcohol and parties): … or call +33 • " in photo
    )
    assert "b••••••t d•••k" in photo and "found by: b••••••t d•••k" in photo
    assert EMAIL not in out and PHONE not in out and "blackout" not in out
    assert stalled.startswith("Stalled  http://127.0.0.4:")
    assert "    Status: timed out" in stalled
    assert "The page could not be read: nothing was checked" in stalled
    assert "Page title" not in stalled


def test_every_format_masks_personal_data_unless_asked(
    sites: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    _, path = sites
    for fmt in ("txt", "md", "html", "json"):
        masked = rendered(path, tmp_path, fmt)
        assert EMAIL not in masked and PHONE not in masked, fmt
        assert "c••••••••••••n@e••••••.org" in masked, fmt
        assert "blackout" not in masked, fmt
        shown = rendered(path, tmp_path, fmt, "--show-pii")
        assert EMAIL in shown and PHONE in shown, fmt
        assert "blackout" not in shown, fmt  # risky words stay masked: --show-pii is about PII


def test_json_profiles_have_the_audit_shape_and_are_undeclared(
    sites: tuple[SiteServer, Path], tmp_path: Path, profile_item: Any
) -> None:
    _, path = sites
    data = json.loads(rendered(path, tmp_path, "json", "--name", "Camille Martin"))
    for item in data["profiles"]:
        profile_item.validate(item)
    profiles = {p["label"]: p for p in data["profiles"]}
    photo, stalled = profiles["PhotoSite"], profiles["Stalled"]
    assert photo["declared"] is False and stalled["declared"] is False
    assert (photo["status"], photo["http_status"], photo["name_found"]) == ("ok", 200, True)
    assert {p["kind"]: p["value_masked"] for p in photo["pii"]} == {
        "email": "c••••••••••••n@e••••••.org",
        "phone": "+33 • •• •• •• 78",
    }
    assert [(r["category"], r["label"]) for r in photo["risk_terms"]] == [
        ("alcohol_party", "Alcohol and parties")
    ]
    assert (stalled["status"], stalled["reason_code"]) == ("timeout", "timeout_answer")
    risky = [f for f in data["findings"] if f["check"] == "risky_content"]
    assert [(f["subject"], f["profile_url"]) for f in risky] == [("alcohol_party", photo["url"])]
    assert "found by: b••••••t d•••k" in risky[0]["evidence"][0]
    assert data["deep"] == {"offline": False, "name_checked": True}
    assert data["pii_masked"] is True
    # Without --name, whether a page names the person is left out, not guessed.
    unnamed = json.loads(rendered(path, tmp_path, "json"))
    assert {p["name_found"] for p in unnamed["profiles"]} == {None}
    assert unnamed["deep"]["name_checked"] is False


def test_without_a_name_the_name_check_is_said_to_be_left_out(
    sites: tuple[SiteServer, Path],
) -> None:
    _, path = sites
    out = deep(path).stdout
    assert "The page names you: not checked (give your name with --name)" in out


def test_hostile_page_content_is_inert_in_html_and_markdown(
    site_server: Start, tmp_path: Path
) -> None:
    server = site_server("127.0.0.3")
    server.routes["/evil"] = answering(HOSTILE_PAGE)
    hostile_name = '<img src=x onerror=alert(1)>Evil "site"'
    catalogue = [entry(hostile_name, f"{server.base}/evil/{{account}}")]
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"sites": catalogue}), encoding="utf-8")

    page = BeautifulSoup(rendered(path, tmp_path, "html"), "html.parser")
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and "default-src 'none'" in str(csp["content"])
    assert page.find("script") is None and page.find("img") is None
    assert not [a for tag in page.find_all(True) for a in tag.attrs if a.startswith("on")]
    card = page.select_one("#deep article.profile")
    assert card is not None
    assert text_of(card, "h3") == hostile_name
    title = text_of(card, "dd.title")
    assert title.startswith("<script>alert(1)</script>") and "\x1b" not in title
    assert all(str(a["href"]).startswith("http://127.0.0.3:") for a in card.select("a"))

    markdown = rendered(path, tmp_path, "md")
    assert "\x1b" not in markdown
    html = MarkdownIt("commonmark").render(markdown)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None and soup.find("img") is None
    assert all(not str(a["href"]).startswith("javascript") for a in soup.select("a"))
    facts = [li.get_text() for li in soup.select("li")]
    shown = next(f for f in facts if f.startswith("Page title: "))
    assert "<script>alert(1)</script>" in shown and "*bold* [x](javascript:alert(1))" in shown
    assert text_of(soup, "h3") == hostile_name

    text = rendered(path, tmp_path, "txt")
    assert "\x1b" not in text and "Page title: <script>" in text


def test_offline_and_deep_visit_nothing_and_say_so(
    sites: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, path = sites
    result = deep(path, "--offline")
    assert server.seen == []
    assert cli_text("discover_deep_offline", "en") in result.stderr
    assert "Option --deep: no account was visited, since --offline sends nothing." in result.stdout
    data = json.loads(rendered(path, tmp_path, "json", "--offline"))
    assert (data["profiles"], data["deep"]["offline"]) == ([], True)


def test_name_and_show_pii_need_deep_and_a_readable_name() -> None:
    runner = CliRunner()
    for args in (["--name", "Camille Martin"], ["--show-pii"]):
        result = runner.invoke(main, ["discover", "camille", "--offline", "--lang", "en", *args])
        assert result.exit_code == 2
        assert result.stderr.strip().endswith(cli_text("discover_needs_deep", "en"))
    for name in ("  ", "Camille\x1b[2J Martin", "x" * 201):
        args = ["discover", "camille", "--offline", "--deep", "--lang", "en", "--name", name]
        result = runner.invoke(main, args)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert "--name: give a readable name" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_visits_are_told_on_a_terminal_only() -> None:
    found = (ProbeResult("Site\x1b[31m", "camille", "https://a.example/c", "found", "signature",
                         200, 5, "social"),)  # fmt: skip
    network = catalogue().identify(found[0].url)
    visit = Visit(DeclaredProfile(found[0].url), network, "timeout", Reason.of("timeout"))
    terminal = _Terminal()
    said = _visit_progress(found, "en", terminal)
    assert said is not None
    said(0, visit)
    assert terminal.getvalue() == "visited (1/1): Site (timed out)\n"
    assert _visit_progress(found, "en", io.StringIO()) is None
