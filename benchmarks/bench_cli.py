"""Start-up cost of the CLI: `ereputation --help` and an offline audit of the example.

Each is timed beside `python -c "import click"` in the same run (the floor any Click tool pays),
and printed as a ratio. Target: `--help` within 2x of that baseline. Audits are timed without and
with recording in the history (a throwaway database: the user's own history is never touched).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "camille-martin.toml"
RUNS = 15
ENV = {**os.environ, "EREPUTATION_DB": str(Path(tempfile.mkdtemp()) / "history.sqlite3")}


def median_seconds(command: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    python = sys.executable
    cli = [python, "-m", "ereputation"]
    out = Path(tempfile.mkdtemp()) / "report.html"
    baseline = median_seconds([python, "-c", "import click"])
    cases = {
        "ereputation --help": [*cli, "--help"],
        "audit example --offline --no-record (text)": [
            *cli,
            *("audit", str(EXAMPLE), "--offline", "--no-record"),
        ],
        "audit example --offline --no-record -o .html": [
            *cli,
            *("audit", str(EXAMPLE), "--offline", "--no-record", "-o", str(out)),
        ],
        "audit example --offline (text, recorded)": [*cli, "audit", str(EXAMPLE), "--offline"],
    }
    print(f"median of {RUNS} runs each")
    label = 'python -c "import click" (baseline)'
    print(f"{label:<44} {baseline * 1000:7.1f} ms")
    for name, command in cases.items():
        seconds = median_seconds(command)
        print(f"{name:<44} {seconds * 1000:7.1f} ms  {seconds / baseline:4.2f}x baseline")
    print("target: --help within 2.00x baseline")


if __name__ == "__main__":
    main()
