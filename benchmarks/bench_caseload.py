"""Many clients in one run: 200 configs audited offline, HTML reports and the index.

Target (issue 9): under 10 s on a 2-core machine for the whole run, with the per-client figure.
The configs are generated from examples/camille-martin.toml with fictional names. Prints the
run in worker processes (what `audit --jobs` uses), in threads (for comparison: an offline audit
is pure Python, so threads share one core) and one client at a time, then with recording in a
fresh SQLite history. Run: `python benchmarks/bench_caseload.py [--clients N]`.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ereputation.audit import AuditOptions
from ereputation.caseload import (
    CaseloadJob,
    WorkerKind,
    gather,
    plan_clients,
    prepare_outdir,
    run_caseload,
    write_index,
)

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "camille-martin.toml"
FIRST = ("Alix", "Bastien", "Chloé", "Dylan", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Jules")
LAST = (
    "Arnaud",
    "Bertin",
    "Colas",
    "Delmas",
    "Estève",
    "Fabre",
    "Garnier",
    "Hamon",
    "Imbert",
    "Jolivet",
    "Keller",
    "Lemoine",
    "Marchal",
    "Noël",
    "Ollier",
    "Perrin",
    "Quéré",
    "Roux",
    "Sabatier",
    "Texier",
)


def write_configs(folder: Path, count: int) -> None:
    """`count` fictional clients: the example with another name and case reference each."""
    text = EXAMPLE.read_text(encoding="utf-8")
    names = itertools.cycle(f"{first} {last}" for last in LAST for first in FIRST)
    for number, name in zip(range(1, count + 1), names, strict=False):
        config = text.replace("Camille Martin", name).replace("DEMO-0001", f"BENCH-{number:04d}")
        (folder / f"client-{number:03d}.toml").write_text(config, encoding="utf-8")


def one_run(folder: Path, outdir: Path, jobs: int, workers: WorkerKind, db: str | None) -> float:
    start = time.perf_counter()
    configs, _ = gather([folder])
    prepare_outdir(outdir)
    options = AuditOptions(offline=True)
    job = CaseloadJob(outdir, "html", options, "en", record=db is not None, db=db)
    outcomes = run_caseload(plan_clients(configs, "html", "en"), job, jobs, workers=workers)
    write_index(outcomes, job)
    elapsed = time.perf_counter() - start
    failed = [o for o in outcomes if o.error]
    if failed:
        sys.exit(f"{len(failed)} client(s) failed, first: {failed[0].error}")
    return elapsed


def command_run(folder: Path, outdir: Path, db: str | None) -> float:
    """The whole command, as a counsellor runs it: interpreter start and imports included."""
    record = ["--db", db] if db else ["--no-record"]
    command = [sys.executable, "-m", "ereputation", "audit", str(folder), "-o", str(outdir)]
    start = time.perf_counter()
    subprocess.run([*command, "--offline", *record], check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=200)
    count = parser.parse_args().clients
    cpus = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "configs"
        folder.mkdir()
        write_configs(folder, count)
        print(f"{count} clients, offline, HTML reports and index.html; {cpus} CPU(s)")
        for label, db in (("no recording", None), ("recording", str(root / "cli.sqlite3"))):
            elapsed = command_run(folder, root / f"cli-{label}", db)
            print(
                f"  ereputation audit DIR ({label}): {elapsed:6.2f} s total, "
                f"{elapsed / count * 1000:6.1f} ms per client  (target: under 10 s)"
            )
        runs: list[tuple[str, int, WorkerKind, str | None]] = [
            ("processes", cpus, "process", None),
            ("threads", cpus, "thread", None),
            ("one at a time", 1, "process", None),
            ("processes, recording", cpus, "process", str(root / "history.sqlite3")),
        ]
        for number, (label, jobs, workers, db) in enumerate(runs):
            elapsed = one_run(folder, root / f"out{number}", jobs, workers, db)
            per_client = elapsed / count * 1000
            print(
                f"  {label:<22} --jobs {jobs}: {elapsed:6.2f} s total, "
                f"{per_client:6.1f} ms per client  (target: under 10 s)"
            )


if __name__ == "__main__":
    main()
