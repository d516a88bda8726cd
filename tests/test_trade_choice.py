"""Choosing the trade: the config's, else one inferred from the role; a wrong id is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from ereputation.config import Person, Profile
from ereputation.trade_choice import HINT_KEYS, choose_trade, trade_problems, trades


def person(**fields: object) -> Person:
    return Person("Alex Doe", **fields)  # type: ignore[arg-type]


def test_trades_are_read_once() -> None:
    assert trades() is trades()
    assert "healthcare" in trades().ids()


def test_a_trade_set_in_the_config_wins_over_the_role() -> None:
    choice = choose_trade(person(trade="law", target_role="Infirmière"), trades())
    assert choice.trade is not None and choice.trade.id == "law"
    assert not choice.inferred
    assert choice.how_to_set is None and choice.hint("en") is None


def test_the_trade_is_inferred_from_the_role_with_its_evidence() -> None:
    choice = choose_trade(person(target_role="Infirmière de bloc"), trades())
    assert choice.trade is not None and choice.trade.id == "healthcare"
    assert choice.inferred
    assert choice.evidence.field == "target_role"
    assert choice.evidence.alias and choice.evidence.text == "Infirmière de bloc"
    assert choice.how_to_set == "trade_hint_inferred"
    hint = choice.hint("en")
    assert hint is not None and 'trade = "healthcare"' in hint


def test_keywords_decide_when_the_role_names_no_trade() -> None:
    choice = choose_trade(person(target_role="Zzz", keywords=("SQL", "avocat")), trades())
    assert choice.trade is not None and choice.trade.id == "law"
    assert (choice.evidence.field, choice.evidence.alias) == ("keywords", "avocat")


def test_a_role_naming_two_trades_equally_gives_none_and_says_so() -> None:
    tied = choose_trade(person(target_role="avocat photographe"), trades())
    assert tied.trade is None and tied.evidence.tied == ("arts", "law")
    assert tied.how_to_set == "trade_hint_ambiguous"
    assert "arts, law" in (tied.hint("en") or "")


def test_role_aliases_are_read_when_role_and_keywords_name_no_trade() -> None:
    choice = choose_trade(person(target_role="Zzz", role_aliases=("infirmier",)), trades())
    assert choice.trade is not None and choice.trade.id == "healthcare"
    assert choice.evidence.field == "role_aliases"


def test_no_trade_found_gives_the_hint_to_set_one() -> None:
    choice = choose_trade(person(target_role="Zzz"), trades())
    assert choice.trade is None and not choice.inferred
    assert choice.how_to_set == "trade_hint_none"
    for language in ("fr", "en"):
        assert "ereputation trades list" in (choice.hint(language) or "")


def test_every_hint_key_exists_in_both_languages() -> None:
    from ereputation.messages import cli_messages

    for key in HINT_KEYS:
        assert key in cli_messages("fr") and key in cli_messages("en")


def profile(trade: str | None) -> Profile:
    return Profile(person(trade=trade), path=Path("p.toml"))


def test_a_known_trade_or_none_is_no_problem() -> None:
    assert trade_problems(profile("healthcare")) == []
    assert trade_problems(profile(None)) == []


@pytest.mark.parametrize(
    ("value", "close"), [("helthcare", "healthcare"), ("infirmière", "healthcare")]
)
def test_an_unknown_trade_gets_a_did_you_mean_and_the_known_ids(value: str, close: str) -> None:
    (problem,) = trade_problems(profile(value))
    assert problem.where == "p.toml: person.trade"
    assert f"did you mean {close}?" in problem.text("en")
    assert "vouliez-vous dire" in problem.text("fr")
    assert "law" in problem.text("en") and "students" in problem.text("en")


def test_an_unknown_trade_without_a_close_one_lists_the_known_ids() -> None:
    (problem,) = trade_problems(profile("zzzz"))
    assert problem.code == "unknown_trade"
    assert "healthcare" in problem.text("fr")
