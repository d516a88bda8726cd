"""The comparison page in Chromium with axe, like the report (skipped when Chromium is absent)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from ereputation.compare import compare
from ereputation.formats import OutputFormat
from ereputation.formats.compare_view import compare_formatter_for
from ereputation.i18n import Language
from tests.report.conftest import make_hostile_result, make_result
from tests.report.test_compare_formats import progress
from tests.report.test_report_browser import ARTIFACTS, Opened, browser, pytestmark

if TYPE_CHECKING:
    from playwright.sync_api import Browser  # type: ignore[import-not-found, unused-ignore]

__all__ = ["browser", "pytestmark"]  # the fixture and the skip marks of the report's tests


def _open(browser: Browser, html: str, path: Path) -> Opened:
    path.write_text(html, encoding="utf-8")
    return Opened(browser.new_page(viewport={"width": 1100, "height": 900}), path.as_uri())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_comparison_opens_inert_and_axe_finds_nothing_serious(
    browser: Browser, tmp_path: Path, language: Language
) -> None:
    html = compare_formatter_for(OutputFormat.HTML).render(compare(*progress(language)))
    opened = _open(browser, html, tmp_path / "compare.html")
    page = opened.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"compare-{language}-screen.png"), full_page=True)
    axe = importlib.import_module("axe_playwright_python.sync_playwright").Axe()
    results = axe.run(page, options={"resultTypes": ["violations"]})
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert opened.requests == [opened.url] and opened.errors == []
    page.close()


def test_hostile_comparison_runs_nothing_and_loads_nothing(
    browser: Browser, tmp_path: Path
) -> None:
    c = compare(make_result("en"), make_hostile_result("en"))
    opened = _open(browser, compare_formatter_for(OutputFormat.HTML).render(c), tmp_path / "h.html")
    opened.page.wait_for_timeout(200)
    assert opened.dialogs == [] and opened.errors == []
    assert opened.requests == [opened.url]
    assert opened.page.evaluate("document.scripts.length") == 0
    opened.page.close()


def test_report_with_since_last_passes_axe(browser: Browser, tmp_path: Path) -> None:
    from ereputation.formats.html import FORMATTER
    from tests.report.test_compare_since import with_since

    opened = _open(browser, FORMATTER.render(with_since("fr")), tmp_path / "report.html")
    axe = importlib.import_module("axe_playwright_python.sync_playwright").Axe()
    results = axe.run(opened.page, options={"resultTypes": ["violations"]})
    serious = [
        v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert opened.page.locator("#since-last").is_visible()
    opened.page.close()
