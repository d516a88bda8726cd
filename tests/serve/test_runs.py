"""Running a case's audit from the web face: recorded like the CLI's, progress while profiles are
visited (against a real HTTP server on 127.0.0.1), failures said plainly, one run per case."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from ereputation.serve.progress import Run, Runs
from ereputation.serve.runs import ALLOW_PRIVATE
from ereputation.store import open_store
from tests.serve.interview_support import Served, serve, soup, wait_for

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Camille Martin <img src=x onerror=alert(1)></title></head>
<body><h1>Camille Martin</h1><p>Data analyst.</p></body></html>"""


def save_case(served: Served, case_id: str, text: str) -> None:
    served.workspace.mkdir(exist_ok=True)
    (served.workspace / f"{case_id}.toml").write_text(text, encoding="utf-8")


def finished(served: Served, case_id: str) -> str:
    """Wait for the run to end; the address the progress page then sends the browser to."""
    found: list[str] = []

    def done() -> bool:
        response = served.client.get(f"/cases/{case_id}/run/progress")
        if response.status_code == 303:
            found.append(response.location)
            return True
        return 'data-status="failed"' in response.get_data(as_text=True)

    wait_for(done)
    return found[0] if found else ""


def test_an_offline_run_records_an_audit_and_leads_to_its_report(tmp_path: Path) -> None:
    served = serve(tmp_path)
    save_case(
        served,
        "camille",
        '[person]\nname = "Camille Martin"\nlanguage = "en"\n\n'
        '[[profiles]]\nurl = "https://github.com/camille"\n\n'
        '[answers]\nobjective_defined = "yes"\n',
    )
    page = soup(served.client.get("/cases/camille/run").get_data(as_text=True))
    assert page.select_one('input[name="offline"]') is not None
    status, _, location = served.post("/cases/camille/run", {"offline": "on"})
    assert status == 303 and location == "/cases/camille/run/progress"
    report = finished(served, "camille")
    with open_store(served.db) as store:
        (audit,) = store.history("Camille Martin")
        result = store.result(audit.id)
    assert report == f"/case/audit/{audit.id}?key=Camille+Martin"
    assert result["audit"]["offline"] is True
    answered = {a["id"]: a["answer"] for a in result["checklist"]["answers"] if a["answer"]}
    assert answered == {"objective_defined": "yes"}
    assert audit.config_path == str((served.workspace / "camille.toml").resolve())
    assert served.client.get(report).status_code == 200


@pytest.fixture
def slow_site(httpserver: HTTPServer) -> Iterator[tuple[HTTPServer, threading.Event]]:
    """/fast answers at once; /slow only once the test lets it."""
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(20)
        return Response(PAGE, content_type="text/html")

    httpserver.expect_request("/fast").respond_with_data(PAGE, content_type="text/html")
    httpserver.expect_request("/slow").respond_with_handler(slow)
    yield httpserver, release
    release.set()


def test_a_run_shows_each_profile_as_it_is_visited(
    tmp_path: Path, slow_site: tuple[HTTPServer, threading.Event]
) -> None:
    site, release = slow_site
    served = serve(tmp_path)
    served.app.config[ALLOW_PRIVATE] = True
    save_case(
        served,
        "camille",
        '[person]\nname = "Camille Martin"\nlanguage = "en"\n\n'
        f'[[profiles]]\nurl = "{site.url_for("/fast")}"\nlabel = "Portfolio"\n\n'
        f'[[profiles]]\nurl = "{site.url_for("/slow")}"\nlabel = "Blog <b>"\n',
    )
    served.post("/cases/camille/run", {})

    def first_seen() -> bool:
        return "1 of 2 profile(s) checked" in served.client.get(
            "/cases/camille/run/progress"
        ).get_data(as_text=True)

    wait_for(first_seen)
    response = served.client.get("/cases/camille/run/progress")
    html = response.get_data(as_text=True)
    page = soup(html)
    lines = [" ".join(li.get_text().split()) for li in page.select("ul.visits li")]
    assert lines[0].startswith("Portfolio:") and "waiting" not in lines[0]
    assert lines[1] == "Blog <b>: waiting for an answer"
    assert "<img src=x" not in html and "<b>" not in html.replace("&lt;b&gt;", "")
    assert page.select_one('noscript meta[http-equiv="refresh"]') is not None
    assert page.select_one('script[src$="run-progress.js"]') is not None
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    bar = page.select_one("progress")
    assert bar is not None and bar["value"] == "1"
    # A second start while it runs starts nothing: the same run's page.
    _, _, location = served.post("/cases/camille/run", {})
    assert location == "/cases/camille/run/progress"
    assert "already running" in served.client.get("/cases/camille/run").get_data(as_text=True)
    release.set()
    assert finished(served, "camille").startswith("/case/audit/")
    with open_store(served.db) as store:
        assert len(store.history("Camille Martin")) == 1


def test_a_run_that_cannot_start_says_why_and_records_nothing(tmp_path: Path) -> None:
    served = serve(tmp_path, "fr")
    save_case(
        served,
        "lou",
        '[person]\nname = "Lou"\nlanguage = "fr"\n\n[audit]\ncounsellor = "Sam"\n\n'
        '[answers]\nobjective_defined = "maybe"\n',
    )
    served.post("/cases/lou/run", {"offline": "on"})
    assert finished(served, "lou") == ""
    html = served.client.get("/cases/lou/run/progress").get_data(as_text=True)
    problems = [li.get_text(" ", strip=True) for li in soup(html).select("ul.problems li")]
    assert any("consent_date" in p and "consentement" in p for p in problems)
    assert any("'maybe'" in p and "objective_defined" in p for p in problems)
    assert soup(html).find("a", href="/cases/lou/interview") is not None
    with open_store(served.db) as store:
        assert store.cases() == []


def test_the_run_pages_of_an_unknown_case_are_not_found(tmp_path: Path) -> None:
    served = serve(tmp_path)
    assert served.client.get("/cases/nobody/run").status_code == 404
    assert served.client.get("/cases/..%2Fx/run/progress").status_code == 404
    status, _, _ = served.post("/cases/nobody/run", {})
    assert status == 404
    # Never started: the progress page leads to the start form.
    save_case(served, "zoe", '[person]\nname = "Zoé"\n')
    assert served.client.get("/cases/zoe/run/progress").location == "/cases/zoe/run"


def test_only_one_run_per_case_at_a_time() -> None:
    runs = Runs()
    gate = threading.Event()
    first = Run("camille", "en", offline=True)

    def slow(run: Run) -> None:
        gate.wait(5)
        run.finish(1, "Camille")

    assert runs.start(first, slow)
    assert not runs.start(Run("camille", "en", offline=True), lambda run: None)
    assert runs.start(Run("zoe", "en", offline=True), lambda run: run.finish(2, "Zoé"))
    gate.set()
    wait_for(lambda: (s := runs.get("camille")) is not None and s.status == "done")
    assert runs.start(Run("camille", "en", offline=True), lambda run: run.finish(3, "Camille"))
