"""A history written by an older version upgrades itself on open and keeps every row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from ereputation.store import StoreError, open_store
from ereputation.store.engine import (
    MIGRATIONS_DIR,
    create_engine,
    current_revision,
    resolve_url,
    run_migrations,
)
from ereputation.store.schema import HEAD_REVISION, metadata


def _database_at(url: str, revision: str) -> sa.Engine:
    engine = create_engine(resolve_url(url))
    with engine.begin() as conn:
        run_migrations(conn, revision)
    return engine


def test_a_revision_0001_database_upgrades_on_open_and_keeps_its_rows(db_url: str) -> None:
    engine = _database_at(db_url, "0001")
    now = dt.datetime(2026, 1, 2, tzinfo=dt.timezone.utc)
    with engine.begin() as conn:
        assert current_revision(conn) == "0001"
        assert "ix_cases_erase_after" not in {
            i["name"] for i in sa.inspect(conn).get_indexes("cases")
        }
        conn.execute(
            sa.text(
                "INSERT INTO cases (key, display_name, erase_after, created_at, updated_at) "
                "VALUES ('OLD-1', 'Old client', :day, :now, :now)"
            ),
            {"day": dt.date(2027, 1, 2), "now": now},
        )
        conn.execute(
            sa.text(
                "INSERT INTO audits (case_key, recorded_at, visibility, risk, verdict_id) "
                "VALUES ('OLD-1', :now, 40, 70, 'v')"
            ),
            {"now": now},
        )
        conn.execute(
            sa.text("INSERT INTO results (audit_id, result_json, config_text) VALUES (1, :j, 'a')"),
            {"j": '{"scores": {"visibility": 40}}'},
        )
        conn.execute(sa.text("INSERT INTO reports (audit_id, path, format) VALUES (1, '/r', 'md')"))
    engine.dispose()

    with open_store(db_url) as store:
        [row] = store.history("OLD-1")
        assert (row.visibility, row.risk, row.recorded_at) == (40, 70, now)
        assert store.result(row.id) == {"scores": {"visibility": 40}}
        assert store.config_text(row.id) == "a"
        assert [(f.path, f.format) for f in store.report_files("OLD-1")] == [(Path("/r"), "md")]
        [case] = store.cases()
        assert (case.key, case.erase_after) == ("OLD-1", dt.date(2027, 1, 2))
        with store.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
            names = {i["name"] for i in sa.inspect(conn).get_indexes("cases")}
        assert "ix_cases_erase_after" in names
        new_id = store.record({}, case_key="OLD-1", case_name="Old client", config_text="")
        assert new_id > row.id


def test_the_migrations_build_exactly_the_tables_the_code_declares(db_url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == HEAD_REVISION
    open_store(db_url).close()
    engine = create_engine(resolve_url(db_url))
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_a_history_from_a_newer_version_is_refused_clearly(db_url: str) -> None:
    open_store(db_url).close()
    engine = create_engine(resolve_url(db_url))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"newer ereputation \(schema revision 0099\)"):
        open_store(db_url)
