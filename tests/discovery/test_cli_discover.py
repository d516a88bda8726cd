"""`ereputation discover` and `ereputation sites check` through Click's runner and a subprocess."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from markdown_it import MarkdownIt

from ereputation.cli import main
from ereputation.messages import cli_text

from .conftest import Answer, SiteServer

Start = Callable[[str], SiteServer]
HOSTILE = '<img src=x onerror=alert(1)>Evil "site" & co'
PROFILE = b"<p>Member since 2019</p>"
MISSING = b"<p>No such member</p>"


def only_camille(name: str) -> Answer:
    return (200, {}, PROFILE) if name == "camille" else (404, {}, MISSING)


def entry(name: str, base: str, prefix: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "uri_check": f"{base}/{prefix}/{{account}}",
        "e_code": 200,
        "e_string": "Member since",
        "m_code": 404,
        "m_string": "No such member",
        "known": [],
        "cat": "coding",
        **fields,
    }


@pytest.fixture
def sites_file(site_server: Start, tmp_path: Path) -> Path:
    server = site_server("127.0.0.2")
    server.routes["/found"] = only_camille
    server.routes["/gone"] = lambda name: (404, {}, MISSING)
    server.routes["/limit"] = lambda name: (429, {"Retry-After": "60"}, b"")
    base = server.base
    sites = [
        entry(HOSTILE, base, "found", cat="<b>bold</b>"),
        entry("Gone", base, "gone"),
        entry("Limit", base, "limit", cat="social"),
    ]
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"license": ["tests"], "sites": sites}))
    return path


def run(*args: str) -> Any:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def discover(sites_file: Path, *args: str) -> Any:
    return run("discover", "camille", "--sites", str(sites_file), "--allow-private", *args)


def test_text_found_first_then_unknown_then_count(sites_file: Path) -> None:
    result = discover(sites_file, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "Accounts under your usernames",
        "3 sites asked about camille.",
        "",
        "Accounts found (1)",
    ]
    assert lines[4].startswith(f"  {HOSTILE} (<b>bold</b>): camille  http://127.0.0.2:")
    assert lines[6] == "Sites that could not tell (1)"
    assert lines[7].startswith("  These sites proved nothing, neither an account nor its absence")
    assert lines[-5:] == [
        "",
        "  the site asks to wait: too many requests (1)",
        "    Limit (HTTP status 429)",
        "",
        "Answers 'no account under this name': 1.",
    ]


def test_sites_that_could_not_tell_are_grouped_by_reason_each_site_once(
    sites_file: Path,
) -> None:
    # 71 lines "GitHub: camille: offline: nothing was sent" were a wall of one sentence.
    result = discover(sites_file, "jean", "--offline", "--lang", "en")
    lines = result.stdout.splitlines()
    assert lines[6] == "Sites that could not tell (3)"  # three sites, two usernames each
    start = lines.index("  offline: nothing was sent (3)")
    listed = " ".join(line.strip() for line in lines[start + 1 : -2])
    assert listed.startswith("<img src=x onerror=alert(1)>Evil")
    assert listed.endswith("(camille, jean); Gone (camille, jean); Limit (camille, jean)")
    assert sum("nothing was sent" in line for line in lines) == 1


def test_french_text(sites_file: Path) -> None:
    result = discover(sites_file, "--lang", "fr")
    assert "Comptes trouvés (1)" in result.stdout
    assert "le site demande d'attendre\xa0: trop de demandes (1)" in result.stdout
    assert "    Limit (code HTTP 429)" in result.stdout


def test_json(sites_file: Path) -> None:
    data = json.loads(discover(sites_file, "--format", "json").stdout)
    assert data["usernames"] == ["camille"]
    assert data["sites_probed"] == 3
    assert [(r["site"], r["status"], r["reason"]) for r in data["results"]] == [
        (HOSTILE, "found", "signature"),
        ("Gone", "not_found", "missing"),
        ("Limit", "unknown", "rate_limited"),
    ]
    assert set(data["results"][0]) == {
        "site", "username", "url", "status", "reason", "http_status", "elapsed_ms", "category",
    }  # fmt: skip


def test_html_is_inert_and_escapes_the_catalogue(sites_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "found.html"
    result = discover(sites_file, "-o", str(out), "--lang", "en")
    assert result.exit_code == 0
    assert result.stderr.strip() == cli_text("report_written", "en", path=out)
    soup = BeautifulSoup(out.read_text(), "html.parser")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and str(csp["content"]).startswith("default-src 'none'")
    assert soup.find("script") is None and soup.find("img") is None and soup.find("b") is None
    row = soup.select_one("table.discovery-found tbody tr")
    assert row is not None
    assert [c.get_text() for c in row.find_all(["th", "td"])][:3] == [
        HOSTILE,
        "camille",
        "<b>bold</b>",
    ]
    link = row.find("a")
    assert link is not None and str(link["href"]).startswith("http://127.0.0.2:")
    assert link["rel"] == ["noopener", "noreferrer"]
    unknown = soup.select("table.discovery-unknown tbody th")
    assert [cell.get_text() for cell in unknown] == ["Limit"]


def test_markdown_renders_to_plain_text(sites_file: Path) -> None:
    markdown = discover(sites_file, "--format", "md", "--lang", "en").stdout
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("img") is None and soup.find("b") is None
    cells = [td.get_text() for td in soup.select("tbody td")]
    assert cells[:3] == [HOSTILE, "camille", "<b>bold</b>"]
    link = soup.select_one("tbody a")
    assert link is not None and str(link["href"]).startswith("http://127.0.0.2:")


def test_bad_input_is_one_message_and_status_2(sites_file: Path, tmp_path: Path) -> None:
    result = discover(sites_file, "a/b")
    assert result.exit_code == 2
    assert "username 'a/b': cannot hold a slash" in result.stderr
    assert "Traceback" not in result.output
    result = run("discover", "camille", "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert "discover does not write pdf" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"sites": [\n  {"name": }\n]}')
    result = run("discover", "camille", "--sites", str(broken))
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        f"Error: {broken}:2:12: not valid JSON: Expecting value",
    )


def test_offline_sends_nothing(sites_file: Path) -> None:
    data = json.loads(discover(sites_file, "--offline", "--format", "json").stdout)
    assert {(r["status"], r["reason"]) for r in data["results"]} == {("unknown", "offline")}
    # The summary never says the sites were asked when nothing was sent.
    text = discover(sites_file, "--offline", "--lang", "en").stdout
    assert "Offline: none of the" in text and "asked about" in text.splitlines()[1]
    assert " sites asked about" not in text


def test_offline_with_the_bundled_catalogue_never_says_the_sites_were_asked() -> None:
    # A dotted name cannot stand in Tumblr's host name: that probe is an error before any
    # request, and the summary still said "74 sites asked about camille.martin".
    result = run("discover", "camille.martin", "--offline", "--lang", "fr")
    assert result.exit_code == 0
    intro = result.stdout.splitlines()[1]
    assert "aucun des 74 sites" in intro and "sites interrogés" not in intro


DATA = Path(__file__).parent / "data"


def test_sites_check_exit_codes(tmp_path: Path) -> None:
    broken = run("sites", "check", str(DATA / "broken.json"), "--lang", "en")
    assert broken.exit_code == 1
    assert broken.stdout.splitlines()[0] == (
        f"{DATA / 'broken.json'}: 10 entries, 2 usable, 1 disabled (valid: false), 7 unusable"
    )
    assert "sites[4] 'BadCode'.e_code: must be an HTTP status code" in broken.stdout
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"sites": [entry("A", "https://a.example", "u")]}))
    assert run("sites", "check", str(good)).exit_code == 0
    data = json.loads(run("sites", "check", str(DATA / "broken.json"), "--format", "json").stdout)
    assert (data["usable"], data["disabled"], len(data["unusable"])) == (2, 1, 7)
    assert data["unusable"][0]["code"] == "site_no_placeholder"
    not_json = tmp_path / "x.json"
    not_json.write_text("[1, 2")
    result = run("sites", "check", str(not_json))
    assert result.exit_code == 2
    assert f"{not_json}:1:6: not valid JSON" in result.stderr


def test_ctrl_c_stops_discovery_at_once(tmp_path: Path) -> None:
    silent = socket.socket()
    silent.bind(("127.0.0.3", 0))
    silent.listen(64)  # the kernel accepts; nobody ever answers
    port = silent.getsockname()[1]
    sites = [entry(f"s{i}", f"http://127.0.0.3:{port}", f"p{i}") for i in range(5)]
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"sites": sites}))
    out = tmp_path / "out.json"
    command = [sys.executable, "-m", "ereputation", "discover", "camille", "--sites", str(path)]
    command += ["--allow-private", "--timeout", "60", "-o", str(out), "--lang", "en"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(command, stderr=subprocess.PIPE, env=env, cwd=tmp_path) as child:
        try:
            time.sleep(1.5)  # started, connected, waiting for an answer that never comes
            assert child.poll() is None
            interrupted = time.monotonic()
            child.send_signal(signal.SIGINT)
            _, err = child.communicate(timeout=10)
            took = time.monotonic() - interrupted
        finally:
            if child.poll() is None:
                child.kill()
            silent.close()
    stderr = err.decode("utf-8", "replace")
    assert child.returncode == 130, stderr
    assert took < 1.0, f"discover took {took:.2f} s to stop"
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sites.json"]


def test_a_full_name_given_for_a_username_is_probed_as_given_with_a_warning(
    sites_file: Path,
) -> None:
    # A job seeker types their name: the sites are still asked (nothing is guessed), but stderr
    # says why it will most likely be reported absent everywhere and what to give instead.
    result = run(
        "discover", "Camille Martin", "--sites", str(sites_file), "--offline", "--lang", "en"
    )
    assert result.exit_code == 0
    assert "'Camille Martin' holds a space" in result.stderr
    assert "github.com/camille-martin: camille-martin" in result.stderr
    assert "Camille Martin" in result.stdout.splitlines()[1]
    plain = run("discover", "camille", "--sites", str(sites_file), "--offline", "--lang", "en")
    assert "holds a space" not in plain.stderr
