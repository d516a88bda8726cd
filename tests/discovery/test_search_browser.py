"""The accounts and name-search sections in a real browser (Chromium, axe-core): the demo's result,
which holds both, is accessible, fits a phone and loads nothing."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ereputation.model import AuditResult, from_json
from tests.conftest import FIXTURES
from tests.report.test_report_browser import CHROMIUM, LAUNCH_ARGS, open_report
from tests.report.test_report_browser import pytestmark as pytestmark  # skipped without Chromium

DEMO = FIXTURES / "results" / "demo-1.4-fr.json"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


def demo_result() -> AuditResult:
    return from_json(json.loads(DEMO.read_text(encoding="utf-8")))


def test_the_sections_pass_axe_and_load_nothing(chromium: Any, tmp_path: Path) -> None:
    axe = importlib.import_module("axe_playwright_python.sync_playwright").Axe()
    opened = open_report(chromium, demo_result(), tmp_path / "report.html")
    page = opened.page
    assert page.locator("#accounts table.accounts-found tbody tr").count() == 2
    assert page.locator("#search li[data-kind]").count() == 5
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}})
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    assert opened.requests == [opened.url]
    page.close()


@pytest.mark.parametrize("width", [390])
def test_the_sections_fit_a_phone_screen(chromium: Any, tmp_path: Path, width: int) -> None:
    from ereputation.formats.html import FORMATTER

    page = chromium.new_page(viewport={"width": width, "height": 844})
    path = tmp_path / "report.html"
    path.write_text(FORMATTER.render(demo_result()), encoding="utf-8")
    page.goto(path.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()


def test_the_discover_page_fits_a_phone_each_account_a_card_with_its_labels(
    chromium: Any, tmp_path: Path
) -> None:
    from ereputation.discovery.results import DiscoveryResult, ProbeResult
    from ereputation.formats.discovery_html import discovery_html

    name = "camille.martin-dupont-lefebvre"
    long_url = f"https://www.example.com/users/profiles/public/{name}?tab=overview&lang=fr"
    rows = [
        ProbeResult(site, name, long_url, "found", "signature", 200, 90, "coding")
        for site in ("GitHub", "Mastodon (mastodon.social)", "Archive of Our Own")
    ]
    rows.append(ProbeResult("Steam", name, long_url, "unknown", "login_wall", 401, 90, "gaming"))
    page_file = tmp_path / "discover.html"
    page_file.write_text(discovery_html(DiscoveryResult((name,), 4, tuple(rows)), "fr"))
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.goto(page_file.as_uri())
    width = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert width == [390, 390]
    link = page.locator("table.discovery-found td.url").first
    assert link.bounding_box()["width"] > 250  # was a column two letters wide
    label = link.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Lien"'
    page.close()
