"""Erasing a case leaves nothing of it readable: not in the tables, not in the database's files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import sqlalchemy as sa

from ereputation.store import open_store
from tests.store import sample

SECRETS = (sample.NAME, sample.EMAIL, sample.MARKER)


def _record_the_case(url: str) -> None:
    with open_store(url) as store:
        for n in range(3):
            store.record(
                sample.result(visibility=n),
                case_key="CASE-1",
                case_name=sample.NAME,
                config_text=sample.CONFIG,
            )
        kept = {"subject": {"name": "Keep"}, "scores": {"visibility": 1}}
        store.record(kept, case_key="KEEP", case_name="Keep", config_text="keep = 1")


def _raw_bytes(database: Path) -> dict[str, bytes]:
    files = [database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))]
    return {f.name: f.read_bytes() for f in files if f.exists()}


def _found(data: bytes) -> list[str]:
    return [
        s for s in SECRETS for encoded in {s.encode(), s.encode("utf-16-le")} if encoded in data
    ]


def test_sqlite_purge_leaves_no_readable_trace_in_the_file_or_its_log(tmp_path: Path) -> None:
    database = tmp_path / "history.sqlite3"
    _record_the_case(str(database))
    with open_store(str(database)) as store:
        before = _raw_bytes(database)
        assert _found(b"".join(before.values())) == list(SECRETS)  # the search does find them
        store.purge("CASE-1")
        # Searched while the store is still open, -wal and -shm included, and again once closed.
        during = _raw_bytes(database)
        assert {name: _found(data) for name, data in during.items()} == {
            name: [] for name in during
        }
        assert [c.key for c in store.cases()] == ["KEEP"]
    after = _raw_bytes(database)
    assert {name: _found(data) for name, data in after.items()} == {name: [] for name in after}
    assert b"keep = 1" in after[database.name]  # the other case is intact


def test_postgresql_purge_leaves_no_row_that_mentions_the_case(postgres_server: str) -> None:
    """PostgreSQL: the rows are gone and VACUUM ran; raw heap files are not searched, since VACUUM
    does not zero dead tuples (docs/store.md says so and what to do about it)."""
    from tests.store.conftest import fresh_postgres_database

    url = fresh_postgres_database(postgres_server)
    _record_the_case(url)
    with open_store(url) as store:
        store.purge("CASE-1")
        engine = store.engine
        with engine.connect() as conn:
            dump = " ".join(
                str(value)
                for table in ("cases", "audits", "results", "reports")
                for row in conn.execute(sa.text(f"SELECT * FROM {table}"))
                for value in row
            )
            vacuumed = conn.execute(
                sa.text("SELECT count(*) FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL")
            ).scalar()
    assert [s for s in SECRETS if s in dump] == []
    assert "keep = 1" in dump
    assert vacuumed == 4


def test_a_reader_holding_the_history_open_makes_the_purge_say_it_is_incomplete(
    tmp_path: Path,
) -> None:
    database = tmp_path / "history.sqlite3"
    _record_the_case(str(database))
    reader = sqlite3.connect(database)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM results").fetchone()  # a snapshot pins old pages
        with open_store(str(database)) as store:
            store.scrub_wait_seconds = 0.3
            report = store.purge("CASE-1")
        assert not report.scrubbed  # never "erased" while the old pages are still readable
    finally:
        reader.close()
    with open_store(str(database)) as store:
        assert store.purge_expired(dt.date(2000, 1, 1)) == []  # opening again checkpoints
    after = _raw_bytes(database)
    assert {name: _found(data) for name, data in after.items()} == {name: [] for name in after}
