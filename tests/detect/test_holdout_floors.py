"""Floors on the holdouts and the whole pages: a regression guard, figures only.

The assertions print rates, never a post or a miss, so that a failing run does not turn a holdout
into a tuning set. Measured 2026-12-02 (docs/detection.md), rules alone, then with the meaning
model that ships (round 10, c04e413: holdouts 2-31 are among its training posts, so its floors
there guard against a broken model, not a measure of it):
- holdouts 32 to 35 (blind for both until scored once with the frozen round-10 model): rules
  alone 40.5 / 46.1 / 44.1 / 39.5 % recall and 4.6 / 12.0 / 11.6 / 9.3 % harmless flagged; with
  the model 76.7 / 83.9 / 83.6 / 79.1 % and 0.5 / 3.7 / 3.2 / 3.2 %;
- whole pages (`risk_pages.toml`): the rules flag 18 of 80 harmless pages, the model none, and it
  finds 19 of the 20 risky pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ereputation.detect.corpus import Evaluation, evaluate, flag, load_corpus
from ereputation.detect.meaning import MeaningModel, bundled_model
from ereputation.detect.risk_terms import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parents[2]
CHECKLISTS = ROOT / "checklists"

# (file, with the model?) -> (recall at least, harmless flagged at most, fr-en gap at most)
FLOORS = {
    ("risk_holdout_2.toml", False): (0.49, 0.05, 0.08),
    ("risk_holdout_3.toml", False): (0.46, 0.12, 0.08),
    ("risk_holdout_4.toml", False): (0.43, 0.15, 0.19),
    ("risk_holdout_5.toml", False): (0.38, 0.17, 0.15),
    ("risk_holdout_6.toml", False): (0.44, 0.12, 0.10),
    ("risk_holdout_7.toml", False): (0.47, 0.12, 0.09),
    ("risk_holdout_8.toml", False): (0.38, 0.16, 0.05),
    ("risk_holdout_9.toml", False): (0.43, 0.17, 0.13),
    ("risk_holdout_10.toml", False): (0.44, 0.15, 0.10),
    ("risk_holdout_11.toml", False): (0.45, 0.16, 0.05),
    ("risk_holdout_12.toml", False): (0.45, 0.11, 0.05),
    ("risk_holdout_13.toml", False): (0.39, 0.13, 0.04),
    ("risk_holdout_14.toml", False): (0.46, 0.14, 0.05),
    ("risk_holdout_15.toml", False): (0.44, 0.15, 0.05),
    ("risk_holdout_16.toml", False): (0.42, 0.13, 0.05),
    ("risk_holdout_17.toml", False): (0.46, 0.14, 0.05),
    ("risk_holdout_18.toml", False): (0.47, 0.16, 0.05),
    ("risk_holdout_19.toml", False): (0.47, 0.15, 0.05),
    ("risk_holdout_20.toml", False): (0.40, 0.18, 0.05),
    ("risk_holdout_21.toml", False): (0.41, 0.14, 0.05),
    ("risk_holdout_22.toml", False): (0.34, 0.15, 0.10),
    ("risk_holdout_23.toml", False): (0.45, 0.15, 0.05),
    ("risk_holdout_24.toml", False): (0.37, 0.14, 0.06),
    ("risk_holdout_25.toml", False): (0.42, 0.13, 0.05),
    ("risk_holdout_26.toml", False): (0.38, 0.12, 0.05),
    ("risk_holdout_27.toml", False): (0.33, 0.16, 0.07),
    ("risk_holdout_28.toml", False): (0.32, 0.13, 0.06),
    ("risk_holdout_29.toml", False): (0.34, 0.18, 0.05),
    ("risk_holdout_30.toml", False): (0.43, 0.17, 0.07),
    ("risk_holdout_31.toml", False): (0.30, 0.16, 0.15),
    ("risk_holdout_32.toml", False): (0.36, 0.07, 0.06),
    ("risk_holdout_33.toml", False): (0.42, 0.14, 0.05),
    ("risk_holdout_34.toml", False): (0.38, 0.14, 0.09),
    ("risk_holdout_35.toml", False): (0.33, 0.12, 0.11),
    # Training posts of the model: far higher figures than a blind holdout gives; four writers'
    # suffice to catch a broken model (each costs the second look about 8 s).
    **{(f"risk_holdout_{n}.toml", True): (0.90, 0.04, 0.08) for n in (2, 10, 17, 31)},
    ("risk_holdout_32.toml", True): (0.73, 0.02, 0.05),
    ("risk_holdout_33.toml", True): (0.75, 0.05, 0.15),
    ("risk_holdout_34.toml", True): (0.73, 0.05, 0.17),
    ("risk_holdout_35.toml", True): (0.75, 0.05, 0.05),
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(CHECKLISTS / "risk_terms.toml")


@pytest.fixture(scope="module")
def model() -> MeaningModel:
    loaded = bundled_model()
    assert loaded is not None, "the meaning model ships with the tool"
    return loaded


def _scored(lexicon: Lexicon, model: MeaningModel | None, name: str) -> Evaluation:
    posts = load_corpus(CHECKLISTS / name)
    return evaluate(lexicon, posts, flag(lexicon, posts, model))


@pytest.mark.parametrize(("name", "with_model"), sorted(FLOORS))
def test_holdout_floors(lexicon: Lexicon, model: MeaningModel, name: str, with_model: bool) -> None:
    result = _scored(lexicon, model if with_model else None, name)
    least, most, gap = FLOORS[(name, with_model)]
    for lang in ("fr", "en"):
        recall, flagged = result.recall(lang), result.harmless_rate(lang)
        assert recall >= least, f"{lang} recall {recall:.1%}"
        assert flagged <= most + 0.02, f"{lang} harmless flagged {flagged:.1%}"
    assert result.harmless_rate() <= most, f"harmless flagged {result.harmless_rate():.1%}"
    assert abs(result.recall("fr") - result.recall("en")) <= gap


def test_the_model_flags_fewer_harmless_pages_and_misses_no_risky_one(
    lexicon: Lexicon, model: MeaningModel
) -> None:
    rules, both = (_scored(lexicon, m, "risk_pages.toml") for m in (None, model))
    assert both.harmless_rate() <= 0.025, f"harmless pages flagged {both.harmless_rate():.1%}"
    assert both.harmless_rate() < rules.harmless_rate()
    risky = [p for p in both.posts if not p.harmless]
    missed = [p.id for p in risky if not set(p.expect) & set(both.flagged[p.id])]
    assert len(missed) <= 1, f"{len(missed)} risky pages missed"
