"""The audit report's "since your last audit" section, from the result's optional `since_last`."""

from __future__ import annotations

import json
from dataclasses import replace

import jsonschema
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from ereputation.compare import compare, since_last
from ereputation.formats import OutputFormat, formatter_for
from ereputation.i18n import Language
from ereputation.model import AuditResult, SinceLast
from ereputation.resources import schema_path
from tests.report.test_compare_formats import progress


def with_since(language: Language) -> AuditResult:
    old, new = progress(language)
    return replace(new, since_last=since_last(compare(old, new)))


def _render(result: AuditResult, fmt: OutputFormat) -> str:
    return formatter_for(fmt).render_bytes(result).decode("utf-8")


def test_the_summary_is_what_compare_counts() -> None:
    result = with_since("en")
    assert result.since_last == SinceLast(
        previous_generated_at="2026-03-01T09:30:00+00:00",
        visibility_before=40,
        risk_before=60,
        visibility_change=15,
        risk_change=-15,
        actions_done=2,
        new_actions=0,
        new_findings=1,
        resolved_findings=2,
        profiles_changed=1,
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_html_shows_the_section_and_its_toc_link(language: Language) -> None:
    soup = BeautifulSoup(_render(with_since(language), OutputFormat.HTML), "html.parser")
    section = soup.select_one("section#since-last")
    assert section is not None
    assert soup.select_one('nav.toc a[href="#since-last"]') is not None
    rows = {
        tr.th.get_text(strip=True): tr.td.get_text(strip=True)
        for tr in section.select("tbody tr")
        if tr.th and tr.td
    }
    better = "mieux" if language == "fr" else "better"
    assert any(v.startswith(f"+15 ({better}") for v in rows.values())
    assert any(v.startswith(f"−15 ({better}") for v in rows.values())  # less risk is better
    intro = section.select_one("p.intro")
    date = "1er mars 2026" if language == "fr" else "1 March 2026"
    assert intro is not None and date in intro.get_text()


@pytest.mark.parametrize("fmt", [OutputFormat.TEXT, OutputFormat.MARKDOWN])
def test_text_and_markdown_show_it_too(fmt: OutputFormat) -> None:
    out = _render(with_since("en"), fmt)
    assert "Since your last audit" in out and "+15 (better; before 40/100)" in out
    if fmt is OutputFormat.MARKDOWN:
        html = BeautifulSoup(MarkdownIt("commonmark").enable("table").render(out), "html.parser")
        assert any("Since your last audit" in h.get_text() for h in html.find_all("h2"))


@pytest.mark.parametrize("fmt", [OutputFormat.TEXT, OutputFormat.MARKDOWN, OutputFormat.HTML])
def test_no_earlier_audit_no_section(fmt: OutputFormat) -> None:
    old, _ = progress("en")
    out = _render(old, fmt)
    assert "Since your last audit" not in out and "since-last" not in out


def test_the_json_carries_it_and_validates() -> None:
    data = json.loads(_render(with_since("fr"), OutputFormat.JSON))
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    assert data["since_last"]["visibility_change"] == 15
    assert data["since_last"]["resolved_findings"] == 2
