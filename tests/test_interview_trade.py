"""Issue 8 points 1 and 5: `init` asks the trade (inferred default), role aliases, career change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from ereputation.checklist import load_checklist
from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.interview import Interview, conduct, to_toml
from ereputation.trade_choice import trades
from tests.conftest import MINI_CHECKLIST

TODAY = dt.date(2026, 11, 25)


def interview(
    role: str, trade_answers: list[str], *, keywords: str = "", aliases: str = "", career: str = ""
) -> tuple[Interview, list[str]]:
    """Name, role, keywords, aliases, then the trade answers, then career change; the rest empty."""
    queue = ["Sam", role, keywords, aliases, *trade_answers, career]
    said: list[str] = []

    def ask(prompt: str, default: str) -> str:
        return (queue.pop(0) if queue else "") or default

    result = conduct(load_checklist(MINI_CHECKLIST), "en", ask, said.append, TODAY)
    return result, said


def test_the_trade_inferred_from_the_role_is_the_default_and_shown_by_name() -> None:
    result, said = interview("Infirmière de nuit", [""])
    assert result.trade == "healthcare"
    name = trades().get("healthcare").name.en
    assert f"Inferred from the role and keywords: {name} (healthcare). Press Enter to keep it." in (
        said
    )
    assert f"  1. {name} (healthcare)" in said


def test_a_number_from_the_short_list_picks_that_trade() -> None:
    result, said = interview("Data engineer", ["2"])
    numbered = [line for line in said if line.startswith("  2. ")]
    assert numbered and numbered[0].endswith(f"({result.trade})")
    assert result.trade != ""


def test_an_id_or_a_word_of_the_trade_is_accepted() -> None:
    assert interview("", ["law"])[0].trade == "law"
    assert interview("", ["pharmacienne"])[0].trade == "healthcare"


def test_zero_means_no_trade_even_when_one_was_inferred() -> None:
    result, _ = interview("Infirmière", ["0"])
    assert result.trade == ""


def test_no_trade_recognised_and_enter_means_none() -> None:
    result, said = interview("Zzz", [""])
    assert result.trade == ""
    assert any("No trade recognised" in line for line in said)
    assert f"  Trade ids: {', '.join(trades().ids())}" in said


def test_an_unknown_trade_is_asked_again_with_a_suggestion() -> None:
    result, said = interview("", ["helthcare", "healthcare"])
    assert result.trade == "healthcare"
    assert any("did you mean healthcare?" in line for line in said)


def test_role_aliases_feed_the_inference() -> None:
    result, _ = interview("Zzz", [""], aliases="Krankenpfleger, infirmier")
    assert result.role_aliases == ["Krankenpfleger", "infirmier"]
    assert result.trade == "healthcare"


@pytest.mark.parametrize(
    ("typed", "expected"), [("", False), ("no", False), ("oui", True), ("yes", True)]
)
def test_career_change_is_yes_or_no(typed: str, expected: bool) -> None:
    assert interview("", [""], career=typed)[0].career_change is expected


def test_a_career_change_answer_that_is_neither_is_asked_again() -> None:
    queue = ["Sam", "", "", "", "", "maybe", "y"]
    said: list[str] = []

    def ask(prompt: str, default: str) -> str:
        return (queue.pop(0) if queue else "") or default

    result = conduct(load_checklist(MINI_CHECKLIST), "en", ask, said.append, TODAY)
    assert result.career_change is True
    assert "Answer yes or no." in said


def test_the_config_written_holds_the_three_fields() -> None:
    result, _ = interview("Infirmière", [""], aliases="IDE", career="yes")
    text = to_toml(result, load_checklist(MINI_CHECKLIST))
    assert 'trade = "healthcare"' in text
    assert 'role_aliases = ["IDE"]' in text
    assert "career_change = true" in text
    nothing, _ = interview("Zzz", [""])
    assert '# trade = ""' in to_toml(nothing, load_checklist(MINI_CHECKLIST))


def run_init(target: Path, language: str, lines: list[str]) -> str:
    result = CliRunner().invoke(
        main,
        ["init", str(target), "--checklist", str(MINI_CHECKLIST), "--lang", language],
        input="\n".join([*lines, *[""] * 10]) + "\n",
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_init_asks_the_trade_with_the_inferred_default(tmp_path: Path) -> None:
    target = tmp_path / "p.toml"
    output = run_init(target, "en", ["Sam Doe", "Nurse", "night shifts", "IDE", "", "yes"])
    assert "Trade (number or id) [healthcare]" in output
    person = load_profile(target).person
    assert (person.trade, person.role_aliases, person.career_change) == (
        "healthcare",
        ("IDE",),
        True,
    )
    assert trades().get("healthcare").name.en in output


def test_init_in_french_asks_in_french(tmp_path: Path) -> None:
    target = tmp_path / "p.toml"
    output = run_init(target, "fr", ["Sam Doe", "Avocate", "", "", "", "non"])
    assert "Changez-vous de métier" in output
    assert load_profile(target).person.trade == "law"
