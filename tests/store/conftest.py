"""Both backends for every store test: an SQLite file, and a real PostgreSQL server that this
session starts itself with Debian's binaries (see pgcluster.py). Without the binaries the
PostgreSQL half is skipped, saying why; `make test` installs them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

from tests.store.pgcluster import ClusterError, cluster, fresh_database, pg_bin

BACKENDS = ("sqlite", "postgresql")
_numbers = count(1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """One throwaway cluster for the session; the URL of its `postgres` database."""
    bindir = pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL binaries absent (apt-get install postgresql; `make test` does it)")
    try:
        with cluster(bindir) as url:
            yield url
    except ClusterError as err:
        pytest.fail(str(err))


def fresh_postgres_database(server_url: str) -> str:
    """A new empty database on the session's server, for one test."""
    return fresh_database(server_url, f"t{os.getpid()}_{next(_numbers)}")


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL for an empty history: an SQLite file, or a PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "history" / "history.sqlite3")
    server: str = request.getfixturevalue("postgres_server")
    return fresh_postgres_database(server)
