"""Every audit recorded in the history, and the next report showing progress from it.

Through Click's runner and `audit.run`, on SQLite and on a real PostgreSQL server (the store
tests' fixtures); the pages with personal data are the demo's, served from 127.0.0.1.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from ereputation.audit import AuditOptions, run
from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.model import from_json, to_json
from ereputation.recording import case_key_of, masked_json, previous_result, record_audit
from ereputation.store import open_store
from tests.conftest import EXAMPLE, FIXED_NOW, ROOT, Writer
from tests.store.conftest import db_url, postgres_server  # noqa: F401  (fixtures)
from tests.store.history_schema import history_json

CASE = "DEMO-0001"  # the example's [audit] client_reference


def _audit(*args: str) -> Any:
    return CliRunner().invoke(main, ["audit", *args])


def _offline(config: Path, out: Path, db: str, *more: str) -> Any:
    return _audit(str(config), "--offline", "-o", str(out), "--db", db, *more)


# --- one audit, one row ------------------------------------------------------------------------


def test_an_audit_records_its_masked_json_its_config_and_its_report(
    db_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    out = tmp_path / "report.json"
    done = _offline(EXAMPLE, out, db_url)
    assert done.exit_code == 0, done.output
    with open_store(db_url) as store:
        (row,) = store.history()
        assert row.case_key == CASE
        assert store.result(row.id) == json.loads(out.read_text(encoding="utf-8"))
        assert store.config_text(row.id) == EXAMPLE.read_text(encoding="utf-8")
        (report,) = store.report_files(CASE)
        case = store.case(CASE)
    assert (report.path, report.format) == (out.resolve(), "json")
    assert row.config_path == str(EXAMPLE.resolve())
    listed = CliRunner().invoke(main, ["history", CASE, "--db", db_url, "--format", "json"])
    (audit,) = history_json(listed.stdout)["audits"]  # a real audit's row, against the schema
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (audit["id"], audit["case"], audit["language"]) == (row.id, CASE, result["language"])
    assert (audit["visibility"], audit["risk"]) == (
        result["scores"]["visibility"],
        result["scores"]["risk"],
    )
    assert case is not None and case.display_name == "Camille Martin"
    assert (case.counsellor, case.consent_scope) == ("Nadia Benali", "checklist_and_profiles")
    assert case.retention_months == 24
    # The case is erased on the day the report announces, not a day reckoned again at recording.
    shown = json.loads(out.read_text(encoding="utf-8"))["audit"]["erase_after"]
    assert case.erase_after is not None and case.erase_after.isoformat() == shown


def test_no_record_neither_reads_nor_writes_the_history(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    done = _offline(EXAMPLE, tmp_path / "r.html", str(db), "--no-record")
    assert done.exit_code == 0, done.output
    assert not db.exists()  # not even created


def test_the_history_defaults_to_EREPUTATION_DB(private_history: Path, tmp_path: Path) -> None:
    done = _audit(str(EXAMPLE), "--offline", "-o", str(tmp_path / "r.md"))
    assert done.exit_code == 0, done.output
    with open_store(None) as store:
        assert [r.case_key for r in store.history()] == [CASE]
    assert private_history.exists()


def test_a_report_not_written_records_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "history.sqlite3")
    done = _offline(EXAMPLE, tmp_path / "missing" / "r.html", db)
    assert done.exit_code == 2
    with open_store(db) as store:
        assert store.history() == []


def test_a_summary_on_the_terminal_is_recorded_without_a_report_file(tmp_path: Path) -> None:
    db = str(tmp_path / "history.sqlite3")
    done = _audit(str(EXAMPLE), "--offline", "--db", db)
    assert done.exit_code == 0, done.output
    with open_store(db) as store:
        assert len(store.history(CASE)) == 1 and store.report_files(CASE) == []


def test_a_config_edited_during_the_audit_is_recorded_as_it_was_read(tmp_path: Path) -> None:
    # The config recorded beside a result is the one that produced it, not a later edit.
    config = tmp_path / "camille.toml"
    original = EXAMPLE.read_text(encoding="utf-8")
    config.write_text(original, encoding="utf-8")
    profile = load_profile(config)
    result = run(profile, AuditOptions(offline=True, now=FIXED_NOW))
    config.write_text(original + "\n# edited while the audit ran\n", encoding="utf-8")
    db = str(tmp_path / "history.sqlite3")
    audit_id = record_audit(result, profile, reports=[], db=db)
    with open_store(db) as store:
        assert store.config_text(audit_id) == original


# --- progress: "since your last audit" and compare CASE -----------------------------------------


def test_a_second_audit_shows_since_your_last_audit_with_the_deltas(
    db_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    profile = load_profile(EXAMPLE)
    first = run(profile, AuditOptions(offline=True, now=FIXED_NOW))
    earlier = replace(first, scores=replace(first.scores, visibility=30, risk=80))
    record_audit(earlier, profile, reports=[], db=db_url)
    out = tmp_path / "second.json"
    assert _offline(EXAMPLE, out, db_url).exit_code == 0
    since = json.loads(out.read_text(encoding="utf-8"))["since_last"]
    visibility = first.scores.visibility
    risk = first.scores.risk
    assert visibility is not None and risk is not None
    assert since["visibility_before"] == 30 and since["visibility_change"] == visibility - 30
    assert since["risk_before"] == 80 and since["risk_change"] == risk - 80
    html = tmp_path / "second.html"
    assert _offline(EXAMPLE, html, db_url, "--lang", "en").exit_code == 0
    section = BeautifulSoup(html.read_bytes(), "html.parser").select_one("#since-last")
    assert section is not None and "last audit" in section.get_text()


def test_a_first_audit_has_no_since_your_last_audit(tmp_path: Path) -> None:
    out = tmp_path / "first.json"
    assert _offline(EXAMPLE, out, str(tmp_path / "h.sqlite3")).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["since_last"] is None


def test_compare_case_and_compare_ids_read_the_history(
    db_url: str,  # noqa: F811
    tmp_path: Path,
) -> None:
    profile = load_profile(EXAMPLE)
    first = run(profile, AuditOptions(offline=True, now=FIXED_NOW, language="en"))
    record_audit(replace(first, actions=first.actions[1:]), profile, reports=[], db=db_url)
    record_audit(first, profile, reports=[], db=db_url)
    by_case = CliRunner().invoke(main, ["compare", CASE, "--db", db_url, "--format", "json"])
    assert by_case.exit_code == 0, by_case.output
    assert [a["id"] for a in json.loads(by_case.stdout)["new_actions"]] == [first.actions[0].id]
    by_ids = CliRunner().invoke(main, ["compare", "1", "2", "--db", db_url, "--format", "json"])
    assert by_ids.exit_code == 0, by_ids.output
    assert by_ids.stdout == by_case.stdout
    missing = CliRunner().invoke(main, ["compare", "1", "9", "--db", db_url])
    assert missing.exit_code == 2 and "no audit 9 in the history" in missing.stderr


def test_compare_case_with_one_audit_says_two_are_needed(tmp_path: Path) -> None:
    db = str(tmp_path / "h.sqlite3")
    assert _offline(EXAMPLE, tmp_path / "r.json", db).exit_code == 0
    done = CliRunner().invoke(main, ["compare", CASE, "--db", db, "--lang", "en"])
    assert done.exit_code == 2
    assert f"Case '{CASE}' has 1 audit(s) in the history: comparing needs two." in done.stderr


def test_an_unreadable_previous_result_leaves_no_since_last(tmp_path: Path) -> None:
    db = str(tmp_path / "h.sqlite3")
    profile = load_profile(EXAMPLE)
    with open_store(db) as store:
        store.record({"schema_version": "99.0"}, case_key=CASE, case_name="x", config_text="")
    assert previous_result(profile, db=db) is None
    out = tmp_path / "r.json"
    assert _offline(EXAMPLE, out, db).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["since_last"] is None


@pytest.mark.parametrize("damage", ["{", "[" * 100_000])
def test_a_damaged_previous_row_does_not_block_the_next_audit(tmp_path: Path, damage: str) -> None:
    db = tmp_path / "h.sqlite3"
    with open_store(str(db)) as store:
        store.record({"schema_version": "1.3"}, case_key=CASE, case_name="x", config_text="")
    with sqlite3.connect(db) as conn:  # a row edited by hand, or damaged on disk
        conn.execute("UPDATE results SET result_json = ?", (damage,))
    out = tmp_path / "r.json"
    done = _offline(EXAMPLE, out, str(db))
    assert done.exit_code == 0, done.output
    assert json.loads(out.read_text(encoding="utf-8"))["since_last"] is None


def test_a_config_gone_before_recording_is_recorded_as_it_was_read(
    write: Writer, tmp_path: Path
) -> None:
    config = write("gone.toml", EXAMPLE.read_text(encoding="utf-8"))
    profile = load_profile(config)
    result = run(profile, AuditOptions(offline=True, now=FIXED_NOW))
    config.unlink()
    db = str(tmp_path / "h.sqlite3")
    audit_id = record_audit(result, profile, reports=[], db=db)
    with open_store(db) as store:
        assert store.config_text(audit_id) == EXAMPLE.read_text(encoding="utf-8")


# --- the case key ------------------------------------------------------------------------------


def test_the_case_is_the_client_reference_else_the_name(write: Writer, tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    unreferenced = write("self.toml", text.replace('client_reference = "DEMO-0001"\n', ""))
    assert case_key_of(load_profile(EXAMPLE)) == CASE
    assert case_key_of(load_profile(unreferenced)) == "Camille Martin"
    db = str(tmp_path / "h.sqlite3")
    assert _offline(EXAMPLE, tmp_path / "a.json", db).exit_code == 0
    assert _offline(unreferenced, tmp_path / "b.json", db).exit_code == 0
    with open_store(db) as store:
        assert sorted(c.key for c in store.cases()) == ["Camille Martin", CASE]
    second = tmp_path / "c.json"
    assert _offline(unreferenced, second, db).exit_code == 0  # the name's case: its second
    assert json.loads(second.read_text(encoding="utf-8"))["since_last"] is not None


# --- a history that cannot be reached never costs the report ----------------------------------


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_unreachable_history_keeps_the_report_and_says_so(tmp_path: Path, lang: str) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    out = tmp_path / "report.html"
    done = _offline(EXAMPLE, out, str(blocker / "history.sqlite3"), "--lang", lang)
    assert done.exit_code == 2
    assert out.is_file()  # written first
    assert "Traceback" not in done.output
    said = {
        "en": f"The report is written ({out}), but this audit is not recorded in the history",
        "fr": f"Le rapport est bien écrit ({out}), mais cet audit n'est pas enregistré",
    }
    assert said[lang] in done.stderr
    assert "--no-record" in done.stderr


def test_an_unreachable_postgresql_server_keeps_the_report(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    url = "postgresql://nobody@127.0.0.1:9/none?connect_timeout=2"
    done = _offline(EXAMPLE, out, url, "--lang", "en")
    assert done.exit_code == 2 and out.is_file()
    assert "this audit is not recorded in the history" in done.stderr


# --- personal data: masked in the history even under --show-pii -------------------------------


@pytest.fixture(scope="module")
def demo_config(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The example config with its profile URLs on the demo's pages, served on 127.0.0.1."""
    spec = importlib.util.spec_from_file_location("demo", ROOT / "examples" / "demo.py")
    assert spec is not None and spec.loader is not None
    demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(demo)
    server = demo.serve()
    port = server.server_address[1]
    text = demo.CONFIG.read_text(encoding="utf-8")
    for real, path in demo.REAL_URLS.items():
        text = text.replace(f'"{real}"', f'"http://127.0.0.1:{port}{path}"')
    config = tmp_path_factory.mktemp("demo") / "camille-martin.toml"
    config.write_text(text, encoding="utf-8")
    yield config
    server.shutdown()


CLEAR = ("06 12 34 56 78", "camille.martin.demo@example.org", "12 mars 1994")


def test_show_pii_shows_clear_values_and_the_history_holds_none(
    demo_config: Path, tmp_path: Path
) -> None:
    db = tmp_path / "history.sqlite3"
    out = tmp_path / "report.json"
    done = _audit(
        str(demo_config), "--allow-private", "--show-pii", "-o", str(out), "--db", str(db)
    )
    assert done.exit_code == 0, done.output
    written = out.read_text(encoding="utf-8")
    assert all(value in written for value in CLEAR)  # the person's report shows them
    with open_store(str(db)) as store:
        (row,) = store.history()
        recorded = store.result(row.id)
    assert recorded["pii_masked"] is True
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("history.sqlite3*"))
    for value in CLEAR:
        assert value.encode("utf-8") not in raw, value
        assert json.dumps(value)[1:-1].encode("utf-8") not in raw, value


def test_the_recorded_mask_equals_an_audit_without_show_pii(demo_config: Path) -> None:
    profile = load_profile(demo_config)
    options = AuditOptions(allow_private=True, now=FIXED_NOW)
    masked = to_json(run(profile, options))
    clear = run(profile, replace(options, show_pii=True))
    assert any(p.pii for p in clear.profiles)

    def steady(data: dict[str, Any]) -> dict[str, Any]:
        for p in data["profiles"]:
            p["elapsed_ms"] = None  # the one field two visits never share
        return data

    assert steady(masked_json(clear)) == steady(masked)
    assert from_json(masked_json(clear)).pii_masked  # and it reads back
