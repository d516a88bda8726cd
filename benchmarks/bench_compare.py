"""Reading results back and comparing them: `from_json`, `compare` and the comparison's HTML.

On the large result of bench_report.py (100 profiles, 1,000 findings) against a later audit of it
with half the findings resolved and a tenth of the actions done. Target (issue 9): `compare` of two
results under 0.3 s beyond the interpreter's start, reading both files included.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from bench_report import result

from ereputation.compare import compare
from ereputation.formats import OutputFormat
from ereputation.formats.compare_view import compare_formatter_for
from ereputation.model import from_json, to_json


def median_ms(work: Callable[[], object], runs: int = 9) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    old = result(100, 1000)
    new = replace(old, findings=old.findings[::2], actions=old.actions[len(old.actions) // 10 :])
    text_old = json.dumps(to_json(old), ensure_ascii=False)
    text_new = json.dumps(to_json(new), ensure_ascii=False)
    comparison = compare(old, new)
    html = compare_formatter_for(OutputFormat.HTML)
    figures = {
        f"json.loads + from_json ({len(text_old) // 1024} KiB)": lambda: from_json(
            json.loads(text_old)
        ),
        "compare(old, new)": lambda: compare(old, new),
        "comparison as HTML": lambda: html.render(comparison),
        "both files read, compared, HTML": lambda: html.render(
            compare(from_json(json.loads(text_old)), from_json(json.loads(text_new)))
        ),
    }
    print(f"median of 9 runs; {len(comparison.resolved_findings)} findings resolved")
    for name, work in figures.items():
        print(f"{name:<44} {median_ms(work):8.1f} ms")
    print("target: both files read, compared and rendered under 300 ms")


if __name__ == "__main__":
    main()
