"""The web face attacked: the token's paths, every route's method, hosts, sizes, secrets in errors.

Each test names what an attacker (or a slip) would try; the runs' races are in test_runs.py.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask

from ereputation.messages import messages
from ereputation.serve.app import create_app
from ereputation.serve.context import Settings
from ereputation.serve.results import DOWNLOADS, REPORT_CSP
from ereputation.serve.security import APP_CSP
from ereputation.store import open_store
from tests.serve.cases_support import TOKEN, Served, csrf_of, record, serve, soup

TEMPLATES = Path(__file__).resolve().parents[2] / "report_templates"
SOURCES = Path(__file__).resolve().parents[2] / "src" / "ereputation" / "serve"


def _app(tmp_path: Path, db: str | None = None) -> Flask:
    settings = Settings(TOKEN, db or str(tmp_path / "h.sqlite3"), tmp_path / "cases")
    app = create_app(settings)
    app.config["TESTING"] = True
    return app


def test_every_loopback_address_is_served_and_no_other_name(tmp_path: Path) -> None:
    """`serve --host 127.0.0.2` is loopback: its own address must not be refused as a foreign
    host (every request was a 403), while a rebound name still is."""
    client = _app(tmp_path).test_client()
    for host in ("127.0.0.2:8765", "127.1.2.3", "[::1]:8765", "localhost:1"):
        assert client.get(f"/?token={TOKEN}", headers={"Host": host}).status_code == 303, host
    for host in ("evil.example", "127.0.0.2.evil.example:8765", "10.0.0.1:8765", "[::2]:80"):
        assert client.get(f"/?token={TOKEN}", headers={"Host": host}).status_code == 403, host


def _start(tmp_path: Path, host: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "EREPUTATION_DB": str(tmp_path / "h.sqlite3"), "LANG": "C.UTF-8"}
    command = [sys.executable, "-m", "ereputation", "serve", "--host", host, "--port", "0"]
    process = subprocess.Popen(
        [*command, "--workspace", str(tmp_path / "cases")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    pattern = re.compile(rf"http://{re.escape(host)}:\d+/\?token=\S+")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = pattern.search(process.stdout.readline())
        if found:
            return process, found.group(0)
        if process.poll() is not None:
            break
    process.kill()
    raise AssertionError("no address printed")


def _can_bind(address: str) -> bool:
    try:
        with socket.socket() as probe:
            probe.bind((address, 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _can_bind("127.0.0.2"), reason="127.0.0.2 is not configured here")
def test_a_server_on_127_0_0_2_answers_and_refuses_a_huge_body_at_its_headers(
    tmp_path: Path,
) -> None:
    process, url = _start(tmp_path, "127.0.0.2")
    try:
        with requests.Session() as session:
            assert session.get(url, timeout=10).status_code == 200
        port = int(url.split(":")[2].split("/")[0])
        # 10 MB announced, nothing sent: waitress must answer now, not wait to buffer the body.
        with socket.create_connection(("127.0.0.2", port), timeout=5) as raw:
            raw.sendall(
                b"POST /cases/new HTTP/1.1\r\nHost: 127.0.0.2\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 10000000\r\n\r\n"
            )
            answer = raw.recv(200)
        assert answer.startswith(b"HTTP/1.1 413"), answer
    finally:
        process.terminate()
        process.communicate(timeout=20)


def test_no_link_carries_the_token_and_the_refusal_page_switches_language(
    tmp_path: Path,
) -> None:
    client = _app(tmp_path).test_client()
    refused = client.get("/case", query_string={"token": "guessed-token", "key": "x"})
    assert refused.status_code == 403
    html = refused.get_data(as_text=True)
    assert "guessed-token" not in html
    switch = soup(html).select_one(".app-lang a")["href"]
    assert "token" not in switch
    # Without a session, the switch works (a preference cookie, a local path) and nothing else.
    moved = client.get(switch)
    assert moved.status_code == 303 and moved.location == "/case?key=x"
    again = client.get("/case?key=x")
    assert again.status_code == 403
    assert messages("fr")["serve_error_403_title"] in again.get_data(as_text=True)
    assert client.get("/language/en?next=//evil.example").location == "/"


def test_the_token_never_sends_the_browser_to_another_site(tmp_path: Path) -> None:
    client = _app(tmp_path).test_client()
    for path in ("//evil.example/x", "/\\evil.example"):
        response = client.get(
            "/", query_string={"token": TOKEN}, environ_overrides={"PATH_INFO": path}
        )
        assert response.status_code == 303
        assert response.location.startswith("/") and not response.location.startswith(("//", "/\\"))


def test_the_token_alone_performs_nothing_not_even_in_a_post(tmp_path: Path) -> None:
    """A link or form of another site carrying the token (login CSRF) only signs in."""
    db = str(tmp_path / "h.sqlite3")
    record(db, "CASE-1", "Zoé Martin")
    client = _app(tmp_path, db).test_client()
    response = client.post(f"/case/purge?token={TOKEN}", data={"key": "CASE-1", "confirm": "yes"})
    assert response.status_code == 303 and "token" not in response.location
    with open_store(db) as store:
        assert store.case("CASE-1") is not None


def _snapshot(served: Served) -> tuple[Any, ...]:
    with open_store(served.db) as store:
        cases = [(c.key, c.audit_count) for c in store.cases()]
    files = sorted((p.name, p.read_bytes()) for p in served.workspace.glob("*") if p.is_file())
    return tuple(cases), tuple(files)


def _with_cases(tmp_path: Path) -> tuple[Served, int]:
    served = serve(tmp_path)
    served.workspace.mkdir(exist_ok=True)
    path = served.workspace / "zoe-martin.toml"
    path.write_text('[person]\nname = "Zoé Martin"\n', encoding="utf-8")
    record(served.db, "Zoé Martin", "Zoé Martin", config_path=path.resolve())
    audit = record(served.db, "Zoé Martin", "Zoé Martin", config_path=path.resolve(), days=3)
    record(served.db, "CLI-CASE", "Lou Bernard")
    return served, audit


def _fill(rule: Any, audit: int) -> str:
    values = {"case_id": "zoe-martin", "audit_id": audit, "kind": "json", "code": "fr"}
    values["name"] = "serve.css"
    path = str(rule.rule)
    for argument in rule.arguments:
        path = re.sub(rf"<(?:\w+:)?{argument}>", str(values[argument]), path)
    return path


def test_no_get_route_changes_anything(tmp_path: Path) -> None:
    served, audit = _with_cases(tmp_path)
    before = _snapshot(served)
    seen = []
    pages: set[str] = set()
    for rule in served.app.url_map.iter_rules():
        if "GET" not in (rule.methods or ()):
            continue
        path = _fill(rule, audit)
        for query in ({"key": "Zoé Martin"}, {"case_id": "zoe-martin"}, {"key": "CLI-CASE"}):
            response = served.client.get(path, query_string=query)
            assert response.status_code < 500, (path, query, response.status_code)
            policy = response.headers.get("Content-Security-Policy", "")
            drawn = not 300 <= response.status_code < 400  # a redirect has no page
            if drawn and response.mimetype == "text/html" and policy.startswith(APP_CSP):
                # Every page of the app says its language and offers the other one.
                page = soup(response.get_data(as_text=True))
                lang = page.find("html")["lang"]
                other = {"fr": "en", "en": "fr"}[lang]
                assert page.select_one(".app-lang a")["hreflang"] == other, path
                pages.add(rule.endpoint)
        seen.append(rule.endpoint)
    assert _snapshot(served) == before
    assert {"cases.confirm_purge", "interview.follow_up_history", "runs.progress"} <= set(seen)
    assert {"cases.caseload", "cases.case", "interview.new_case", "runs.run_page"} <= pages


def test_every_post_route_refuses_a_request_without_its_csrf_token(tmp_path: Path) -> None:
    served, audit = _with_cases(tmp_path)
    before = _snapshot(served)
    posts = [r for r in served.app.url_map.iter_rules() if "POST" in (r.methods or ())]
    assert len(posts) >= 6
    for rule in posts:
        path = _fill(rule, audit)
        data = {"key": "Zoé Martin", "confirm": "yes", "person.name": "Mallory"}
        assert served.client.post(path, data=data).status_code == 400, path
        forged = {**data, "csrf_token": "forged"}
        assert served.client.post(path, data=forged).status_code == 400, path
    assert _snapshot(served) == before


def test_downloads_are_attachments_of_their_exact_type_never_sniffed(tmp_path: Path) -> None:
    served, audit = _with_cases(tmp_path)
    for kind, download in DOWNLOADS.items():
        if kind == "pdf":
            continue  # needs a renderer; its type is the same dictionary's
        got = served.client.get(
            f"/case/audit/{audit}/download/{kind}", query_string={"key": "Zoé Martin"}
        )
        assert got.status_code == 200, kind
        expected = download.mimetype
        if expected.startswith("text/"):
            expected += "; charset=utf-8"
        assert got.headers["Content-Type"] == expected
        assert got.headers["Content-Disposition"].startswith("attachment; filename=")
        assert got.headers["X-Content-Type-Options"] == "nosniff"
        assert got.headers["Content-Security-Policy"] == REPORT_CSP
    for kind in ("../../etc/passwd", "..%2f..%2fh.sqlite3", "html%00", "HTML"):
        got = served.client.get(
            f"/case/audit/{audit}/download/{kind}", query_string={"key": "Zoé Martin"}
        )
        assert got.status_code == 404, kind
    report = served.client.get(f"/case/audit/{audit}", query_string={"key": "Zoé Martin"})
    assert report.headers["Referrer-Policy"] == "no-referrer"  # its links name no case


def test_a_huge_or_many_part_form_is_a_413_page_in_the_readers_language(tmp_path: Path) -> None:
    served = serve(tmp_path, "fr")
    token = csrf_of(served.client.get("/cases/new").get_data(as_text=True))
    big = served.client.post(
        "/cases/new", data={"csrf_token": token, "person.name": "x" * 3_000_000}
    )
    assert big.status_code == 413
    assert messages("fr")["serve_error_413_title"] in big.get_data(as_text=True)
    many = {f"f{n}": "1" for n in range(3000)}
    parts = served.client.post(
        "/cases/new", data={"csrf_token": token, **many}, content_type="multipart/form-data"
    )
    assert parts.status_code == 413


def test_a_postgresql_password_is_never_in_a_page_or_the_log(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = "postgresql://nadia:Pa55-w0rd-1@127.0.0.1:1/caseload?password=Other-5ecret"
    client = _app(tmp_path, url).test_client()
    client.get(f"/?token={TOKEN}")
    with caplog.at_level(logging.DEBUG):
        response = client.get("/")
    assert response.status_code == 503
    shown = response.get_data(as_text=True) + caplog.text
    assert "nadia" in shown  # the address is said, to be checked
    assert "Pa55-w0rd-1" not in shown and "Other-5ecret" not in shown


def test_a_crash_is_a_generic_logged_page_never_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(TOKEN, str(tmp_path / "h.sqlite3"), tmp_path / "cases"))
    assert not app.debug

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("internal detail 42")

    client = app.test_client()
    client.get(f"/?token={TOKEN}")
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "internal detail 42" not in html and "Traceback" not in html
    assert messages("en")["serve_error_other_title"] in html
    assert "internal detail 42" in caplog.text  # the terminal has it


def test_every_word_a_page_uses_exists_in_french_and_english() -> None:
    """Jinja shows a missing `t.key` as nothing: a word missing in one language is a blank."""
    used: set[str] = set()
    for template in (TEMPLATES / "serve").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        used |= set(re.findall(r"\bt\.(\w+)", text)) - {"get", "format"}
        used |= set(re.findall(r"\bt\[['\"](\w+)['\"]\]", text))
    for source in SOURCES.glob("*.py"):
        used |= set(re.findall(r"\"((?:serve|form|run)_[a-z0-9_]+)\"", source.read_text()))
    fr, en = messages("fr"), messages("en")
    assert len(used) > 100
    assert sorted(k for k in used if k not in fr) == []
    assert sorted(k for k in used if k not in en) == []


def test_arriving_from_another_site_the_token_signs_in_without_a_refused_page(
    tmp_path: Path,
) -> None:
    """From another site (a mail, the file `--open` writes), the browser withholds the
    SameSite=Strict cookie from the redirect's target: it was a 403 page. A page of the app now
    sends the browser on (Chromium's own walk is in test_browser_flow.py)."""
    client = _app(tmp_path).test_client()
    response = client.get(f"/case?key=x&token={TOKEN}", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert TOKEN not in html
    page = soup(html)
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0;url=/case?key=x"
    assert page.select_one("main a")["href"] == "/case?key=x"
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert client.get("/").status_code == 200


def test_a_refused_page_offers_to_open_it_again_without_the_token(tmp_path: Path) -> None:
    client = _app(tmp_path).test_client()
    page = soup(client.get("/case?key=Zo%C3%A9").get_data(as_text=True))
    again = page.find("a", string="open this page again")
    assert again is not None and again["href"] == "/case?key=Zo%C3%A9"


def test_signing_in_draws_a_new_session_and_each_server_its_own_cookie(tmp_path: Path) -> None:
    """Session fixation: a session (and its CSRF token) from before the token is not kept."""
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin")
    before = csrf_of(served.client.get("/case?key=CASE-1").get_data(as_text=True))
    served.client.get(f"/?token={TOKEN}")
    after = csrf_of(served.client.get("/case?key=CASE-1").get_data(as_text=True))
    assert after != before
    stale = {"key": "CASE-1", "confirm": "yes", "csrf_token": before}
    assert served.client.post("/case/purge", data=stale).status_code == 400
    other = _app(tmp_path)
    assert other.config["SESSION_COOKIE_NAME"] != served.app.config["SESSION_COOKIE_NAME"]


def test_open_puts_no_token_on_a_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve --open` gave the browser the address itself: every user of the computer could
    read the token in the process list. It now opens a private file that sends it on."""
    import webbrowser

    from ereputation.cli_serve import open_in_browser

    opened: list[str] = []

    def record_open(uri: str, *args: object, **kwargs: object) -> bool:
        opened.append(uri)
        return True

    monkeypatch.setattr(webbrowser, "open", record_open)
    url = f"http://127.0.0.1:8765/?token={TOKEN}&x=1"
    page = open_in_browser(url)
    try:
        (uri,) = opened
        assert uri.startswith("file://") and TOKEN not in uri
        assert page.stat().st_mode & 0o777 == 0o600
        assert page.parent.stat().st_mode & 0o777 == 0o700
        refresh = soup(page.read_text(encoding="utf-8")).select_one('meta[http-equiv="refresh"]')
        assert refresh["content"] == f"0;url={url}"
    finally:
        import shutil

        shutil.rmtree(page.parent)
