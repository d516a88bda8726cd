"""`history`, `purge` and `export` through Click's runner, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ereputation.cli import main
from ereputation.store import open_store
from tests.store import sample
from tests.store.history_schema import history_json

T0 = dt.datetime(2026, 1, 5, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def filled(db_url: str, tmp_path: Path) -> tuple[str, Path]:
    """Two cases: CASE-1 (two audits, one report file) expired long ago, KEEP still kept."""
    report = tmp_path / "case-1.html"
    report.write_text("<p>report</p>")
    with open_store(db_url) as store:
        store.record(
            sample.result(visibility=30, risk=70),
            case_key="CASE-1",
            case_name=sample.NAME,
            config_text=sample.CONFIG,
            retention_months=1,
            now=T0,
        )
        store.record(
            sample.result(visibility=55, risk=40),
            case_key="CASE-1",
            case_name=sample.NAME,
            config_text=sample.CONFIG,
            reports=[(report, "html")],
            retention_months=1,
            now=T0 + dt.timedelta(days=1),
        )
        store.record({}, case_key="KEEP", case_name="Keep", config_text="", retention_months=1200)
    return db_url, report


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_history_lists_audits_newest_first_in_text_and_json(filled: tuple[str, Path]) -> None:
    db, _ = filled
    code, out, _ = run("history", "CASE-1", "--db", db, "--lang", "en")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "recorded", "case", "visibility", "risk", "verdict"]
    assert [line.split()[5:7] for line in lines[1:]] == [["55", "40"], ["30", "70"]]
    assert "2026-01-06 09:30 UTC" in lines[1]
    code, out, _ = run("history", "--db", db, "--format", "json")
    data = history_json(out)
    assert [a["case"] for a in data["audits"]] == ["KEEP", "CASE-1", "CASE-1"]
    assert data["audits"][1]["visibility"] == 55 and data["case"] is None
    code, out, _ = run("history", "--db", db, "--limit", "1", "--format", "json")
    assert len(history_json(out)["audits"]) == 1
    code, out, _ = run("history", "NOBODY", "--db", db, "--format", "json")
    assert (code, history_json(out)) == (
        0,
        {"schema_version": "1.0", "kind": "history", "case": "NOBODY", "audits": []},
    )


def test_history_of_an_unknown_case_says_so_in_french(filled: tuple[str, Path]) -> None:
    db, _ = filled
    code, out, _ = run("history", "NOBODY", "--db", db, "--lang", "fr")
    assert code == 0
    assert out.strip() == "Aucun audit enregistré pour le dossier NOBODY."


def test_purge_asks_then_erases_and_lists_what_it_erased(filled: tuple[str, Path]) -> None:
    db, report = filled
    code, out, err = run("purge", "CASE-1", "--db", db, "--lang", "en", input="n\n")
    assert code == 0 and "Nothing was erased." in err
    assert f"To erase: case CASE-1 ({sample.NAME}), 2 audit(s), 1 report file(s)." in err
    assert report.exists()
    code, out, err = run("purge", "CASE-1", "--db", db, "--lang", "en", input="y\n")
    assert code == 0, err
    assert out.splitlines() == [
        f"Erased: case CASE-1 ({sample.NAME}), 2 audit(s).",
        f"  file deleted: {report}",
    ]
    assert not report.exists()
    with open_store(db) as store:
        assert [c.key for c in store.cases()] == ["KEEP"]


def test_purge_expired_with_yes_erases_only_expired_cases(filled: tuple[str, Path]) -> None:
    db, _ = filled
    code, out, _ = run("purge", "--expired", "--yes", "--db", db, "--lang", "en")
    assert code == 0
    assert out.startswith("Erased: case CASE-1")
    code, out, _ = run("purge", "--expired", "--yes", "--db", db, "--lang", "en")
    assert (code, out.strip()) == (0, "No case is past its retention period.")
    with open_store(db) as store:
        assert [c.key for c in store.cases()] == ["KEEP"]


@pytest.mark.parametrize("args", [[], ["CASE-1", "--expired"]])
def test_purge_needs_one_target(filled: tuple[str, Path], args: list[str]) -> None:
    db, _ = filled
    code, _, err = run("purge", *args, "--db", db, "--lang", "en")
    assert code == 2 and "give a case (CASE) or --expired" in err


def test_purge_of_an_unknown_case_is_a_clear_error(filled: tuple[str, Path]) -> None:
    db, _ = filled
    code, _, err = run("purge", "NOBODY", "--yes", "--db", db, "--lang", "en")
    assert code == 2
    assert "no case 'NOBODY'" in err and "Traceback" not in err


def test_export_writes_the_case_zip(filled: tuple[str, Path], tmp_path: Path) -> None:
    db, _ = filled
    target = tmp_path / "case-1.zip"
    code, out, _ = run("export", "CASE-1", "-o", str(target), "--db", db, "--lang", "fr")
    assert code == 0
    assert out.strip() == f"Écrit\xa0: {target} (2 audit(s), 1 fichier(s) de rapport)."
    with zipfile.ZipFile(target) as archive:
        case = json.loads(archive.read("case.json"))
    assert case["case"]["display_name"] == sample.NAME and len(case["audits"]) == 2


def test_an_unreachable_database_is_exit_2_without_traceback(tmp_path: Path) -> None:
    url = f"postgresql://me:pw@/nothing?host={tmp_path}&port=1"
    for args in (["history"], ["purge", "X", "--yes"], ["export", "X", "-o", str(tmp_path / "x")]):
        code, _, err = run(*args, "--db", url, "--lang", "en")
        assert code == 2, err
        assert err.startswith("Error: ") and "Traceback" not in err and ":pw@" not in err


def test_history_json_is_written_as_json_dumps_indent_2_would(db_url: str) -> None:
    odd = 'Zoë "Z" \\ Ünal,\n      "risk": 1'  # quotes, a backslash, accents, the separator
    with open_store(db_url) as store:
        store.record(sample.result(), case_key=odd, case_name=odd, config_text="")
        store.record({}, case_key=odd, case_name="", config_text="", config_path=Path("/é/c.toml"))
    listed = {}
    for args in (["history"], ["history", odd], ["history", "NOBODY"]):
        code, out, _ = run(*args, "--db", db_url, "--format", "json")
        listed[args[-1]] = data = history_json(out)
        assert code == 0 and out == json.dumps(data, ensure_ascii=False, indent=2) + "\n", args
    assert [a["config_path"] for a in listed[odd]["audits"]] == ["/é/c.toml", None]
    assert listed["history"]["audits"] == listed[odd]["audits"] and listed[odd]["case"] == odd
    assert listed["NOBODY"]["audits"] == []
