"""The report in a real browser: Debian's Chromium driven by Playwright, axe-core for accessibility.

Skipped locally when Chromium or Playwright is missing; CI installs both. Screenshots (screen and
print, both languages) are written to tests/artifacts/ for people to look at.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from ereputation.formats.html import FORMATTER
from ereputation.i18n import Language
from ereputation.model import AuditResult

Builder = Callable[[Language], AuditResult]

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page  # type: ignore[import-not-found, unused-ignore]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

_missing = [
    what
    for what, present in (
        (CHROMIUM, os.access(CHROMIUM, os.X_OK)),
        ("playwright (pip install playwright)", importlib.util.find_spec("playwright")),
        ("axe-playwright-python", importlib.util.find_spec("axe_playwright_python")),
    )
    if not present
]
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(bool(_missing), reason=f"browser tests need {', '.join(_missing)}"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield launched
        launched.close()


class Opened:
    """A report opened from file://, with everything the page tried to do recorded."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.url = url
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)
        page.goto(url, wait_until="load")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(str(dialog.message))
        dialog.dismiss()


def open_report(browser: Browser, result: AuditResult, path: Path) -> Opened:
    path.write_text(FORMATTER.render(result), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    return Opened(page, path.as_uri())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_report_opens_without_errors_or_network_and_is_screenshotted(
    browser: Browser, tmp_path: Path, language: Language, make_full: Builder
) -> None:
    opened = open_report(browser, make_full(language), tmp_path / f"report-{language}.html")
    page = opened.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{language}-screen.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(ARTIFACTS / f"report-{language}-print.png"), full_page=True)
    page.pdf(path=str(ARTIFACTS / f"report-{language}.pdf"), prefer_css_page_size=True)
    assert opened.requests == [opened.url]
    assert opened.errors == []
    page.close()


def test_hostile_report_runs_nothing_and_loads_nothing(
    browser: Browser, tmp_path: Path, make_hostile: Builder
) -> None:
    opened = open_report(browser, make_hostile("en"), tmp_path / "hostile.html")
    page = opened.page
    page.wait_for_timeout(200)
    assert opened.dialogs == []
    assert opened.requests == [opened.url]
    assert opened.errors == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.images.length") == 0
    page.close()


def test_passed_findings_fold_on_screen_and_show_in_print(
    browser: Browser, tmp_path: Path, make_full: Builder
) -> None:
    opened = open_report(browser, make_full("en"), tmp_path / "report.html")
    page = opened.page
    passed = page.locator("details.passed-findings li.finding").first
    assert not passed.is_visible()
    page.emulate_media(media="print")
    assert passed.is_visible()
    page.close()


def test_later_horizons_of_the_plan_fold_on_screen_open_on_click_and_show_in_print(
    browser: Browser, tmp_path: Path, make_full: Builder
) -> None:
    opened = open_report(browser, make_full("en"), tmp_path / "report.html")
    page = opened.page
    week = page.locator('.horizon[data-horizon="this_week"] li.action').first
    month = page.locator('details.horizon[data-horizon="this_month"] li.action').first
    ongoing = page.locator('details.horizon[data-horizon="ongoing"] li.action').first
    assert week.is_visible() and not month.is_visible() and not ongoing.is_visible()
    page.locator('details.horizon[data-horizon="this_month"] > summary').click()
    assert month.is_visible() and not ongoing.is_visible()
    page.emulate_media(media="print")
    assert ongoing.is_visible()
    assert opened.errors == [] and opened.requests == [opened.url]
    page.close()


def test_print_layout_keeps_cards_whole_and_starts_sections_on_new_pages(
    browser: Browser, tmp_path: Path, make_full: Builder
) -> None:
    opened = open_report(browser, make_full("fr"), tmp_path / "report.html")
    page = opened.page
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => ({
            card: getComputedStyle(document.querySelector('article.profile')).breakInside,
            action: getComputedStyle(document.querySelector('li.action')).breakInside,
            profiles: getComputedStyle(document.querySelector('#profiles')).breakBefore,
            toc: getComputedStyle(document.querySelector('nav.toc')).display,
        })"""
    )
    assert styles == {"card": "avoid", "action": "avoid", "profiles": "page", "toc": "none"}
    page.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_axe_finds_no_serious_or_critical_violation(
    browser: Browser, tmp_path: Path, language: Language, make_full: Builder
) -> None:
    # Imported by name: the package ships no type information.
    axe = importlib.import_module("axe_playwright_python.sync_playwright").Axe()

    opened = open_report(browser, make_full(language), tmp_path / "report.html")
    page = opened.page
    results = axe.run(page, options={"resultTypes": ["violations", "incomplete"]})
    serious = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    # Contrast axe cannot decide: decorative marks (aria-hidden, next to words of the same colour)
    # and the scores written over their gauge, measured by the next test. Nothing else.
    undecided = [
        n["target"][0]
        for v in results.response["incomplete"]
        if v["id"] == "color-contrast"
        for n in v["nodes"]
    ]
    for selector in undecided:
        placed = page.evaluate(
            "s => document.querySelector(s).closest('.dial, [aria-hidden=\"true\"]') !== null",
            selector,
        )
        assert placed, f"axe could not check the contrast of {selector}"
    # axe is injected by Playwright, not fetched: the page still made no request of its own.
    assert opened.requests == [opened.url]
    page.close()


def _luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_scores_written_over_their_gauge_have_aa_contrast(
    browser: Browser, tmp_path: Path, make_full: Builder
) -> None:
    opened = open_report(browser, make_full("en"), tmp_path / "report.html")
    colours = opened.page.evaluate(
        """() => [...document.querySelectorAll('.dial-value span, .tick-label')].map(e => [
            getComputedStyle(e)[e instanceof SVGElement ? 'fill' : 'color'],
            getComputedStyle(e.closest('figure')).backgroundColor,
        ])"""
    )
    assert len(colours) >= 4
    for text_colour, background in colours:
        fg = [float(x) for x in text_colour[text_colour.index("(") + 1 : -1].split(",")]
        bg = [float(x) for x in background[background.index("(") + 1 : -1].split(",")]
        light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, (text_colour, background)
    opened.page.close()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_report_fits_a_phone_screen_without_sideways_scrolling(
    browser: Browser, tmp_path: Path, language: Language, make_full: Builder
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    path = tmp_path / "report.html"
    path.write_text(FORMATTER.render(make_full(language)), encoding="utf-8")
    page.goto(path.as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()
