"""`ereputation serve`: time to the first page, and the caseload page of 500 cases.

- First page: from starting `python -m ereputation serve --port 0` to the first 200 answer
  (the token exchanged for the cookie, then the caseload), median of RUNS fresh processes.
- Caseload: a SQLite history of CASES cases of AUDITS_PER_CASE audits each (the example's real
  JSON result, recorded through `Store.record`, with varied scores and dates), and the caseload
  page rendered through the app (Flask's test client, signed in): the first request (it opens
  the history and compiles the templates), then the median of RUNS requests, plain, searched and
  sorted. Target (issue 11): under 0.2 s.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench_store, beside this file

from bench_store import EXAMPLE, example_result

from ereputation.serve.app import create_app
from ereputation.serve.context import Settings
from ereputation.store import open_store

CASES = 500
AUDITS_PER_CASE = 3
RUNS = 7
TARGET_S = 0.2
TOKEN = "bench-token"
URL = re.compile(r"http://127\.0\.0\.1:\d+/\?token=\S+")


def first_page_s(folder: Path) -> float:
    env = {**os.environ, "EREPUTATION_DB": str(folder / "first.sqlite3")}
    command = [sys.executable, "-m", "ereputation", "serve", "--port", "0", "--workspace"]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, str(folder / "cases")], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        found = None
        while found is None:
            found = URL.search(process.stdout.readline())
        with requests.Session() as session:
            response = session.get(found.group(0), timeout=30)
        assert response.status_code == 200, response.status_code
        return time.perf_counter() - start
    finally:
        process.terminate()
        process.wait(timeout=20)


def fill(db: str) -> None:
    result = example_result()
    config = EXAMPLE.read_text(encoding="utf-8")
    start = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.timezone.utc)
    with open_store(db) as store:
        for n in range(CASES * AUDITS_PER_CASE):
            case = n % CASES
            result["scores"]["visibility"] = (7 * n) % 101
            result["scores"]["risk"] = (3 * n) % 101
            store.record(
                result,
                case_key=f"CASE-{case:04d}",
                case_name=f"Client {case:04d}",
                config_text=config,
                config_path=EXAMPLE,
                counsellor="Nadia Benali",
                consent_date=dt.date(2026, 1, 5),
                consent_scope="checklist_and_profiles",
                retention_months=12,
                now=start + dt.timedelta(hours=n),
            )


def caseload_s(db: str, folder: Path) -> dict[str, float]:
    app = create_app(Settings(token=TOKEN, db=db, workspace=folder / "cases"))
    client = app.test_client()
    client.get(f"/?token={TOKEN}")

    def timed(path: str) -> float:
        begin = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - begin
        assert response.status_code == 200
        assert b"CASE-0042" in response.data or "q=" in path  # every case is on the page
        return elapsed

    figures = {"first request": timed("/")}
    for label, path in (
        ("caseload", "/"),
        ("searched (?q=client 004)", "/?q=client+004"),
        ("sorted (?sort=risk&dir=desc)", "/?sort=risk&dir=desc"),
    ):
        figures[label] = statistics.median(timed(path) for _ in range(RUNS))
    return figures


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        first = statistics.median(first_page_s(folder) for _ in range(RUNS))
        print(f"time to first page (process start to first 200): {first:.3f} s")
        db = str(folder / "history.sqlite3")
        began = time.perf_counter()
        fill(db)
        print(
            f"history: {CASES} cases x {AUDITS_PER_CASE} audits "
            f"(filled in {time.perf_counter() - began:.1f} s)"
        )
        for label, seconds in caseload_s(db, folder).items():
            verdict = (
                ""
                if label == "first request"
                else ("  ok" if seconds < TARGET_S else f"  OVER the {TARGET_S} s target")
            )
            print(f"caseload of {CASES} cases, {label}: {seconds * 1000:.1f} ms{verdict}")


if __name__ == "__main__":
    main()
