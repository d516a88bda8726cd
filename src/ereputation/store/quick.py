"""Reading the history without SQLAlchemy, for `history` and `compare` on a ready database.

Importing SQLAlchemy and its PostgreSQL dialect costs 150-250 ms, most of the 0.3 s those
commands may take (issue 9). When the database already exists at the head revision, these reads
go straight through the DB-API driver (sqlite3, psycopg) with the plain SELECTs the `Store`
methods of the same names run; a test holds both to the same answers on both backends.

Anything out of the ordinary (no file yet, a schema to upgrade, a URL or an error the driver
does not take) makes `quickly` return None, and the caller opens the store as usual with
`open_store`, which creates, upgrades and turns every failure into one clear message. Only a
PostgreSQL server that cannot be reached is reported here, with the store's words: trying it
again would double the wait.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypeVar

from ereputation.store.location import (
    BUSY_TIMEOUT_S,
    CONNECT_TIMEOUT_S,
    DB_ENV,
    default_sqlite_path,
)
from ereputation.store.revision import HEAD_REVISION
from ereputation.store.rows import AuditRow, utc

logger = logging.getLogger(__name__)

T = TypeVar("T")
# AuditRow's fields are the audits table's columns, in order (tests/store pins it).
_COLUMNS = ", ".join(AuditRow.__dataclass_fields__)
_PG_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://", "postgres+psycopg://")


class HistoryReader(Protocol):
    """What `history` and `compare` read: a `Store`, or the `QuickReader` below."""

    def history(self, case_key: str | None = None, limit: int | None = None) -> list[AuditRow]: ...

    def last_two(self, case_key: str) -> list[AuditRow]: ...

    def result(self, audit_id: int) -> dict[str, Any]: ...


class _NotHere(Exception):
    """What the quick path cannot answer itself (an unknown id): the store says it properly."""


class QuickReader:
    """The reads of `HistoryReader` on one DB-API connection: sqlite3 or psycopg."""

    def __init__(self, connection: Any, placeholder: str) -> None:
        self._connection = connection
        self._mark = placeholder

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[Any]:
        cursor = self._connection.cursor()
        try:
            cursor.execute(sql.replace("?", self._mark), tuple(params))
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def revision(self) -> str | None:
        found = self._rows("SELECT version_num FROM alembic_version")
        return str(found[0][0]) if found else None

    def history(self, case_key: str | None = None, limit: int | None = None) -> list[AuditRow]:
        sql = f"SELECT {_COLUMNS} FROM audits"  # the column names are constants
        params: list[object] = []
        if case_key is not None:
            sql, params = sql + " WHERE case_key = ?", [case_key]
        sql += " ORDER BY id DESC"
        if limit is not None:
            sql, params = sql + " LIMIT ?", [*params, limit]
        return [
            AuditRow(row[0], row[1], utc(_datetime(row[2])), *row[3:])
            for row in self._rows(sql, params)
        ]

    def last_two(self, case_key: str) -> list[AuditRow]:
        return list(reversed(self.history(case_key, limit=2)))

    def result(self, audit_id: int) -> dict[str, Any]:
        found = self._rows("SELECT result_json FROM results WHERE audit_id = ?", [audit_id])
        try:
            value = json.loads(found[0][0]) if found else None
        except (ValueError, RecursionError):  # damaged: the store says so in its own words
            value = None
        if not isinstance(value, dict):
            raise _NotHere(audit_id)
        return value

    def close(self) -> None:
        self._connection.close()


class _Unreachable(Exception):
    """The PostgreSQL server refused or did not answer: trying again through the store would
    only double the wait."""


def quickly(url: str | None, read: Callable[[HistoryReader], T]) -> T | None:
    """`read` run on the database without SQLAlchemy; None when the store must do it instead.

    A PostgreSQL server that cannot be reached is a `StoreError` at once, worded as the store
    words it (SQLAlchemy is imported then, for the URL without its password)."""
    try:
        reader = _connect(url)
    except _Unreachable as err:
        from ereputation.store.engine import unreachable

        logger.debug("quick read: the server cannot be reached", exc_info=True)
        raise unreachable(url, err.__cause__ or err) from None
    except Exception:  # the store tries again and says what is wrong
        logger.debug("quick read: cannot connect; the store takes over", exc_info=True)
        return None
    if reader is None:
        return None
    try:
        if reader.revision() != HEAD_REVISION:
            return None
        return read(reader)
    except Exception:  # likewise
        logger.debug("quick read failed; the store takes over", exc_info=True)
        return None
    finally:
        reader.close()


def _connect(url: str | None) -> QuickReader | None:
    text = (url if url is not None else os.environ.get(DB_ENV, "")).strip()
    if not text:
        return _sqlite(default_sqlite_path())
    if "://" not in text:
        return _sqlite(Path(text).expanduser())
    for scheme in _PG_SCHEMES:
        if text.startswith(scheme):
            return _postgresql("postgresql://" + text[len(scheme) :])
    return None  # sqlite:/// URLs and the rest: the store reads them


def _sqlite(path: Path) -> QuickReader | None:
    import sqlite3

    if not path.is_file():
        return None  # the store creates it, owner-only
    # mode=rw: never create a file here; isolation_level None: no transaction is opened.
    connection = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw",
        uri=True,
        timeout=BUSY_TIMEOUT_S,
        isolation_level=None,
    )
    return QuickReader(connection, "?")


def _postgresql(conninfo: str) -> QuickReader:
    import psycopg

    try:
        connection = psycopg.connect(conninfo, connect_timeout=CONNECT_TIMEOUT_S, autocommit=True)
    except psycopg.OperationalError as err:  # not a URL libpq refuses: that is ProgrammingError
        raise _Unreachable from err
    return QuickReader(connection, "%s")


def _datetime(value: Any) -> Any:
    # SQLAlchemy keeps SQLite's DateTime as ISO text; PostgreSQL hands back a datetime.
    if isinstance(value, str):
        import datetime as dt

        return dt.datetime.fromisoformat(value)
    return value
