"""Every output format has a formatter, and each renders the same result without recomputing."""

from __future__ import annotations

from pathlib import Path

import pytest

from ereputation.audit import AuditOptions, run
from ereputation.config import load_profile
from ereputation.formats import OutputFormat, formatter_for
from ereputation.formats.view import Presenter, Words
from ereputation.model import AuditResult
from tests.conftest import EXAMPLE, FIXED_NOW


def render_text(output_format: OutputFormat, result: AuditResult) -> str:
    return formatter_for(output_format).render_bytes(result).decode("utf-8")


@pytest.fixture(scope="module")
def result() -> AuditResult:
    return run(load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW))


@pytest.mark.parametrize("output_format", [f for f in OutputFormat if not f.binary])
def test_every_text_format_has_a_formatter(
    output_format: OutputFormat, result: AuditResult
) -> None:
    text = formatter_for(output_format).render_bytes(result).decode("utf-8")
    assert "Camille Martin" in text
    assert str(result.scores.visibility) in text


def test_pdf_format_has_a_formatter(result: AuditResult) -> None:
    from ereputation.formats.pdf import find_chromium, weasyprint_available

    if not find_chromium() and not weasyprint_available():
        pytest.skip("no PDF engine here (CI installs chromium)")
    assert formatter_for(OutputFormat.PDF).render_bytes(result).startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.html", OutputFormat.HTML),
        ("a.HTM", OutputFormat.HTML),
        ("a.json", OutputFormat.JSON),
        ("a.md", OutputFormat.MARKDOWN),
        ("a.markdown", OutputFormat.MARKDOWN),
        ("a.txt", OutputFormat.TEXT),
        ("a.pdf.zip", None),
        ("noext", None),
    ],
)
def test_format_from_suffix(name: str, expected: OutputFormat | None) -> None:
    assert OutputFormat.from_suffix(Path(name)) == expected


def test_text_summary_gives_the_plan_by_horizon_steps_for_this_week_only(
    result: AuditResult,
) -> None:
    text = render_text(OutputFormat.TEXT, result)
    flat = " ".join(text.split())
    assert f"1. {result.actions[0].title[:30]}" in flat
    week = [a for a in result.actions if a.horizon == "this_week"]
    later = [a for a in result.actions if a.horizon != "this_week" and a.steps]
    assert f"Cette semaine ({len(week)} action(s))" in text
    assert "Ce mois-ci (" in text and "Dans la durée (" in text
    assert " ".join(week[0].steps[0].split()) in flat
    assert later and " ".join(later[0].steps[0].split()) not in flat  # titles only, later on
    assert flat.index("Cette semaine") < flat.index("Ce mois-ci") < flat.index("Dans la durée")
    assert f"{len(result.unanswered)} question(s) sans réponse" in text


def test_text_summary_says_where_to_be_and_the_trade(result: AuditResult) -> None:
    text = render_text(OutputFormat.TEXT, result)
    flat = " ".join(text.split())
    assert "Où être présent" in text
    words = Words(result)
    presenter = Presenter(result, words)
    assert any(a.network == "website" for a in result.where)  # the example's own site
    for advice in result.where:
        label = words[f"recommendation_{advice.recommendation}"]
        assert f"- {presenter.where_name(advice)} : {label}" in flat
        assert " ".join(advice.reason.split()) in flat
    assert result.trade is not None
    assert f"Métier : {result.trade.name}" in flat


def test_html_escapes_config_values(tmp_path: Path) -> None:
    config = tmp_path / "p.toml"
    config.write_text(
        '[person]\nname = "<script>alert(1)</script>"\ntarget_role = "</title><b>x</b>"\n',
        encoding="utf-8",
    )
    html = render_text(
        OutputFormat.HTML, run(load_profile(config), AuditOptions(offline=True, now=FIXED_NOW))
    )
    assert "<script>" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;" in html


def test_an_empty_plan_with_nothing_known_asks_for_answers(tmp_path: Path) -> None:
    config = tmp_path / "p.toml"
    config.write_text(
        '[person]\nname = "Camille Martin"\nlanguage = "en"\ntarget_role = "Data analyst"\n',
        encoding="utf-8",
    )
    result = run(load_profile(config), AuditOptions(offline=True))
    text = formatter_for(OutputFormat.TEXT).render_bytes(result).decode("utf-8")
    assert result.verdict.id == "answer_first"
    assert "No plan yet" in text and "Nothing urgent" not in text
