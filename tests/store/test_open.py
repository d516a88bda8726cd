"""Opening the history: where it lives, who may read it, and clear errors instead of tracebacks."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from ereputation.store import DB_ENV, StoreError, open_store
from ereputation.store import engine as store_engine

PRAGMAS = ("journal_mode", "busy_timeout", "secure_delete", "foreign_keys")


def test_the_default_file_is_private_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    with open_store() as store:
        store.record({}, case_key="K", case_name="N", config_text="")
        database = Path(str(store.url.database))
        assert database == tmp_path / "data" / "ereputation" / "history.sqlite3"
        with store.engine.connect() as conn:
            pragmas = [conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in PRAGMAS]
            # While a connection is open the write-ahead log and its index exist too.
            modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in database.parent.iterdir()}
        assert pragmas == ["wal", 30000, 1, 1]
    assert stat.S_IMODE(database.parent.stat().st_mode) == 0o700
    assert modes == dict.fromkeys(
        ["history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm"], 0o600
    )


def test_the_environment_variable_chooses_the_database(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DB_ENV, db_url)
    with open_store() as store:
        store.record({}, case_key="K", case_name="N", config_text="")
    with open_store(db_url) as store:
        assert [c.key for c in store.cases()] == ["K"]


def test_a_plain_postgresql_url_uses_psycopg() -> None:
    url = store_engine.resolve_url("postgresql://me:secret@db.example/history")
    assert url.drivername == "postgresql+psycopg"
    assert "secret" not in store_engine.shown(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://u@h/db", "unsupported database 'mysql'"),
        ("postgresql+nosuchdriver://u@h/db", "nosuchdriver"),
        ("sqlite://", "needs a file path"),
        ("://nothing", "not a database URL"),
        ("postgresql://u:hunter2@h:x/db", "not a database URL"),  # a port that is no number
        ("postgresql://u:hunter2@[::1/db", "not a database URL"),
        ("post gres://u:hunter2@h/db", "not a database URL"),
    ],
)
def test_a_bad_url_is_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        open_store(url)
    assert caught.value.exit_code == 2
    assert "hunter2" not in str(caught.value)


def test_a_password_given_as_a_parameter_is_never_shown(tmp_path: Path) -> None:
    url = f"postgresql://me@/history?host={tmp_path}&port=1&password=hunter2"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    assert "hunter2" not in str(caught.value)


def test_an_unreachable_server_is_one_clear_error_without_the_password(tmp_path: Path) -> None:
    url = f"postgresql://me:hunter2@/history?host={tmp_path}&port=1"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert "hunter2" not in message and "\n" not in message
    assert "connection" in message.lower() and "history" in message


def test_a_file_that_is_not_a_database_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are not the droids\n" * 200)
    with pytest.raises(StoreError, match="not an ereputation history database"):
        open_store(str(path))


def test_an_unwritable_folder_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(StoreError, match="cannot create the history database"):
        open_store(str(blocker / "sub" / "history.sqlite3"))


def test_a_file_locked_by_another_program_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "history.sqlite3"
    open_store(str(path)).close()
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        with pytest.raises(StoreError, match="locked: another program holds it"):
            open_store(str(path))
    finally:
        holder.close()
    open_store(str(path)).close()
