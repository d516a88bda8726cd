"""Issue 8 point 1: `ereputation trades list|show` shows the trades data, in both languages."""

from __future__ import annotations

import json

from click.testing import CliRunner

from ereputation.cli import main
from ereputation.recruiter import catalogue
from ereputation.trade_choice import trades


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["trades", *args])
    return result.exit_code, result.output


def test_trades_list_shows_every_trade_with_its_essential_networks() -> None:
    code, out = run("list", "--lang", "en")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0].split() == ["id", "trade", "face", "to", "face", "essential", "networks"]
    healthcare = trades().get("healthcare")
    row = next(line for line in lines if line.startswith("healthcare "))
    assert healthcare.name.en in row and " yes " in row
    for n in healthcare.networks:
        if n.priority == "essential":
            assert catalogue().get(n.network).name in row
    assert sum(1 for line in lines if line.split()[:1] in ([t] for t in trades().ids())) == len(
        trades()
    )
    assert "ereputation trades show ID" in out


def test_trades_list_in_french() -> None:
    code, out = run("list", "--lang", "fr")
    assert code == 0
    assert "réseaux essentiels" in out.splitlines()[0]
    assert trades().get("law").name.fr in out


def test_trades_list_as_json_has_both_languages() -> None:
    code, out = run("list", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [entry["id"] for entry in data] == list(trades().ids())
    law = next(entry for entry in data if entry["id"] == "law")
    assert set(law["name"]) == {"fr", "en"}
    assert isinstance(law["meets_face_to_face"], bool)
    assert all(isinstance(n, str) for n in law["essential_networks"])


def test_trades_show_gives_each_network_with_priority_reason_and_source() -> None:
    code, out = run("show", "healthcare", "--lang", "en")
    assert code == 0, out
    trade = trades().get("healthcare")
    assert out.startswith(f"healthcare: {trade.name.en}\n")
    first = trade.networks[0]
    assert f"({first.network}): {first.priority}" in out
    assert first.source.url in out
    assert first.reason.en.split()[0] in out


def test_trades_show_as_json_is_the_whole_trade() -> None:
    code, out = run("show", "tech", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "tech" and data["aliases"]
    network = data["networks"][0]
    assert set(network) == {"network", "name", "priority", "reason", "source"}
    assert network["source"]["url"].startswith("http")


def test_an_unknown_trade_id_is_one_message_with_a_suggestion() -> None:
    result = CliRunner().invoke(main, ["trades", "show", "helthcare", "--lang", "fr"])
    assert result.exit_code == 2
    assert "vouliez-vous dire healthcare" in result.output
    assert "Traceback" not in result.output
