"""Both backends for every store test: an SQLite file, and a real PostgreSQL server that this
session starts itself with Debian's binaries (`initdb`, `pg_ctl`) on a Unix socket.

PostgreSQL refuses to run as root: as root the cluster belongs to an unprivileged user created for
it (`ereputation-pg`). Without the binaries the PostgreSQL half is skipped, saying why; `make test`
installs them.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

PG_USER = "ereputation-pg"
BACKENDS = ("sqlite", "postgresql")
_numbers = count(1)


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    return Path(found[-1]).parent if found else None


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


def _run_as(user: str | None, args: list[str]) -> subprocess.CompletedProcess[str]:
    command = ["runuser", "-u", user, "--", *args] if user else args
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _unprivileged_user() -> str | None:
    """The user that owns the cluster: none needed unless we are root."""
    if os.geteuid() != 0:
        return None
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        subprocess.run(
            ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", PG_USER],
            check=True,
            capture_output=True,
        )
    return PG_USER


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Start a throwaway cluster; yield the URL of its `postgres` database as superuser."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries absent (apt-get install postgresql; `make test` does it)")
    user = _unprivileged_user()
    base = Path(tempfile.mkdtemp(prefix="ereputation-pg-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        for path in (base, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    port = "5433"
    init = _run_as(
        user,
        [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
    )
    if init.returncode != 0:
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"initdb failed: {init.stderr}")
    options = f"-k {sockets} -c listen_addresses='' -p {port} -c fsync=off"
    start = _run_as(
        user,
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(base / "log"),
            "-w",
            "-o",
            options,
            "start",
        ],
    )
    if start.returncode != 0:
        log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"pg_ctl start failed: {start.stderr}\n{log}")
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={sockets}&port={port}"
    finally:
        _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(base, ignore_errors=True)


def fresh_postgres_database(server_url: str) -> str:
    """A new empty database on the session's server, for one test."""
    import sqlalchemy as sa

    name = f"t{os.getpid()}_{next(_numbers)}"
    engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    finally:
        engine.dispose()
    return server_url.replace("/postgres?", f"/{name}?", 1)


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty history: an SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "history" / "history.sqlite3")
    server: str = request.getfixturevalue("postgres_server")
    return fresh_postgres_database(server)
