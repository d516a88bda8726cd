"""Cost of the trades data: loading and validating trades.toml (synonym groups included), and
inferring a trade.

Both run once per audit, so they must stay small beside the audit itself. Targets: loading under
50 ms, one inference (a role and 50 keywords, none matching, the worst case) under 5 ms.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from ereputation.detect.synonyms import forms
from ereputation.trades import alias_tokens, infer_trade, load_trades
from ereputation.web.networks import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
RUNS = 30


def median_ms(action: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    catalogue = load_catalogue(ROOT / "checklists" / "networks.toml")
    path = ROOT / "checklists" / "trades.toml"
    trades = load_trades(path, catalogue)
    aliases = sum(len(t.aliases) for t in trades)
    keywords = [f"compétence numéro {i}" for i in range(50)]

    def cold_inference() -> object:
        alias_tokens.cache_clear()
        return infer_trade(trades, "Barista", keywords)

    def cold_load() -> object:
        forms.cache_clear()  # each synonym normalised again, as in a fresh process
        return load_trades(path, catalogue)

    cases = {
        "load_trades (parse + validate)": lambda: load_trades(path, catalogue),
        "load_trades, cold synonym forms": cold_load,
        "infer_trade, role matches": lambda: infer_trade(trades, "Analyste de données", ()),
        "infer_trade, 50 keywords, no match": lambda: infer_trade(trades, "Barista", keywords),
        "infer_trade, 50 keywords, cold cache": cold_inference,
    }
    groups = sum(len(t.synonyms) for t in trades)
    print(
        f"{len(trades)} trades, {aliases} aliases, {groups} synonym groups, median of {RUNS} runs"
    )
    for name, action in cases.items():
        print(f"{name:<40} {median_ms(action):8.2f} ms")


if __name__ == "__main__":
    main()
