"""What the detectors cost on page text: the normalisation alone, then each detector.

Prints seconds per megabyte of visible text for the three forms of `detect.normalise` (shown,
Latin, matching), for personal data (`find_pii`) and risky wording (`find_risk_terms`), on an
ordinary French page and on one full of tricks (invisible characters, look-alikes, fullwidth
forms). Run: python benchmarks/bench_detect.py [megabytes]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from ereputation.detect.normalise import latin_with_map, normalize_with_map, shown_with_map
from ereputation.detect.pii import find_pii
from ereputation.detect.risk_terms import find_risk_terms, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
ORDINARY = (
    "Camille Martin, data analyst à Lyon depuis 2019. J'aide les équipes à lire leurs données : "
    "SQL, Python, Power BI, tableaux de bord et formations. Dernier projet : une étude de la "
    "fréquentation des médiathèques de la métropole, présentée au conseil en mars. "
)
TRICKY = (
    "Appelez le 06\u200d12\u200d34\u200d56\u200d78 ou écrivez à jean.dupont＠gmail.com. "
    "Quel c\u043enn\u0430rd, c o n n a r d, \U0001d41c\U0001d428\U0001d427 ! "
    "Ｓｏｉｒéｅ ｅｎｃｏｒｅ, com\u200bplètement bourr\u0435\ufe0f. "
)


def page(sample: str, megabytes: float) -> str:
    size = int(megabytes * 1_000_000)
    return (sample * (size // len(sample) + 1))[:size]


def per_mb(label: str, text: str, work: Callable[[str], object]) -> None:
    started = time.perf_counter()
    work(text)
    elapsed = time.perf_counter() - started
    print(f"  {label:<28} {elapsed / (len(text) / 1_000_000):6.2f} s/MB")


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    lexicon = load_lexicon(ROOT / "checklists" / "risk_terms.toml")
    find_pii("06 12 34 56 78")  # load phonenumbers before timing
    for name, sample in (("ordinary French page", ORDINARY), ("page full of tricks", TRICKY)):
        text = page(sample, megabytes)
        print(f"{name}, {len(text) / 1_000_000:.1f} MB of visible text:")
        per_mb("shown (invisible removed)", text, shown_with_map)
        per_mb("Latin (for personal data)", text, latin_with_map)
        per_mb("matching (word lists)", text, normalize_with_map)
        per_mb("find_pii", text, find_pii)
        per_mb("find_risk_terms", text, lambda t: find_risk_terms(t, lexicon))
    # What one audit meets: a page's visible text is read up to 20,000 characters.
    for name, text in (
        ("20,000 characters of ordinary text", page(ORDINARY, 0.02)),
        ("20,000 characters of tricks", page(TRICKY, 0.02)),
        ("one insult repeated (24,000 characters)", "merde " * 4000),
    ):
        started = time.perf_counter()
        find_pii(text)
        find_risk_terms(text, lexicon)
        print(f"{name}: both detectors {time.perf_counter() - started:.3f} s (target < 1 s)")


if __name__ == "__main__":
    main()
