"""The 'where' half of the result: the trade line, the verdict naming networks, and a person's
informed choice to stay off networks respected by the advice as well as by the verdict."""

from __future__ import annotations

from pathlib import Path

import pytest

from ereputation.advice import OFFLINE_CHOICE, respecting_offline_choice
from ereputation.audit import AuditOptions, run
from ereputation.config import load_profile
from ereputation.i18n import Language
from ereputation.messages import messages
from ereputation.model import AuditResult, WhereAdvice
from tests.conftest import EXAMPLE, FIXED_NOW


def audit(tmp_path: Path, person: str, answers: str = "", lang: Language = "en") -> AuditResult:
    config = tmp_path / "p.toml"
    config.write_text(f"[person]\n{person}\n[answers]\n{answers}\n", encoding="utf-8")
    return run(load_profile(config), AuditOptions(offline=True, now=FIXED_NOW, language=lang))


def test_an_inferred_trade_says_from_what_and_how_to_set_it(tmp_path: Path) -> None:
    result = audit(tmp_path, 'name = "A B"\ntarget_role = "Data analyst"')
    assert result.trade is not None and result.trade.inferred
    assert result.trade.evidence == 'inferred from your target role ("Data analyst")'
    assert f'trade = "{result.trade.id}"' in result.trade.how_to_set


def test_a_trade_set_in_the_config_says_so(tmp_path: Path) -> None:
    result = audit(
        tmp_path, 'name = "A B"\ntarget_role = "Data analyst"\ntrade = "data"', lang="fr"
    )
    assert result.trade is not None and not result.trade.inferred
    assert result.trade.evidence == messages("fr")["trade_set"]


def test_no_trade_is_null_and_the_verdict_says_the_trade_is_unknown(tmp_path: Path) -> None:
    result = audit(tmp_path, 'name = "A B"\ntarget_role = "Zzz"')
    assert result.trade is None
    assert result.verdict.text.endswith(" Set your trade to learn where to be.")


def test_the_verdict_names_the_networks_in_the_report_language() -> None:
    cases: tuple[tuple[Language, str], ...] = (
        ("fr", "Soyez sur LinkedIn"),
        ("en", "Be on LinkedIn"),
    )
    for language, word in cases:
        result = run(
            load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW, language=language)
        )
        assert word in result.verdict.text, result.verdict.text
        assert result.where and all(a.reason for a in result.where)


def test_a_person_who_chose_to_stay_offline_is_not_told_to_create_profiles(
    tmp_path: Path,
) -> None:
    person = 'name = "A B"\ntarget_role = "Data analyst"\ntrade = "data"'
    told = audit(tmp_path, person, 'objective_defined = "yes"')
    assert any(a.recommendation == "create" for a in told.where)  # the trade asks for some
    chose = audit(tmp_path, person, 'objective_defined = "chose_offline"')
    assert chose.verdict.id == "offline_by_choice"
    assert not any(a.recommendation == "create" for a in chose.where)
    offline = [a for a in chose.where if a.code == OFFLINE_CHOICE]
    assert offline and all(a.recommendation == "optional" for a in offline)
    assert "Be on" not in chose.verdict.text


def _advice(network: str, rec: str, declared: bool) -> WhereAdvice:
    url = f"https://{network}.example/a" if declared else None
    return WhereAdvice(network, network, rec, "r", declared, url, "essential", "x")  # type: ignore[arg-type]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_declared_profiles_keep_their_advice_when_staying_offline(language: Language) -> None:
    advice = (
        _advice("linkedin", "create", False),
        _advice("instagram", "make_private", True),
        _advice("github", "create", True),  # a declared page that was not found
    )
    kept = respecting_offline_choice(advice, language, stays_offline=True)
    assert [a.recommendation for a in kept] == ["optional", "make_private", "create"]
    assert kept[0].reason == messages(language)["where_offline_choice"]
    assert respecting_offline_choice(advice, language, stays_offline=False) == advice
