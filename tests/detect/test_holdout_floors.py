"""Floors on the blind holdout (checklists/risk_holdout_2.toml): a regression guard, figures only.

The assertions print rates, never a post or a miss, so that a failing run does not turn the blind
holdout into a tuning set. Measured 2026-12-01 after the rules of word classes: recall 52.1 %
(fr 53.6 %, en 50.6 %), harmless posts flagged 3.7 %; before them 21.6 % and 1.9 %.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ereputation.detect.corpus import Evaluation, evaluate, load_corpus
from ereputation.detect.risk_terms import load_lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def holdout() -> Evaluation:
    lexicon = load_lexicon(ROOT / "checklists" / "risk_terms.toml")
    return evaluate(lexicon, load_corpus(ROOT / "checklists" / "risk_holdout_2.toml"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blind_holdout_floors(holdout: Evaluation, lang: str) -> None:
    recall, flagged = holdout.recall(lang), holdout.harmless_rate(lang)
    assert recall >= 0.49, f"recall {recall:.1%}"
    assert flagged <= 0.05, f"harmless flagged {flagged:.1%}"
    assert abs(holdout.recall("fr") - holdout.recall("en")) <= 0.08
