"""Code run in other processes by the concurrency and crash tests (importable by `spawn`)."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ereputation.store import PurgeReport, open_store
from ereputation.store.history import Store
from tests.store import sample


def record_many(url: str, case_key: str, count: int, start: Any) -> None:
    """Open the store and record `count` audits as fast as possible once `start` is set."""
    start.wait(30)
    with open_store(url) as store:
        for n in range(count):
            store.record(
                sample.result(visibility=n), case_key=case_key, case_name=case_key, config_text=""
            )


def create_each(urls: Sequence[str], barrier: Any) -> None:
    """For each URL in turn, at the same instant as the other workers: open it and record."""
    for url in urls:
        barrier.wait(60)
        with open_store(url) as store:
            store.record({}, case_key="SAME", case_name="Same", config_text="")


def hang_inside_a_transaction(url: str) -> None:
    """Record an audit but stop for good inside its transaction, after its rows are written."""
    real = Store._insert_reports

    def insert_then_hang(
        self: Store, conn: Any, audit_id: int, reports: Sequence[tuple[Path, str]]
    ) -> None:
        real(self, conn, audit_id, reports)
        print("inside", flush=True)
        time.sleep(600)

    Store._insert_reports = insert_then_hang  # type: ignore[method-assign]
    with open_store(url) as store:
        store.record(
            sample.result(),
            case_key="KILLED",
            case_name="Killed",
            config_text="",
            reports=[(Path("/tmp/never.html"), "html")],
        )


def hang_inside_a_purge(url: str) -> None:
    """Purge case KILLED but stop for good after its files are deleted, before the commit."""
    from ereputation.store import history

    real = history._delete_files

    def delete_then_hang(report: PurgeReport) -> PurgeReport:
        done = real(report)
        print("inside", flush=True)
        time.sleep(600)
        return done

    history._delete_files = delete_then_hang
    with open_store(url) as store:
        store.purge("KILLED")


if __name__ == "__main__":
    {"record": hang_inside_a_transaction, "purge": hang_inside_a_purge}[sys.argv[1]](sys.argv[2])
