"""A counsellor's whole visit in a real browser: Debian's Chromium driven by Playwright against the
app served by a real waitress on 127.0.0.1.

Creates a case, fills the interview, runs an offline audit, opens the report, edits an answer,
runs a follow-up, sees the comparison, exports, purges. axe-core checks the interview and run
pages (no serious or critical violation), and the interview is walked with the keyboard only.
Skipped when Chromium, Playwright or axe is missing; screenshots go to tests/artifacts/
(docs/images/ with `make doc-images`).
"""

from __future__ import annotations

import importlib
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ereputation.messages import messages
from ereputation.serve.app import create_app
from ereputation.serve.context import Settings
from ereputation.serve.runs import ALLOW_PRIVATE

# The report's browser tests say when Chromium cannot start; `browser` is conftest's, shared.
from tests.report.test_report_browser import _missing
from tests.serve.conftest import IMAGES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page  # type: ignore[import-not-found, unused-ignore]

TOKEN = "browser-flow-token"
EN = messages("en")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(bool(_missing), reason=f"browser tests need {', '.join(_missing)}"),
]


@dataclass
class Site:
    base: str
    workspace: Path
    app: Any


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """The app on a real waitress, on a free port of 127.0.0.1, in a thread."""
    from waitress import create_server  # type: ignore[import-untyped]

    workspace = tmp_path / "cases"
    app = create_app(Settings(token=TOKEN, db=str(tmp_path / "h.sqlite3"), workspace=workspace))
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.effective_port}", workspace, app)
    finally:
        server.close()
        thread.join(timeout=5)


def signed_in(browser: Browser, site: Site, language: str = "en") -> Page:
    context = browser.new_context(locale=language, accept_downloads=True)
    page = context.new_page()
    page.set_viewport_size({"width": 1100, "height": 900})
    page.goto(f"{site.base}/?token={TOKEN}")
    assert page.url == f"{site.base}/"
    return page


def no_serious_violation(page: Page) -> None:
    axe = importlib.import_module("axe_playwright_python.sync_playwright").Axe()
    results = axe.run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], page.url


def shot(page: Page, name: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / f"serve-interview-{name}.png"), full_page=False)


def choose(page: Page, item: str, value: str) -> None:
    page.locator(f'input[name="answers.{item}"][value="{value}"]').check()


def run_offline(page: Page) -> None:
    """From a run page: tick offline, start, and wait for the report the run leads to."""
    page.get_by_label(EN["run_offline_label"]).check()
    page.get_by_role("button", name=EN["run_start"]).click()
    page.wait_for_url("**/case/audit/**", timeout=30_000)


def test_a_counsellor_creates_audits_follows_up_compares_exports_and_purges(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    page = signed_in(browser, site)
    page.get_by_role("link", name=EN["serve_nav_new_case"]).click()
    page.get_by_label(EN["form_label_name"]).fill("Camille Martin")
    page.get_by_label(EN["form_label_target_role"]).fill("Data analyst")
    page.locator("#f-person-trade").select_option("data")
    page.locator("#f-profiles-0-url").fill("github.com/camille-martin")  # no scheme: refused
    choose(page, "objective_defined", "vague")
    choose(page, "trade_online", "unknown")
    no_serious_violation(page)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "form")
    page.locator("#category-strategy").scroll_into_view_if_needed()
    shot(page, "questions")
    page.get_by_role("button", name=EN["form_save"]).click()

    summary = page.locator("#error-summary")
    assert "https://github.com/camille-martin" in summary.inner_text()
    assert page.locator("#f-person-name").input_value() == "Camille Martin"
    assert page.locator('input[name="answers.objective_defined"]:checked').get_attribute(
        "value"
    ) == ("vague")
    no_serious_violation(page)
    shot(page, "errors")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "f-profiles-0-url"
    page.locator("#f-profiles-0-url").fill("https://github.com/camille-martin")
    page.get_by_role("button", name=EN["form_save"]).click()

    page.wait_for_url("**/cases/camille-martin/run?saved=1")
    no_serious_violation(page)
    shot(page, "run")
    run_offline(page)
    assert page.locator("h1").first.inner_text()  # the CLI's report itself
    first_report = page.url

    page.goto(f"{site.base}/")
    page.get_by_role("link", name="Camille Martin").first.click()
    page.get_by_role("link", name=EN["serve_case_follow_up"]).click()
    assert page.locator("#f-person-target_role").input_value() == "Data analyst"
    choose(page, "objective_defined", "yes")
    page.get_by_role("button", name=EN["form_save"]).click()
    page.wait_for_url("**/run?saved=1")
    run_offline(page)
    assert page.url != first_report

    page.goto(f"{site.base}/")
    page.get_by_role("link", name="Camille Martin").first.click()
    page.get_by_role("link", name=EN["serve_audit_compare"]).first.click()
    assert page.locator("body").inner_text()  # S1's comparison page
    page.go_back()

    with page.expect_download() as download:
        page.get_by_role("button", name=EN["serve_export_button"]).click()
    archive = tmp_path / "export.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist()

    page.get_by_role("link", name=EN["serve_purge_button"]).click()
    page.get_by_label(EN["serve_purge_confirm_label"]).check()
    page.get_by_role("button", name=EN["serve_purge_confirm"]).click()
    page.wait_for_url(f"{site.base}/**")
    assert page.get_by_role("link", name="Camille Martin").count() == 0
    assert not (site.workspace / "camille-martin.toml").exists()
    page.context.close()


def test_the_progress_page_is_accessible_and_updates_itself(
    browser: Browser, site: Site, tmp_path: Path
) -> None:
    from pytest_httpserver import HTTPServer
    from werkzeug.wrappers import Request, Response

    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(20)
        return Response("<title>Blog</title><h1>Camille Martin</h1>", content_type="text/html")

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.expect_request("/fast").respond_with_data(
        "<title>Portfolio</title><h1>Camille Martin</h1>", content_type="text/html"
    )
    server.expect_request("/slow").respond_with_handler(slow)
    server.start()
    try:
        site.app.config[ALLOW_PRIVATE] = True
        site.workspace.mkdir(exist_ok=True)
        (site.workspace / "camille.toml").write_text(
            '[person]\nname = "Camille Martin"\nlanguage = "en"\n\n'
            f'[[profiles]]\nurl = "{server.url_for("/fast")}"\nlabel = "Portfolio"\n\n'
            f'[[profiles]]\nurl = "{server.url_for("/slow")}"\nlabel = "Blog"\n',
            encoding="utf-8",
        )
        page = signed_in(browser, site)
        page.goto(f"{site.base}/cases/camille/run")
        page.get_by_role("button", name=EN["run_start"]).click()
        page.wait_for_url("**/run/progress")
        counted = EN["run_progress"].format(done=1, total=2)
        page.locator("#run-count", has_text=counted).wait_for(timeout=20_000)
        # The live region is a fixed node told the short line only; the list is swapped silently.
        live = page.locator("#run-live")
        assert live.get_attribute("aria-live") == "polite"
        page.wait_for_function(
            "text => document.getElementById('run-live').textContent === text", arg=counted
        )
        assert page.locator("#run-status").get_attribute("aria-live") is None
        no_serious_violation(page)
        shot(page, "progress")
        release.set()
        page.wait_for_url("**/case/audit/**", timeout=30_000)  # the script follows the end
        # In place of the progress page: Back leaves the report (the CLI's own page, with no
        # link into the app) for the app, instead of the progress page sending it back there.
        page.go_back()
        page.wait_for_load_state()
        assert "/case/audit/" not in page.url and "/run/progress" not in page.url, page.url
        assert page.locator("nav").count() > 0
        page.context.close()
    finally:
        release.set()
        server.clear()
        if server.is_running():
            server.stop()


def test_the_interview_works_with_the_keyboard_only(browser: Browser, site: Site) -> None:
    page = signed_in(browser, site)
    page.goto(f"{site.base}/cases/new")
    page.locator("#f-person-name").focus()
    page.keyboard.type("Sam Lee")
    reached: list[str] = []
    for _ in range(200):
        page.keyboard.press("Tab")
        active = page.evaluate(
            "() => { const e = document.activeElement;"
            " return e.type === 'submit' ? 'submit' : (e.name || ''); }"
        )
        reached.append(active)
        if active == "submit":
            break
    groups = page.evaluate(
        "() => [...new Set([...document.querySelectorAll('input[type=radio]')].map(r => r.name))]"
    )
    assert set(groups) <= set(reached), set(groups) - set(reached)
    assert reached[-1] == "submit"

    # In a radio group: the arrows move and select, Space selects the focused choice.
    page.locator('input[name="answers.objective_defined"]').last.focus()  # "no answer yet"
    page.keyboard.press("ArrowUp")
    checked = page.locator('input[name="answers.objective_defined"]:checked')
    assert checked.get_attribute("value") == "chose_offline"
    page.keyboard.press("ArrowUp")
    assert checked.get_attribute("value") == "no"
    page.locator('input[name="answers.computer_access"]').first.focus()
    page.keyboard.press("Space")
    assert page.locator('input[name="answers.computer_access"]:checked').get_attribute("value") == (
        "yes"
    )
    page.locator("#f-person-career_change").focus()
    page.keyboard.press("Space")
    assert page.locator("#f-person-career_change").is_checked()
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/sam-lee/run?saved=1")
    text = (site.workspace / "sam-lee.toml").read_text(encoding="utf-8")
    assert 'objective_defined = "no"' in text and 'computer_access = "yes"' in text
    assert "career_change = true" in text
    page.context.close()


def test_the_file_serve_open_writes_leads_to_the_caseload(
    browser: Browser, site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From file:// (another site), the browser withheld the new cookie after the redirect and
    showed "Access refused": the app now sends it on from a page of its own."""
    import shutil
    import webbrowser

    from ereputation.cli_serve import open_in_browser

    monkeypatch.setattr(webbrowser, "open", lambda uri, *a, **k: True)
    opener = open_in_browser(f"{site.base}/?token={TOKEN}")
    try:
        page = browser.new_context(locale="en").new_page()
        page.goto(opener.as_uri())
        page.wait_for_url(f"{site.base}/", timeout=10_000)
        page.get_by_role("heading", name=EN["serve_caseload_title"]).wait_for(timeout=10_000)
        assert TOKEN not in page.url
        page.context.close()
    finally:
        shutil.rmtree(opener.parent)
