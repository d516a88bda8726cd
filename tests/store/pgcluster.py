"""A throwaway PostgreSQL cluster from Debian's binaries, on a Unix socket in a temporary folder.

PostgreSQL refuses to run as root: as root the cluster belongs to an unprivileged user created for
it (`ereputation-pg`). Used by the store tests' conftest and by benchmarks/bench_store.py.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

PG_USER = "ereputation-pg"


class ClusterError(RuntimeError):
    """initdb or pg_ctl failed; the message holds their output."""


def pg_bin() -> Path | None:
    """The newest installed PostgreSQL's bin folder, or None."""
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


@contextlib.contextmanager
def cluster(bindir: Path) -> Iterator[str]:
    """Start a cluster, yield the URL of its `postgres` database (superuser), then delete it."""
    user = _unprivileged_user()
    base = Path(tempfile.mkdtemp(prefix="ereputation-pg-"))
    data, sockets = base / "data", base / "sockets"
    sockets.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        for path in (base, sockets):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    # Only a socket, in a folder of our own: the port number just names the socket file.
    port = "5433"
    try:
        init = _run_as(
            user,
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
        )
        if init.returncode != 0:
            raise ClusterError(f"initdb failed: {init.stderr}")
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
            raise ClusterError(f"pg_ctl start failed: {start.stderr}\n{log}")
        try:
            yield f"postgresql+psycopg://postgres@/postgres?host={sockets}&port={port}"
        finally:
            _run_as(user, [str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])
    finally:
        shutil.rmtree(base, ignore_errors=True)


def fresh_database(server_url: str, name: str) -> str:
    """Create an empty database `name` on the server; return its URL."""
    import sqlalchemy as sa

    engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
    finally:
        engine.dispose()
    return server_url.replace("/postgres?", f"/{name}?", 1)
