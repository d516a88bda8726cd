"""The caseload index in a real browser: Debian's Chromium through Playwright, axe-core.

Skipped locally when Chromium or Playwright is missing; CI installs both. Screenshots (screen and
print, both languages) are written to tests/artifacts/.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ereputation.caseload import ClientOutcome
from ereputation.formats.html import FORMATTER
from ereputation.formats.index import render_index
from ereputation.i18n import Language
from ereputation.model import SinceLast
from tests.report.conftest import make_hostile_result, make_result
from tests.report.test_report_browser import ARTIFACTS, Opened, browser, pytestmark

if TYPE_CHECKING:
    from playwright.sync_api import Browser  # type: ignore[import-not-found, unused-ignore]

# The report's browser fixture, marker and skip (when Chromium or Playwright is missing).
__all__ = ["browser", "pytestmark"]

SERIOUS = ("serious", "critical")
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
SINCE = SinceLast("2026-09-01T10:00:00+00:00", 30, 70, 10, -15, 2, 1, 0, 3, 1)


def write_caseload(folder: Path, language: Language) -> Path:
    """Three reports and their index, as `audit DIR -o OUTDIR` lays them out."""
    full = make_result(language)
    outcomes = [
        ClientOutcome("camille.toml", "camille.html", replace(full, since_last=SINCE)),
        ClientOutcome("alex.toml", "alex.html", make_result("en" if language == "fr" else "fr")),
        ClientOutcome("eve.toml", "eve.html", make_hostile_result(language)),
        ClientOutcome("broken.toml", error="broken.toml:4:9: invalid TOML"),
    ]
    for outcome in outcomes:
        if outcome.result is not None and outcome.report is not None:
            (folder / outcome.report).write_text(FORMATTER.render(outcome.result), "utf-8")
    index = folder / "index.html"
    index.write_text(render_index(outcomes, language, NOW, history=True), encoding="utf-8")
    return index


@pytest.mark.parametrize("language", ["fr", "en"])
def test_index_opens_without_request_error_or_script_and_is_screenshotted(
    browser: Browser, tmp_path: Path, language: Language
) -> None:
    index = write_caseload(tmp_path, language)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    opened = Opened(page, index.as_uri())
    page.wait_for_timeout(200)  # anything the page could start has had time to
    assert (opened.requests, opened.errors, opened.dialogs) == ([opened.url], [], [])
    assert page.evaluate("[document.scripts.length, document.images.length]") == [0, 0]
    ARTIFACTS.mkdir(exist_ok=True)
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        shot = ARTIFACTS / f"index-{language}-{media}.png"
        page.screenshot(path=str(shot), full_page=True)
    page.pdf(path=str(ARTIFACTS / f"index-{language}.pdf"), prefer_css_page_size=True)
    page.close()


def test_a_report_link_opens_the_report_beside_the_index(browser: Browser, tmp_path: Path) -> None:
    index = write_caseload(tmp_path, "en")
    page = browser.new_page()
    Opened(page, index.as_uri())
    page.locator('tr[data-config="camille.toml"] a').click()
    page.wait_for_load_state("load")
    assert page.url == (tmp_path / "camille.html").as_uri()
    page.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_axe_finds_no_serious_or_critical_violation_in_the_index(
    browser: Browser, tmp_path: Path, language: Language
) -> None:
    axe = importlib.import_module("axe_playwright_python.sync_playwright").Axe()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    opened = Opened(page, write_caseload(tmp_path, language).as_uri())
    found = axe.run(page, options={"resultTypes": ["violations", "incomplete"]}).response
    grave = {v["id"]: v["nodes"] for v in found["violations"] if v["impact"] in SERIOUS}
    assert grave == {}
    # Unlike the report, the index has no gauge: every contrast must be decided, and pass.
    assert [v["nodes"] for v in found["incomplete"] if v["id"] == "color-contrast"] == []
    assert opened.requests == [opened.url]  # axe is injected, not fetched
    page.close()
