"""`history` and `compare` read a ready database without SQLAlchemy (store/quick.py), and
answer exactly what the store answers; anything else is left to the store."""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from pathlib import Path

from click.testing import CliRunner

from ereputation.cli import main
from ereputation.resources import schema_path
from ereputation.store import open_store
from ereputation.store.engine import create_engine, resolve_url, run_migrations
from ereputation.store.quick import HistoryReader, quickly
from ereputation.store.revision import HEAD_REVISION
from ereputation.store.rows import AuditRow
from ereputation.store.schema import audits
from tests.store import sample
from tests.store.history_schema import history_json
from tests.store.test_lazy_import import loaded_by

ROOT = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2026, 3, 1, 8, 15, 30, 123456, tzinfo=dt.timezone.utc)


def _fill(url: str) -> None:
    with open_store(url) as store:
        for n, key in enumerate(["A", "B", "A", "C", "A"]):
            store.record(
                sample.result(visibility=10 * n, risk=5 * n),
                case_key=key,
                case_name=sample.NAME,
                config_text=sample.CONFIG,
                now=T0 + dt.timedelta(days=n),
            )
        store.record({}, case_key="EMPTY", case_name="x", config_text="")  # every figure null


def test_audit_rows_follow_the_audits_columns() -> None:
    assert list(AuditRow.__dataclass_fields__)[:3] == ["id", "case_key", "recorded_at"]
    assert set(AuditRow.__dataclass_fields__) <= set(audits.c.keys())


def test_the_quick_reads_answer_what_the_store_answers(db_url: str) -> None:
    _fill(db_url)

    def everything(reader: HistoryReader) -> object:
        return (
            reader.history(),
            reader.history("A"),
            reader.history("A", 2),
            reader.history(None, 3),
            reader.history("NOBODY"),
            reader.last_two("A"),
            reader.last_two("B"),
            reader.result(3),
        )

    quick = quickly(db_url, everything)
    with open_store(db_url) as store:
        assert quick is not None and quick == everything(store)
    rows = quick[0]  # type: ignore[index]
    assert [r.case_key for r in rows] == ["EMPTY", "A", "C", "A", "B", "A"]
    assert rows[1].recorded_at == T0 + dt.timedelta(days=4)  # aware, UTC, to the microsecond


def test_a_missing_sqlite_file_is_left_to_the_store_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "none" / "history.sqlite3"
    assert quickly(str(path), lambda reader: reader.history()) is None
    assert not path.exists() and not path.parent.exists()
    done = CliRunner().invoke(main, ["history", "--db", str(path), "--lang", "en"])
    assert (done.exit_code, done.stdout.strip()) == (0, "No audit recorded.")
    assert path.exists()  # the store created it (owner-only: test_open)


def test_an_older_database_is_upgraded_by_the_store_not_read_quickly(db_url: str) -> None:
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        run_migrations(conn, "0001")
    engine.dispose()
    assert HEAD_REVISION != "0001"
    assert quickly(db_url, lambda reader: reader.history()) is None
    done = CliRunner().invoke(main, ["history", "--db", db_url, "--format", "json"])
    assert done.exit_code == 0 and history_json(done.stdout)["audits"] == []
    assert quickly(db_url, lambda reader: reader.history()) == []  # at head now


def test_an_unknown_history_id_is_the_stores_clear_message(db_url: str) -> None:
    _fill(db_url)
    assert quickly(db_url, lambda reader: reader.result(99)) is None
    done = CliRunner().invoke(main, ["compare", "99", "1", "--db", db_url])
    assert done.exit_code == 2 and "no audit 99 in the history" in done.stderr


def test_an_sqlite_url_is_read_by_the_store(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    _fill(str(path))
    assert quickly(f"sqlite:///{path}", lambda reader: reader.history()) is None
    done = CliRunner().invoke(main, ["history", "A", "--db", f"sqlite:///{path}"])
    assert done.exit_code == 0 and len(done.stdout.splitlines()) == 4


def test_history_and_compare_on_a_ready_database_never_import_sqlalchemy(
    db_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "result.json"
    example = ROOT / "examples" / "camille-martin.toml"
    done = CliRunner().invoke(
        main, ["audit", str(example), "--offline", "-o", str(out), "--no-record"]
    )
    assert done.exit_code == 0, done.output
    real = json.loads(out.read_text(encoding="utf-8"))  # compare reads every field of a result
    with open_store(db_url) as store:
        for _ in range(3):
            store.record(real, case_key="A", case_name="x", config_text="")
    driver = {"psycopg"} if db_url.startswith("postgresql") else set()  # psycopg for PG only
    for args in (
        ["history"],
        ["history", "A", "--format", "json"],
        ["compare", "A"],
        ["compare", "1", "3", "--format", "json"],
    ):
        loaded = {m.split(".")[0] for m in loaded_by(*args, "--db", db_url)}
        assert loaded == {"ereputation"} | driver, args  # ereputation.store.quick and its rows


def test_the_history_schema_is_valid_and_the_docs_carry_the_same() -> None:
    from tests.store.history_schema import validator

    assert validator().schema["properties"]["kind"] == {"const": "history"}
    docs = ROOT / "docs" / "history.schema.json"
    assert docs.read_bytes() == schema_path("history").read_bytes()


def test_a_server_that_hangs_up_is_tried_once_and_reported_without_the_password(
    tmp_path: Path,
) -> None:
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(tmp_path / ".s.PGSQL.5432"))  # where libpq looks for host=DIR, port 5432
    listener.listen()
    accepted: list[int] = []

    def hang_up() -> None:
        while True:
            try:
                peer, _ = listener.accept()
            except OSError:
                return  # closed: the test is over
            accepted.append(1)
            peer.close()

    threading.Thread(target=hang_up, daemon=True).start()
    url = f"postgresql://me:hunter2@/cases?host={tmp_path}&port=5432"
    try:
        done = CliRunner().invoke(main, ["history", "--db", url, "--lang", "en"])
    finally:
        listener.close()
    assert done.exit_code == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("Error: postgresql+psycopg://me:***@/cases")
    assert "hunter2" not in done.stderr
    assert accepted == [1]  # once: the store does not try again (twice the wait if it did)
