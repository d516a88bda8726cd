"""Two processes recording at once both land; a process killed mid-transaction leaves the history
consistent and usable."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from ereputation.store import open_store
from tests.store import workers

ROOT = Path(__file__).resolve().parents[2]
PER_PROCESS = 25


def test_two_processes_recording_at_once_both_land(db_url: str) -> None:
    open_store(db_url).close()  # the schema exists before the race: the race is on the rows
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    processes = [
        context.Process(target=workers.record_many, args=(db_url, key, PER_PROCESS, start))
        for key in ("P1", "P2")
    ]
    for process in processes:
        process.start()
    start.set()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0, 0]
    with open_store(db_url) as store:
        assert len(store.history("P1")) == len(store.history("P2")) == PER_PROCESS
        assert len({row.id for row in store.history()}) == 2 * PER_PROCESS


def test_processes_creating_the_same_new_database_all_land(db_url: str) -> None:
    # On SQLite the race (switching a new file to WAL) was lost about once in twenty: 30 rounds.
    urls = [db_url] if "://" in db_url else [f"{db_url}.{n}" for n in range(30)]
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(3)
    processes = [
        context.Process(target=workers.create_each, args=(urls, barrier)) for _ in range(3)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0, 0, 0]
    for url in urls:
        with open_store(url) as store:
            assert [c.audit_count for c in store.cases()] == [3]


def kill_inside(mode: str, url: str) -> None:
    """Run workers.py's `mode` in a child process and SIGKILL it once it says it is inside."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.workers", mode, url],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "inside"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL


def test_a_process_killed_inside_a_transaction_leaves_nothing_half_written(db_url: str) -> None:
    with open_store(db_url) as store:
        store.record({}, case_key="BEFORE", case_name="Before", config_text="")
    kill_inside("record", db_url)
    with open_store(db_url) as store:
        assert [c.key for c in store.cases()] == ["BEFORE"]
        assert store.report_files("KILLED") == []
        # The lock the dead process held is gone: the next audit lands at once.
        store.record({}, case_key="AFTER", case_name="After", config_text="")
        assert [c.key for c in store.cases()] == ["AFTER", "BEFORE"]
        with store.engine.connect() as conn:
            count = conn.execute(sa.text("SELECT count(*) FROM reports")).scalar()
            if store.backend == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert count == 0


def test_a_purge_killed_before_its_commit_is_finished_by_the_next(
    db_url: str, tmp_path: Path
) -> None:
    report = tmp_path / "killed.html"
    report.write_text("report")
    with open_store(db_url) as store:
        store.record(
            {}, case_key="KILLED", case_name="K", config_text="", reports=[(report, "html")]
        )
    kill_inside("purge", db_url)
    # The files went first; the rows, not committed, still say which files there were.
    assert not report.exists()
    with open_store(db_url) as store:
        assert [c.key for c in store.cases()] == ["KILLED"]
        done = store.purge("KILLED")
        assert (done.files_deleted, done.files_missing) == ((), (report,))
        assert store.cases() == []
