"""Where the history lives and how to reach it: URL, file permissions, pragmas, schema upgrade.

One SQLite file in the user data directory by default; `EREPUTATION_DB` or an explicit URL points
to another file or to a PostgreSQL server shared by a team. Every failure to reach the database
becomes a `StoreError` (bad input, exit status 2) with one clear line, never a traceback.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.pool import NullPool

from ereputation.errors import InputError

# Re-exported: engine.BUSY_TIMEOUT_S and engine.DB_ENV are where callers and tests look.
from ereputation.store.location import BUSY_TIMEOUT_S as BUSY_TIMEOUT_S
from ereputation.store.location import CONNECT_TIMEOUT_S as CONNECT_TIMEOUT_S
from ereputation.store.location import DB_ENV as DB_ENV
from ereputation.store.location import default_sqlite_path as default_sqlite_path
from ereputation.store.revision import HEAD_REVISION
from ereputation.textsafe import one_line

logger = logging.getLogger(__name__)

# Any constant will do: it only has to be the same in every process migrating this database.
_MIGRATION_LOCK = 0x65726570  # "erep"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StoreError(InputError):
    """The history database cannot be used: bad URL, server unreachable, file locked or corrupt."""


class UnreadableResult(StoreError):
    """A recorded result that is not JSON any more: the row, not the database, is at fault."""


def resolve_url(url: str | None) -> URL:
    """The database URL: `url`, else `EREPUTATION_DB`, else the default SQLite file.

    A plain path (no `://`) is an SQLite file; `postgresql://` and `postgres://` use psycopg 3,
    the one PostgreSQL driver this package depends on.
    """
    text = (url if url is not None else os.environ.get(DB_ENV, "")).strip()
    if not text:
        return URL.create("sqlite+pysqlite", database=str(default_sqlite_path()))
    if "://" not in text:
        return URL.create("sqlite+pysqlite", database=str(Path(text).expanduser()))
    try:
        parsed = sa.make_url(text)
        parsed.port  # noqa: B018  (a port that is not a number raises here, not at connect)
    except (exc.ArgumentError, ValueError):
        logger.debug("unparsable database URL", exc_info=True)
        # The text may hold a password: say only its scheme.
        scheme = text.split("://", 1)[0]
        raise StoreError(
            f"--db / {DB_ENV}: not a database URL (scheme {one_line(scheme, 40)!r}); "
            "use an SQLite file path or postgresql+psycopg://user@host/dbname"
        ) from None
    backend = parsed.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if parsed.drivername in ("postgresql", "postgres"):
            parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed
    if backend == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError(f"--db / {DB_ENV}: an SQLite URL needs a file path: {shown(parsed)}")
        return parsed
    raise StoreError(
        f"--db / {DB_ENV}: unsupported database {backend!r} in {shown(parsed)}; "
        "use an SQLite file path or postgresql+psycopg://user@host/dbname"
    )


_SECRET_PARAMETERS = frozenset({"password", "passfile", "sslpassword"})


def shown(url: URL) -> str:
    """The URL as it may be printed: never the password, neither in its user part nor in a
    `?password=` parameter (libpq accepts both)."""
    query = {k: ("***" if k.lower() in _SECRET_PARAMETERS else v) for k, v in url.query.items()}
    return one_line(url.set(query=query).render_as_string(hide_password=True), 200)


def prepare_sqlite_file(path: Path) -> None:
    """Create the directory (0700) and the file (0600) before SQLite does, so the history is
    never readable by others, not even for an instant; SQLite gives -wal and -shm the same mode."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(mode=0o700, parents=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
    except FileExistsError:
        return
    except OSError as err:
        logger.debug("cannot create %s", path, exc_info=True)
        raise StoreError(f"{path}: cannot create the history database: {err.strerror}") from None


def create_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    try:
        return sa.create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    except (exc.ArgumentError, exc.NoSuchModuleError, ImportError) as err:
        logger.debug("cannot build an engine for %s", shown(url), exc_info=True)
        raise StoreError(f"{shown(url)}: {one_line(err, 200)}") from None


def _sqlite_engine(url: URL) -> Engine:
    assert url.database is not None
    prepare_sqlite_file(Path(url.database))
    # NullPool: no connection outlives its use, so VACUUM after a purge and the tests that read
    # the raw file never meet a connection another part of the program left open.
    engine = sa.create_engine(url, poolclass=NullPool, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            _wal_mode(cursor)
            cursor.execute("PRAGMA foreign_keys = ON")
            # Freed pages are overwritten with zeros: an erased case leaves no readable trace.
            cursor.execute("PRAGMA secure_delete = ON")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Take the write lock up front: two audits recording at once then queue on the busy
        # timeout instead of one failing when its read lock cannot be upgraded.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _wal_mode(cursor: Any) -> None:
    """Switch the file to WAL (once: the mode is kept in the file).

    Switching answers "database is locked" at once, without waiting on the busy timeout, when
    another process is opening the same new file: so retry until the timeout is spent.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            logger.debug("switching to WAL: locked, retrying", exc_info=True)
            time.sleep(0.02)


@contextmanager
def reported(url: URL) -> Iterator[None]:
    """Turn a database failure into one clear `StoreError` naming the database."""
    try:
        yield
    except StoreError:
        raise
    except exc.DBAPIError as err:
        logger.debug("database error on %s", shown(url), exc_info=True)
        raise StoreError(f"{shown(url)}: {_reason(err)}") from None
    except exc.SQLAlchemyError as err:
        logger.debug("database error on %s", shown(url), exc_info=True)
        raise StoreError(f"{shown(url)}: {one_line(err, 300)}") from None


def unreachable(url: str | None, err: BaseException) -> StoreError:
    """The message for a driver's own connection failure (`quick`), as `reported` words it."""
    return StoreError(f"{shown(resolve_url(url))}: {_reason(err)}")


def _reason(err: BaseException) -> str:
    orig = err.orig if isinstance(err, exc.DBAPIError) else err
    original = str(orig) if orig is not None else str(err)
    lines = [line for line in original.splitlines() if line.strip()]
    reason = one_line(lines[0] if lines else original, 300)
    if "database is locked" in reason:
        return f"{reason}: another program holds it; try again when it is done"
    if "file is not a database" in reason or "malformed" in reason:
        return f"{reason}: this is not an ereputation history database"
    return reason


def upgrade_schema(engine: Engine) -> None:
    """Bring the database to the head revision, under a lock so only one process builds it.

    The common case, a database already at head, costs one query and never imports Alembic.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK}
            )
        current = current_revision(connection)
        if current == HEAD_REVISION:
            return
        if current is not None and not any((MIGRATIONS_DIR / "versions").glob(f"r{current}_*.py")):
            raise StoreError(_newer(engine, current))
        run_migrations(connection, "head")


def _newer(engine: Engine, revision: str) -> str:
    return (
        f"{shown(engine.url)}: the history was written by a newer ereputation "
        f"(schema revision {revision}); upgrade ereputation to read it"
    )


def current_revision(connection: Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    value = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    return str(value) if value is not None else None


def run_migrations(connection: Connection, target: str) -> None:
    """Run Alembic's upgrade to `target` on `connection`, inside its transaction."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    # ConfigParser interpolates '%': a path holding one must be escaped.
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    config.attributes["connection"] = connection
    command.upgrade(config, target)
