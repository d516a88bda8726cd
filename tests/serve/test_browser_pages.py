"""The web face's pages in Debian's Chromium through Playwright, checked by axe-core.

A real waitress serves the app on 127.0.0.1 (a thread); the browser signs in with the token,
opens the caseload, a case, a report, a comparison and the erasure's confirmation, in both
languages. No serious or critical axe violation, no request outside the app, no script run by
hostile text. Screenshots go to tests/artifacts/ (to docs/images/ for docs/web.md with
`make doc-images`).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pytest

from ereputation.serve.app import create_app
from ereputation.serve.context import Settings
from tests.report.test_report_browser import _missing
from tests.serve.cases_support import HOSTILE, TOKEN, record, result
from tests.serve.conftest import IMAGES

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page  # type: ignore[import-not-found, unused-ignore]


pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(bool(_missing), reason=f"browser tests need {', '.join(_missing)}"),
]


@dataclass
class Site:
    base: str
    audits: dict[str, int] = field(default_factory=dict)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from waitress import create_server  # type: ignore[import-untyped]

    folder = tmp_path_factory.mktemp("serve")
    db = str(folder / "history.sqlite3")
    app = create_app(Settings(token=TOKEN, db=db, workspace=folder / "cases"))
    audits = {
        "first": record(db, "DEMO-0001", "Camille Martin", visibility=41, risk=72),
        "second": record(db, "DEMO-0001", "Camille Martin", visibility=58, risk=44, days=45),
    }
    record(db, "DEMO-0002", "Zoé Lefèvre", visibility=67, risk=25, days=3)
    record(db, "HOSTILE-1", HOSTILE, result_json=result(name=HOSTILE), days=5)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.effective_port}", audits)
    finally:
        server.close()
        thread.join(timeout=5)


@dataclass
class Opened:
    page: Page
    requests: list[str]
    dialogs: list[str]


def _open(browser: Browser, site: Site, path: str, language: str) -> Opened:
    context = browser.new_context(locale=language, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda request: requests.append(request.url))

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.goto(f"{site.base}/?token={TOKEN}")
    page.goto(site.base + path)
    return Opened(page, requests, dialogs)


def _serious(page: Page) -> list[str]:
    axe = importlib.import_module("axe_playwright_python.sync_playwright").Axe()
    found: Any = axe.run(page).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


PAGES = {
    "caseload": "/",
    "case": "/case?key=DEMO-0001",
    "report": "/case/audit/{second}?key=DEMO-0001",
    "compare": "/case/audit/{second}/compare?key=DEMO-0001",
    "confirm": "/case/purge?key=DEMO-0001",
    "hostile": "/case?key=HOSTILE-1",
    "missing": "/case?key=NOBODY",  # an error page
}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_each_page_passes_axe_and_stays_inside_the_app(
    browser: Browser, site: Site, name: str, language: str
) -> None:
    opened = _open(browser, site, PAGES[name].format(**site.audits), language)
    page = opened.page
    # A report stays in the language it was audited in (as `ereputation render` keeps it).
    expected = "fr" if name in ("report", "compare") else language
    assert page.evaluate("document.documentElement.lang") == expected
    assert _serious(page) == []
    assert opened.dialogs == []  # hostile text never ran
    assert all(url.startswith(site.base) for url in opened.requests), opened.requests
    if name not in ("report", "compare", "hostile", "missing"):
        if name == "caseload":  # the docs show a search, without the hostile test case
            page.goto(f"{site.base}/?q=DEMO")
        page.screenshot(path=str(IMAGES / f"serve-{name}-{language}.png"))
    page.context.close()


def test_the_first_tab_reaches_the_skip_link_which_leads_to_the_content(
    browser: Browser, site: Site
) -> None:
    opened = _open(browser, site, "/", "en")
    page = opened.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    page.context.close()


def test_sorting_and_searching_work_without_script(browser: Browser, site: Site) -> None:
    context = browser.new_context(java_script_enabled=False, locale="en")
    page = context.new_page()
    page.goto(f"{site.base}/?token={TOKEN}")
    page.get_by_role("link", name="Risk").first.click()
    names = page.locator("tbody th a").all_inner_texts()
    assert names[0] == "Zoé Lefèvre"
    page.get_by_label("Search the cases").fill("zoe")
    page.get_by_role("button", name="Search").click()
    assert page.locator("tbody th a").all_inner_texts() == ["Zoé Lefèvre"]
    context.close()


def test_the_refusal_page_passes_axe_and_switches_language(browser: Browser, site: Site) -> None:
    context = browser.new_context(locale="en")
    page = context.new_page()
    response = page.goto(f"{site.base}/case?key=DEMO-0001")
    assert response is not None and response.status == 403
    assert _serious(page) == []
    page.get_by_role("link", name="Français").click()
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("h1").inner_text() == "Accès refusé"
    # The choice made on the refusal page is kept once signed in.
    page.goto(f"{site.base}/?token={TOKEN}")
    page.goto(f"{site.base}/nowhere")
    assert page.locator("h1").inner_text() == "Page introuvable"
    context.close()


# What sticks out of a phone's width (390 CSS pixels): the page must not scroll sideways; a wide
# table scrolls inside its own frame instead.
_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter((e) => {
    if (e.closest('.table-wrap')) return false;
    return e.getBoundingClientRect().right > width + 1;
  });
  return [document.documentElement.scrollWidth, width,
          wide.slice(0, 5).map((e) => e.tagName + (e.id ? '#' + e.id : ''))];
}"""


@pytest.mark.parametrize(
    "path", ["/", "/case?key=DEMO-0001", "/cases/new", "/case/purge?key=DEMO-0001"]
)
def test_the_app_pages_never_scroll_sideways_on_a_phone(
    browser: Browser, site: Site, path: str
) -> None:
    opened = _open(browser, site, path, "fr")
    page = opened.page
    page.set_viewport_size({"width": 390, "height": 800})
    scroll_width, width, wide = page.evaluate(_OVERFLOW)
    assert (scroll_width, wide) == (width, []), path
    page.context.close()
