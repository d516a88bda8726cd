"""Recording and reading the history, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from ereputation.store import StoreError, open_store
from ereputation.store.export import write_export
from tests.store import sample

T0 = dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.timezone.utc)


def test_a_recorded_result_reads_back_identical(db_url: str) -> None:
    with open_store(db_url) as store:
        audit_id = store.record(
            sample.result(),
            case_key="CASE-1",
            case_name=sample.NAME,
            config_text=sample.CONFIG,
            config_path=Path("/configs/case-1.toml"),
            now=T0,
        )
        assert store.result(audit_id) == sample.result()
        assert store.config_text(audit_id) == sample.CONFIG
        [row] = store.history("CASE-1")
    assert (row.id, row.case_key, row.recorded_at) == (audit_id, "CASE-1", T0)
    assert (row.visibility, row.risk, row.verdict_id) == (48, 60, "clean_up_first")
    assert (row.tool_version, row.schema_version, row.language) == ("0.1.0", "1.2", "fr")
    assert row.config_path == "/configs/case-1.toml"


def test_history_is_newest_first_per_case_and_overall(db_url: str) -> None:
    with open_store(db_url) as store:
        ids = []
        for n, key in enumerate(["A", "B", "A", "A", "B"]):
            ids.append(
                store.record(
                    sample.result(visibility=n),
                    case_key=key,
                    case_name=key,
                    config_text="",
                    now=T0 + dt.timedelta(days=n),
                )
            )
        assert [r.id for r in store.history("A")] == [ids[3], ids[2], ids[0]]
        assert [r.id for r in store.history()] == list(reversed(ids))
        assert [r.id for r in store.history(limit=2)] == [ids[4], ids[3]]
        assert store.history("nobody") == []
        old, new = store.last_two("A")
        assert (old.id, new.id) == (ids[2], ids[3])
        assert [r.id for r in store.last_two("nobody")] == []
        previous = store.previous("A", ids[3])
        assert previous is not None and previous.id == ids[2]
        assert store.previous("A", ids[0]) is None
        cases = store.cases()
    assert [(c.key, c.audit_count) for c in cases] == [("A", 3), ("B", 2)]
    assert cases[0].last_recorded_at == T0 + dt.timedelta(days=3)


def test_a_new_audit_updates_the_case_consent_and_erasure_day(db_url: str) -> None:
    with open_store(db_url) as store:
        store.record(
            sample.result(),
            case_key="C",
            case_name="Old name",
            config_text="",
            counsellor="Nadia",
            consent_date=dt.date(2026, 11, 1),
            consent_scope="checklist",
            retention_months=24,
            now=T0,
        )
        store.record(
            sample.result(),
            case_key="C",
            case_name="New name",
            config_text="",
            counsellor="Nadia",
            consent_date=dt.date(2026, 11, 20),
            consent_scope="profiles",
            retention_months=3,
            now=T0 + dt.timedelta(days=30),
        )
        [case] = store.cases()
    assert case.display_name == "New name"
    assert (case.consent_date, case.consent_scope) == (dt.date(2026, 11, 20), "profiles")
    assert case.erase_after == dt.date(2027, 3, 18)  # the last recording + 3 months
    assert case.created_at == T0 and case.updated_at == T0 + dt.timedelta(days=30)


def test_the_erasure_day_the_config_reckons_wins(db_url: str) -> None:
    with open_store(db_url) as store:
        store.record(
            sample.result(),
            case_key="C",
            case_name="N",
            config_text="",
            retention_months=24,
            erase_after=dt.date(2028, 11, 1),
            now=T0,
        )
        store.record(sample.result(), case_key="D", case_name="N", config_text="", now=T0)
        assert [(c.key, c.erase_after) for c in store.cases()] == [
            ("C", dt.date(2028, 11, 1)),
            ("D", None),
        ]


def test_purge_erases_rows_and_report_files_and_lists_them(db_url: str, tmp_path: Path) -> None:
    html, md = tmp_path / "c.html", tmp_path / "c.md"
    html.write_text("report")
    with open_store(db_url) as store:
        store.record(
            sample.result(),
            case_key="C",
            case_name=sample.NAME,
            config_text="",
            reports=[(html, "html"), (md, "md")],
        )
        store.record(sample.result(), case_key="KEEP", case_name="Keep", config_text="")
        report = store.purge("C")
        assert store.history("C") == [] and [c.key for c in store.cases()] == ["KEEP"]
        assert len(store.history()) == 1
        with pytest.raises(StoreError, match="no case 'C'"):
            store.purge("C")
    assert (report.case_key, report.display_name, report.audits_deleted) == ("C", sample.NAME, 1)
    assert report.files_deleted == (html,) and report.files_missing == (md,)
    assert not html.exists()


def test_a_report_name_reused_by_another_case_is_neither_erased_nor_exported(
    db_url: str, tmp_path: Path
) -> None:
    # Client A's report, then client B's written to the same path: the file is B's now.
    shared, own = tmp_path / "report.html", tmp_path / "a.md"
    own.write_text("A's own report")
    with open_store(db_url) as store:
        store.record(
            sample.result(),
            case_key="A",
            case_name="Client A",
            config_text="",
            reports=[(shared, "html"), (own, "md")],
        )
        shared.write_text("Client B's report")
        store.record(
            sample.result(),
            case_key="B",
            case_name="Client B",
            config_text="",
            reports=[(shared, "html")],
        )
        assert store.reports_of_others("A") == {shared}
        assert store.reports_of_others("B") == set()
        archive = write_export(store, "A", tmp_path / "a.zip")
        with zipfile.ZipFile(archive) as zipped:
            texts = [zipped.read(n) for n in zipped.namelist() if "/reports/" in n]
        assert texts == [b"A's own report"]  # never B's data in A's export
        report = store.purge("A")
    assert report.files_deleted == (own,) and report.files_kept == (shared,)
    assert shared.read_text() == "Client B's report"


def test_purge_expired_takes_only_cases_past_their_day(db_url: str, tmp_path: Path) -> None:
    files = {key: tmp_path / f"{key}.md" for key in ("OLD", "NEW", "NONE")}
    with open_store(db_url) as store:
        for key, months in (("OLD", 1), ("NEW", 24), ("NONE", None)):
            files[key].write_text(key)
            store.record(
                sample.result(),
                case_key=key,
                case_name=key,
                config_text="",
                reports=[(files[key], "md")],
                retention_months=months,
                now=T0,
            )
        assert store.purge_expired(dt.date(2026, 12, 17)) == []
        done = store.purge_expired(dt.date(2026, 12, 18))
        assert [(r.case_key, r.files_deleted) for r in done] == [("OLD", (files["OLD"],))]
        assert [c.key for c in store.cases()] == ["NEW", "NONE"]
        assert store.case("NEW") is not None and store.case("OLD") is None
    assert [key for key, path in files.items() if path.exists()] == ["NEW", "NONE"]


def test_export_holds_every_row_config_and_report_file(db_url: str, tmp_path: Path) -> None:
    report = tmp_path / "c.html"
    report.write_text("<p>the report</p>")
    (tmp_path / "again").mkdir()
    same_name = tmp_path / "again" / "c.html"
    same_name.write_text("<p>another copy</p>")
    target = tmp_path / "out" / "case.zip"
    target.parent.mkdir()
    with open_store(db_url) as store:
        first = store.record(sample.result(), case_key="C", case_name="N", config_text="a = 1")
        second = store.record(
            sample.result(risk=10),
            case_key="C",
            case_name="N",
            config_text=sample.CONFIG,
            reports=[(report, "html"), (tmp_path / "gone.pdf", "pdf"), (same_name, "html")],
        )
        store.record(sample.result(), case_key="OTHER", case_name="O", config_text="other")
        assert store.export("C", target) == target
        with pytest.raises(StoreError, match="no case"):
            store.export("nobody", tmp_path / "x.zip")
        with pytest.raises(StoreError, match="cannot write the export"):
            store.export("C", tmp_path / "missing-folder" / "x.zip")
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["case.zip"]  # no temporary file left
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        summary = json.loads(archive.read("case.json"))
        assert json.loads(archive.read(f"audits/{second}/result.json"))["scores"]["risk"] == 10
        assert archive.read(f"audits/{second}/config.toml").decode() == sample.CONFIG
        assert archive.read(f"audits/{second}/reports/c.html") == b"<p>the report</p>"
        assert archive.read(f"audits/{second}/reports/2-c.html") == b"<p>another copy</p>"
    assert names == {
        "case.json",
        f"audits/{first}/result.json",
        f"audits/{first}/config.toml",
        f"audits/{second}/result.json",
        f"audits/{second}/config.toml",
        f"audits/{second}/reports/c.html",
        f"audits/{second}/reports/2-c.html",
    }
    assert [a["id"] for a in summary["audits"]] == [first, second]
    assert [r["included"] for r in summary["audits"][1]["reports"]] == [True, False, True]


def test_unknown_audit_and_bad_case_key_are_clear_errors(db_url: str) -> None:
    with open_store(db_url) as store:
        with pytest.raises(StoreError, match="no audit 99"):
            store.result(99)
        with pytest.raises(StoreError, match="case key is empty"):
            store.record(sample.result(), case_key="  ", case_name="x", config_text="")
        with pytest.raises(StoreError, match="retention_months"):
            store.record(
                sample.result(), case_key="k", case_name="x", config_text="", retention_months=-1
            )
        assert store.cases() == []


def test_light_columns_follow_the_audit_row_fields_in_order() -> None:
    from dataclasses import fields

    from ereputation.store.history import _LIGHT
    from ereputation.store.rows import AuditRow

    assert [c.name for c in _LIGHT] == [f.name for f in fields(AuditRow)]
