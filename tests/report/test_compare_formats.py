"""A comparison in text, Markdown, HTML and JSON: the same facts in each, hostile texts inert.

HTML is read with BeautifulSoup, Markdown rendered with a real CommonMark parser, JSON validated
against the shipped schema (src/ereputation/schemas/compare.schema.json, the same as docs/).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

from ereputation.compare import Comparison, compare
from ereputation.formats import OutputFormat
from ereputation.formats.compare_view import COMPARE_FORMATS, compare_formatter_for
from ereputation.formats.view import direction, signed
from ereputation.i18n import Language
from ereputation.model import AuditResult, FindingKey, ProfileResult
from ereputation.resources import schema_path
from tests.conftest import ROOT
from tests.report.conftest import make_hostile_result, make_result

COMPARE_SCHEMA = schema_path("compare")


def progress(language: Language) -> tuple[AuditResult, AuditResult]:
    """Three months later: two actions done, a finding resolved, one new, a profile added."""
    old = make_result(language)
    failed = [f for f in old.findings if not f.passed]
    answers = list(old.answers)
    answers[3] = replace(answers[3], answer="pass", answer_label="Oui!", status="pass")
    new = replace(
        old,
        generated_at="2026-06-01T09:30:00+00:00",
        scores=replace(old.scores, visibility=55, visibility_rating="fair", risk=45),
        actions=old.actions[2:],
        findings=(replace(failed[1], key=FindingKey("fresh_check")), *failed[2:]),
        profiles=(
            *old.profiles,
            ProfileResult(
                url="https://github.com/cm-new",
                network="github",
                kind="developer",
                status="ok",
                reason="fetched",
                network_name="GitHub",
            ),
        ),
        answers=tuple(answers),
    )
    return old, new


@pytest.fixture(params=["fr", "en"])
def comparison(request: pytest.FixtureRequest) -> Comparison:
    return compare(*progress(request.param))


def _render(c: Comparison, fmt: OutputFormat) -> str:
    return compare_formatter_for(fmt).render(c)


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(COMPARE_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_docs_carry_the_same_compare_schema() -> None:
    assert (ROOT / "docs" / "compare.schema.json").read_bytes() == COMPARE_SCHEMA.read_bytes()


def test_every_textual_format_has_a_comparison_formatter_and_pdf_has_none() -> None:
    assert set(COMPARE_FORMATS) == set(OutputFormat) - {OutputFormat.PDF}
    with pytest.raises(KeyError):
        compare_formatter_for(OutputFormat.PDF)


def test_changes_read_as_better_or_worse_by_kind() -> None:
    assert direction("visibility", 5) == "better" and direction("risk", 5) == "worse"
    assert direction("risk", -3) == "better" and direction("visibility", 0) == "unchanged"
    assert direction("risk", None) == "not_comparable"
    assert (signed(12), signed(-5), signed(0), signed(None)) == ("+12", "−5", "0", "–")


def test_json_holds_every_change_and_validates(comparison: Comparison, validator: Any) -> None:
    data = json.loads(_render(comparison, OutputFormat.JSON))
    validator.validate(data)
    assert data["kind"] == "comparison" and data["language"] == comparison.language
    assert data["visibility"]["before"] == 40 and data["visibility"]["change"] == 15
    assert data["risk"]["change"] == -15
    assert [a["id"] for a in data["actions_done"]] == ["improve-item1", "improve-item2"]
    assert [f["id"] for f in data["new_findings"]] == ["fresh_check"]
    assert len(data["resolved_findings"]) == 2
    assert [(p["change"], p["after"]) for p in data["profiles"]] == [("added", "ok")]
    assert [(a["item_id"], a["after"]) for a in data["answers"]] == [("keywords_present", "Oui!")]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_same_result_twice_and_a_hostile_one_validate(
    validator: Any, language: Language
) -> None:
    validator.validate(
        json.loads(_render(compare(*(make_result(language),) * 2), OutputFormat.JSON))
    )
    hostile = compare(make_result(language), make_hostile_result(language))
    validator.validate(json.loads(_render(hostile, OutputFormat.JSON)))


def test_html_is_inert_self_contained_and_has_every_section(comparison: Comparison) -> None:
    html = _render(comparison, OutputFormat.HTML)
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html is not None and soup.html["lang"] == comparison.language
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and "default-src 'none'" in str(csp["content"])
    assert soup.find("script") is None and soup.find("link") is None and soup.find("img") is None
    rows = {tr["data-id"]: tr for tr in soup.select("table.compare-scores tbody tr")}
    assert rows["visibility"]["data-change"] == "15"
    assert rows["visibility"]["data-direction"] == "better"
    assert rows["risk"]["data-direction"] == "better"  # risk went down
    assert "+15" in rows["visibility"].get_text() and "−15" in rows["risk"].get_text()
    done = [li["data-action"] for li in soup.select("#compare-actions-done li")]
    assert done == ["improve-item1", "improve-item2"]
    assert [li["data-finding"] for li in soup.select("#compare-new-findings li")] == ["fresh_check"]
    assert soup.select("#compare-unchecked-findings p.empty")
    assert [li["data-profile-change"] for li in soup.select("#compare-profiles li")] == ["added"]
    assert [tr["data-item"] for tr in soup.select("table.compare-answers tbody tr")] == [
        "keywords_present"
    ]
    # Every section has its heading, every table its header cells with a scope.
    assert all(th.get("scope") in ("col", "row") for th in soup.find_all("th"))


def test_hostile_texts_stay_text_in_html_and_markdown(hostile_text: str) -> None:
    c = compare(make_result("en"), make_hostile_result("en"))
    soup = BeautifulSoup(_render(c, OutputFormat.HTML), "html.parser")
    assert soup.find("script") is None and soup.find("svg") is None
    assert hostile_text in soup.get_text()
    hrefs = [str(a["href"]) for a in soup.find_all("a")]
    assert all(h.startswith(("http://", "https://")) for h in hrefs)
    rendered = BeautifulSoup(
        MarkdownIt("commonmark").render(_render(c, OutputFormat.MARKDOWN)), "html.parser"
    )
    assert rendered.find("script") is None and rendered.find("img") is None
    assert all(str(a["href"]).startswith("https://") for a in rendered.find_all("a"))


def test_text_and_markdown_say_the_same_changes(comparison: Comparison) -> None:
    text = _render(comparison, OutputFormat.TEXT)
    markdown = _render(comparison, OutputFormat.MARKDOWN)
    for out in (text, markdown):
        assert "Action title 1" in out and "Action title 2" in out
        assert "+15" in out and "−15" in out
        assert "GitHub" in out and "Oui!" in out
    better = "mieux" if comparison.language == "fr" else "better"
    assert f"+15 ({better})" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def test_two_languages_are_said_to_differ() -> None:
    c = compare(make_result("fr"), make_result("en"))
    assert c.language == "en"
    assert "not in the same language" in _render(c, OutputFormat.TEXT)
