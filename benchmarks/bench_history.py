"""`history` and `compare` as a counsellor runs them, on a history holding 10,000 audits.

Each command runs as a fresh process (`python -m ereputation ...`), RUNS times; the figure is the
median minus the median of `python -c pass` (the interpreter's own start). Target (issue 9):
under 0.3 s each, on SQLite and on PostgreSQL when its binaries are installed (a throwaway
cluster is started, as the store tests do). The database is filled as bench_store.py fills it:
2,000 cases of 5 audits, each holding the example's real JSON result.
"""

from __future__ import annotations

import subprocess
import sys
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_store, beside this file

from bench_store import (
    AUDITS,
    PER_CASE,
    RUNS,
    each_backend,
    example_result,
    fill,
    in_process,
)

from ereputation.store import open_store

TARGET_S = 0.3  # issue 9: each command, beyond the interpreter's start
CASE = "CASE-00042"


def median_s(command: list[str]) -> float:
    return in_process(partial(subprocess.run, command, check=True, capture_output=True))


def commands(url: str) -> dict[str, list[str]]:
    with open_store(url) as store:
        old, new = (row.id for row in store.history(CASE)[-2:][::-1])
    return {
        f"history {CASE}": ["history", CASE],
        f"history (all {AUDITS} audits)": ["history"],
        "history --format json (all)": ["history", "--format", "json"],
        f"compare {CASE}": ["compare", CASE],
        f"compare {old} {new}": ["compare", str(old), str(new)],
        f"compare {CASE} --format json": ["compare", CASE, "--format", "json"],
    }


def bench(label: str, url: str, result: dict[str, Any]) -> bool:
    fill(url, result)
    interpreter = median_s([sys.executable, "-c", "pass"])
    print(
        f"-- {label}: {AUDITS} audits, {AUDITS // PER_CASE} cases; interpreter start "
        f"{interpreter * 1000:.0f} ms (subtracted); median of {RUNS} runs"
    )
    ok = True
    for name, args in commands(url).items():
        command = [sys.executable, "-m", "ereputation", *args, "--db", url]
        beyond = median_s(command) - interpreter
        ok &= beyond < TARGET_S
        mark = "ok" if beyond < TARGET_S else "OVER TARGET"
        print(
            f"   ereputation {name:<36} {beyond * 1000:6.0f} ms "
            f"(target < {TARGET_S * 1000:.0f} ms) {mark}"
        )
    return ok


def main() -> None:
    result = example_result()
    if not each_backend(lambda label, url: bench(label, url, result)):
        sys.exit(1)


if __name__ == "__main__":
    main()
