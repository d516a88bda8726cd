"""The history store with 10,000 audits: `history(case)`, `history()` and `last_two(case)`.

Each query is timed twice: inside one process (the query alone), and as a fresh process that
imports the store (SQLAlchemy), opens the database and runs it, minus `python -c pass` (the
interpreter's start), on SQLite, and on PostgreSQL when its binaries are installed (a throwaway
cluster is started). The commands themselves (`history`, `compare`), which read a ready database
without SQLAlchemy, are timed against issue 9's 0.3 s target by bench_history.py. Also prints
the database size per recorded audit, the audits being the example's real JSON result.
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.store.pgcluster starts the PostgreSQL cluster

import sqlalchemy as sa  # noqa: E402
from tests.store.pgcluster import ClusterError, cluster, fresh_database, pg_bin  # noqa: E402

from ereputation.store import open_store, schema  # noqa: E402

EXAMPLE = ROOT / "examples" / "camille-martin.toml"
AUDITS = 10_000
PER_CASE = 5
THROUGH_RECORD = 200  # recorded one by one through the API; the rest in bulk, same rows
RUNS = 7


def example_result() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "result.json"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "ereputation",
                "audit",
                str(EXAMPLE),
                "--offline",
                "-o",
                str(out),
            ],
            check=True,
            capture_output=True,
        )
        value = json.loads(out.read_text(encoding="utf-8"))
    assert isinstance(value, dict)
    return value


def fill(url: str, result: dict[str, Any]) -> float:
    """Record AUDITS audits over AUDITS / PER_CASE cases; return seconds per `record` call."""
    config = EXAMPLE.read_text(encoding="utf-8")
    with open_store(url) as store:
        start = time.perf_counter()
        for n in range(THROUGH_RECORD):
            store.record(
                result,
                case_key=f"CASE-{n % (AUDITS // PER_CASE):05d}",
                case_name="Camille Martin",
                config_text=config,
                config_path=EXAMPLE,
                reports=[(Path(f"/r/{n}.html"), "html")],
            )
        per_record = (time.perf_counter() - start) / THROUGH_RECORD
        text = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
        now = sa.func.now() if store.backend == "postgresql" else sa.literal("2026-12-01 00:00:00")
        with store.engine.begin() as conn:
            keys = [f"CASE-{n:05d}" for n in range(AUDITS // PER_CASE)]
            existing = set(conn.execute(sa.select(schema.cases.c.key)).scalars())
            conn.execute(
                schema.cases.insert().values(created_at=now, updated_at=now),
                [{"key": k, "display_name": "Camille Martin"} for k in keys if k not in existing],
            )
            rows = [
                {
                    "case_key": keys[n % len(keys)],
                    "visibility": n % 101,
                    "risk": (3 * n) % 101,
                    "verdict_id": "clean_up_first",
                    "config_path": str(EXAMPLE),
                }
                for n in range(THROUGH_RECORD, AUDITS)
            ]
            insert = schema.audits.insert().values(recorded_at=now)
            for chunk in range(0, len(rows), 500):
                ids = conn.execute(
                    insert.returning(schema.audits.c.id, sort_by_parameter_order=True),
                    rows[chunk : chunk + 500],
                ).scalars()
                conn.execute(
                    schema.results.insert(),
                    [{"audit_id": i, "result_json": text, "config_text": config} for i in ids],
                )
        if store.backend == "postgresql":
            with store.engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        assert len(store.history()) == AUDITS
    return per_record


def in_process(func: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def fresh_process(code: str) -> float:
    return in_process(lambda: subprocess.run([sys.executable, "-c", code], check=True))


def bench(label: str, url: str, result: dict[str, Any]) -> None:
    per_record = fill(url, result)
    case = f"CASE-{random.Random(9).randrange(AUDITS // PER_CASE):05d}"
    interpreter = fresh_process("pass")
    queries = {
        f"history({case!r})": f"history({case!r})",
        "history()": "history()",
        f"last_two({case!r})": f"last_two({case!r})",
    }
    print(f"-- {label}: {AUDITS} audits, {AUDITS // PER_CASE} cases")
    print(f"   record() through the API: {per_record * 1000:.1f} ms an audit")
    with open_store(url) as store:
        for name, call in queries.items():
            method, argument = call.split("(", 1)
            args = [argument.strip(")'")] if argument != ")" else []
            alone = in_process(partial(getattr(store, method), *args))
            code = f"from ereputation.store import open_store\nopen_store({url!r}).{call}"
            beyond = fresh_process(code) - interpreter
            print(
                f"   {name:<24} query {alone * 1000:7.1f} ms; import+open+query beyond the "
                f"interpreter {beyond * 1000:6.1f} ms"
            )
        with store.engine.connect() as conn:
            if store.backend == "sqlite":
                size = Path(str(store.url.database)).stat().st_size
            else:
                size = int(
                    conn.execute(sa.text("SELECT pg_database_size(current_database())")).scalar()
                    or 0
                )
    print(
        f"   database size: {size / 1e6:.1f} MB, {size / AUDITS / 1000:.1f} kB an audit "
        f"(the JSON result alone: {len(json.dumps(result, separators=(',', ':'))) / 1000:.1f} kB)"
    )


def each_backend(bench: Callable[[str, str], bool | None]) -> bool:
    """`bench(label, url)` on a fresh SQLite file, then on a throwaway PostgreSQL cluster when its
    binaries are installed; False when any run returned False."""
    ok = True
    with tempfile.TemporaryDirectory() as folder:
        ok &= bench("SQLite", str(Path(folder) / "history.sqlite3")) is not False
    bindir = pg_bin()
    if bindir is None:
        print("-- PostgreSQL: binaries absent (apt-get install postgresql), not measured")
        return ok
    try:
        with cluster(bindir) as server:
            ok &= bench("PostgreSQL", fresh_database(server, "bench")) is not False
    except ClusterError as err:
        print(f"-- PostgreSQL: the cluster did not start: {err}")
    return ok


def main() -> None:
    result = example_result()
    each_backend(lambda label, url: bench(label, url, result))


if __name__ == "__main__":
    main()
