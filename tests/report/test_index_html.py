"""The caseload index as HTML: parsed with BeautifulSoup, from sample results (no audit run)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bs4 import BeautifulSoup

from ereputation.caseload import ClientOutcome
from ereputation.formats.index import relative_href, render_index
from ereputation.i18n import Language
from ereputation.model import AuditResult, SinceLast
from tests.report.conftest import HOSTILE, make_hostile_result, make_result

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)
SINCE = SinceLast("2026-09-01T10:00:00+00:00", 30, 70, 10, -15, 2, 1, 0, 3, 1)


def outcomes(result: AuditResult) -> list[ClientOutcome]:
    return [
        ClientOutcome("clients/camille.toml", "camille.html", replace(result, since_last=SINCE)),
        ClientOutcome("alex.toml", "alex.html", make_result("en")),
        ClientOutcome("broken.toml", error="broken.toml:4:9: invalid TOML"),
    ]


def soup(language: Language = "en", history: bool = True) -> BeautifulSoup:
    page = render_index(outcomes(make_result("fr")), language, NOW, history=history)
    return BeautifulSoup(page, "html.parser")


def test_the_page_is_self_contained_and_inert() -> None:
    page = soup()
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and csp["content"].startswith("default-src 'none'")  # type: ignore[union-attr]
    assert page.find("script") is None
    assert page.find("link") is None and page.find("img") is None
    assert page.style is not None and "@media print" in page.style.get_text()


def test_each_row_says_scores_changes_verdict_first_action_and_dates() -> None:
    row = soup().select_one('tr[data-config="camille.toml"]')
    assert row is not None and row.th is not None and row.th.get_text() == "Camille Martin"
    visibility = row.select_one('[data-kind="visibility"]')
    risk = row.select_one('[data-kind="risk"]')
    assert visibility is not None and risk is not None
    assert visibility["data-direction"] == "better"
    assert visibility.get_text(" ", strip=True) == "40/100 +10 (better)"
    assert risk["data-direction"] == "better"  # risk down is better
    assert risk.get_text(" ", strip=True) == "60/100 −15 (better)"
    cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
    assert cells[0] == "28 February 2026"  # the audit date, not the generation date
    assert cells[3] == "Objectif d'abord"  # quoted in the result's own language
    assert row.find_all("td")[3]["lang"] == "fr"
    assert cells[4] == "Action title 1"
    assert cells[5] == "27 February 2026"
    assert cells[6] == "–"  # no retention date in the sample
    assert row.a is not None and row.a["href"] == "camille.html"


def test_no_earlier_audit_says_first_audit_only_when_the_history_was_read() -> None:
    with_history = soup().select_one('tr[data-config="alex.toml"] [data-kind="visibility"]')
    without = soup(history=False).select_one('tr[data-config="alex.toml"] [data-kind="risk"]')
    assert with_history is not None and "first audit" in with_history.get_text()
    assert without is not None and without.get_text(" ", strip=True) == "60/100 –"


def test_failed_clients_are_listed_with_their_message() -> None:
    failed = soup().select("#failed li")
    assert [li["data-config"] for li in failed] == ["broken.toml"]
    assert failed[0].get_text() == "broken.toml: broken.toml:4:9: invalid TOML"


def test_french_index() -> None:
    page = soup("fr")
    assert page.html is not None and page.html["lang"] == "fr"
    assert page.h1 is not None and page.h1.get_text() == "Vue d'ensemble des dossiers"
    cell = page.select_one('tr[data-config="camille.toml"] [data-kind="visibility"]')
    assert cell is not None and cell.get_text(" ", strip=True) == "40/100 +10 (mieux)"
    assert "2 rapport(s) écrit(s), 1 échec(s)." in page.get_text()


def test_hostile_results_and_names_stay_text() -> None:
    hostile = make_hostile_result("en")
    bidi = replace(hostile, subject=replace(hostile.subject, name="Eve\u202e\x1b[31m" + HOSTILE))
    page = BeautifulSoup(
        render_index(
            [
                ClientOutcome("javascript:alert(1)<x>.toml", "javascript:alert(1)<x>.html", bidi),
                ClientOutcome("bad\x1b[2J.toml", error="\u202eoops " + HOSTILE),
            ],
            "en",
            NOW,
        ),
        "html.parser",
    )
    assert page.find("script") is None and page.find("img") is None and page.find("svg") is None
    assert page.select("[onerror], [onload]") == []
    hrefs = [str(a["href"]) for a in page.find_all("a")]
    assert hrefs == ["javascript%3Aalert%281%29%3Cx%3E.html"]
    text = page.get_text()
    assert "\u202e" not in text and "\x1b" not in text
    assert "Eve[31m" not in text and HOSTILE in text  # the escape sequence whole is gone


def test_relative_href_keeps_a_link_to_a_file_beside_the_index() -> None:
    assert relative_href("camille.html") == "camille.html"
    assert relative_href("a b#c?.html") == "a%20b%23c%3F.html"
    assert relative_href("../x/y.html") == "..%2Fx%2Fy.html"
    assert relative_href("//evil.example/x.html") == "%2F%2Fevil.example%2Fx.html"
