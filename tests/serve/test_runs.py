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
from tests.serve.cases_support import soup as page_of
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

    assert runs.start(first, slow) == "started"
    assert runs.start(Run("camille", "en", offline=True), lambda run: None) == "already"
    zoe = runs.start(Run("zoe", "en", offline=True), lambda run: run.finish(2, "Zoé"))
    assert zoe == "started"
    gate.set()
    wait_for(lambda: (s := runs.get("camille")) is not None and s.status == "done")
    again = runs.start(Run("camille", "en", offline=True), lambda run: run.finish(3, "Camille"))
    assert again == "started"


def _slow_case(served: Served, site: HTTPServer, case_id: str = "camille") -> None:
    save_case(
        served,
        case_id,
        '[person]\nname = "Camille Martin"\nlanguage = "en"\n\n'
        f'[[profiles]]\nurl = "{site.url_for("/slow")}"\nlabel = "Blog"\n\n'
        '[answers]\nobjective_defined = "yes"\n',
    )


def _running(served: Served, case_id: str = "camille") -> None:
    served.app.config[ALLOW_PRIVATE] = True
    served.post(f"/cases/{case_id}/run", {})
    wait_for(
        lambda: (
            'data-status="running"'
            in served.client.get(f"/cases/{case_id}/run/progress").get_data(as_text=True)
        )
    )


def test_a_purge_during_the_run_erases_nothing_and_the_case_stays_whole(
    tmp_path: Path, slow_site: tuple[HTTPServer, threading.Event]
) -> None:
    """Erased during its run, the case came back at the run's end (its audit recorded) without
    its questionnaire: the purge now waits for the end and says so."""
    site, release = slow_site
    served = serve(tmp_path)
    _slow_case(served, site)
    _running(served)
    asked = served.client.get("/case/purge?case_id=camille")  # said before the box is ticked
    assert asked.status_code == 200
    assert "An audit of this case is running" in asked.get_data(as_text=True)
    status, html, _ = served.post("/case/purge", {"case_id": "camille", "confirm": "yes"})
    assert status == 409
    alert = page_of(html).select_one('[role="alert"]')
    assert "An audit of this case is running" in alert.get_text()
    assert alert.has_attr("autofocus")  # the reason takes the focus, as the form's errors do
    assert (served.workspace / "camille.toml").exists()
    release.set()
    assert finished(served, "camille").startswith("/case/audit/")
    status, _, location = served.post("/case/purge", {"case_id": "camille", "confirm": "yes"})
    assert status == 303 and location == "/"
    with open_store(served.db) as store:
        assert store.cases() == []
    assert not (served.workspace / "camille.toml").exists()


def test_a_history_case_is_not_erased_while_a_run_may_record_into_it(
    tmp_path: Path, slow_site: tuple[HTTPServer, threading.Event]
) -> None:
    """A case recorded from the command line, followed up in the web face: its run records
    under the same key from another workspace file. Erasing the key meanwhile was undone."""
    from tests.serve.cases_support import record

    site, release = slow_site
    served = serve(tmp_path)
    record(served.db, "Camille Martin", "Camille Martin")  # no workspace file of its own
    _slow_case(served, site)
    _running(served)
    wait_for(
        lambda: "0 of 1" in served.client.get("/cases/camille/run/progress").get_data(as_text=True)
    )
    status, _, _ = served.post("/case/purge", {"key": "Camille Martin", "confirm": "yes"})
    assert status == 409
    release.set()
    finished(served, "camille")
    with open_store(served.db) as store:
        assert len(store.history("Camille Martin")) == 2


def test_a_questionnaire_saved_during_its_run_is_refused_and_what_was_typed_is_kept(
    tmp_path: Path, slow_site: tuple[HTTPServer, threading.Event]
) -> None:
    """Saved during the run, the new file was recorded beside a result it did not produce."""
    site, release = slow_site
    served = serve(tmp_path)
    _slow_case(served, site)
    before = (served.workspace / "camille.toml").read_text(encoding="utf-8")
    _running(served)
    form = served.client.get("/cases/camille/interview").get_data(as_text=True)
    from tests.serve.interview_support import browser_submission

    sent = browser_submission(form)
    sent["person.target_role"] = ["Typed during the run"]
    response = served.client.post("/cases/camille/interview", data=sent)
    assert response.status_code == 409
    page = page_of(response.get_data(as_text=True))
    assert "An audit of this case is running" in page.select_one("#error-summary").get_text()
    assert page.find(id="f-person-target_role")["value"] == "Typed during the run"
    assert (served.workspace / "camille.toml").read_text(encoding="utf-8") == before
    release.set()
    finished(served, "camille")
    with open_store(served.db) as store:
        (audit,) = store.history("Camille Martin")
        assert store.config_text(audit.id) == before
    again = served.client.post("/cases/camille/interview", data=sent)
    assert again.status_code == 303


def test_audits_under_way_are_bounded_overall(
    tmp_path: Path, slow_site: tuple[HTTPServer, threading.Event]
) -> None:
    from ereputation.serve.progress import MAX_RUNNING

    site, release = slow_site
    served = serve(tmp_path)
    served.app.config[ALLOW_PRIVATE] = True
    for number in range(MAX_RUNNING + 1):
        _slow_case(served, site, f"case-{number}")
    for number in range(MAX_RUNNING):
        status, _, _ = served.post(f"/cases/case-{number}/run", {})
        assert status == 303
    status, html, _ = served.post(f"/cases/case-{MAX_RUNNING}/run", {})
    assert status == 503
    assert "Several audits are already running" in page_of(html).get_text()
    assert served.app.extensions["ereputation.runs"].get(f"case-{MAX_RUNNING}") is None
    release.set()
    for number in range(MAX_RUNNING):
        finished(served, f"case-{number}")
    status, _, _ = served.post(f"/cases/case-{MAX_RUNNING}/run", {})
    assert status == 303


def test_the_progress_page_announces_a_short_line_in_its_own_live_region(
    tmp_path: Path, slow_site: tuple[HTTPServer, threading.Event]
) -> None:
    site, release = slow_site
    served = serve(tmp_path, "fr")
    _slow_case(served, site)
    _running(served)
    progress = "/cases/camille/run/progress"
    wait_for(lambda: "sur 1" in served.client.get(progress).get_data(as_text=True))
    page = page_of(served.client.get(progress).get_data(as_text=True))
    live = page.find(id="run-live")
    assert live["aria-live"] == "polite" and live["role"] == "status"
    assert live.get_text(strip=True) == "0 profil(s) vérifié(s) sur 1"
    status = page.find(id="run-status")
    assert status.get("aria-live") is None  # swapped every second: never re-read whole
    assert not page.select_one("ul.visits").has_attr("lang")
    # Switched to English mid-run: the lines still come in the run's French, and say so.
    served.client.set_cookie("ereputation_lang", "en")
    page = page_of(served.client.get(progress).get_data(as_text=True))
    assert page.find("html")["lang"] == "en"
    assert page.select_one("ul.visits")["lang"] == "fr"
    release.set()
    finished(served, "camille")


def test_a_failed_run_shows_hostile_values_as_text_and_takes_the_focus(tmp_path: Path) -> None:
    served = serve(tmp_path)
    save_case(
        served,
        "lou",
        '[person]\nname = "<script>alert(1)</script>"\nlanguage = "en"\n\n'
        '[answers]\nobjective_defined = "<img src=x onerror=alert(2)>"\n',
    )
    served.post("/cases/lou/run", {"offline": "on"})
    assert finished(served, "lou") == ""
    html = served.client.get("/cases/lou/run/progress").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    page = page_of(html)
    assert "<img src=x onerror=alert(2)>" in page.select_one("ul.problems").get_text()
    heading = page.find(id="run-failed")
    assert heading.has_attr("autofocus") and heading["tabindex"] == "-1"
    assert page.find(id="run-live").get_text(strip=True) == "The audit did not finish"


def test_the_run_page_and_the_terminal_name_profiles_with_one_helper(tmp_path: Path) -> None:
    import io

    from ereputation.cli import load_valid
    from ereputation.progress import visit_names, visit_progress

    config = tmp_path / "c.toml"
    config.write_text(
        '[person]\nname = "Camille Martin"\n\n[[profiles]]\nurl = "https://github.com/cm"\n\n'
        '[[profiles]]\nurl = "https://example.org/blog"\nlabel = "Blog"\n',
        encoding="utf-8",
    )
    profile, _ = load_valid(config, None)
    assert visit_names(profile.profiles, "en") == ["GitHub", "Blog"]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    with visit_progress(profile.profiles, "en", offline=False, stream=Terminal()) as shown:
        assert shown is not None
        assert shown._names == ["GitHub", "Blog"]


def test_a_follow_up_sent_while_its_case_is_erased_does_not_bring_the_file_back(
    tmp_path: Path,
) -> None:
    """The form is read, then the purge erases the case, then the save writes: it recreated the
    erased interview. The save and the purge now take turns, and the save sees the erasure."""
    from tests.serve.interview_support import browser_submission

    served = serve(tmp_path)
    save_case(served, "camille", '[person]\nname = "Camille Martin"\nlanguage = "en"\n')
    sent = browser_submission(served.client.get("/cases/camille/interview").get_data(as_text=True))
    outcome: list[int] = []
    runs = served.app.extensions.setdefault("ereputation.runs", Runs())
    with runs._lock:  # as a purge holds it while it erases
        saving = threading.Thread(
            target=lambda: outcome.append(
                served.client.post("/cases/camille/interview", data=sent).status_code
            )
        )
        saving.start()
        saving.join(0.5)
        assert saving.is_alive()  # waiting for its turn
        (served.workspace / "camille.toml").unlink()  # the purge's erasure
    saving.join(10)
    assert outcome == [404]
    assert not (served.workspace / "camille.toml").exists()


@pytest.mark.parametrize("no_model", [False, True])
def test_serve_no_model_reads_risky_content_with_the_rules_alone(
    tmp_path: Path, httpserver: HTTPServer, no_model: bool
) -> None:
    from ereputation.serve.runs import NO_MODEL

    httpserver.expect_request("/site").respond_with_data(PAGE, content_type="text/html")
    served = serve(tmp_path)
    served.app.config[ALLOW_PRIVATE] = True
    if no_model:
        served.app.config[NO_MODEL] = True
    save_case(
        served,
        "camille",
        '[person]\nname = "Camille Martin"\nlanguage = "en"\n\n'
        f'[[profiles]]\nurl = "{httpserver.url_for("/site")}"\n',
    )
    served.post("/cases/camille/run", {})
    assert finished(served, "camille").startswith("/case/audit/")
    with open_store(served.db) as store:
        (row,) = store.history("Camille Martin")
        audit = store.result(row.id)["audit"]
    if no_model:
        assert (audit["meaning_model"], audit["meaning_model_off"]) == (None, "no_model")
    else:
        assert audit["meaning_model"] and audit["meaning_model_off"] is None
