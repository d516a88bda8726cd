"""Floors on the holdouts and the whole pages: a regression guard, figures only.

The assertions print rates, never a post or a miss, so that a failing run does not turn a holdout
into a tuning set. Measured 2026-12-01 (docs/detection.md), rules alone, then with the meaning
model that ships (round 4, 7e44cf7; holdouts 2-4 are among its training posts, holdout 5 chose
it, holdout 6 tested it once):
- holdout 5: 46.7 % recall (fr 53.1, en 40.2), 14.8 % harmless flagged; 80.0 % and 4.6 %;
- holdout 6 (blind for both until then): 51.4 % (fr 55.5, en 47.3), 10.2 %; 86.4 % (fr 85.5,
  en 87.3) and 3.2 %;
- holdouts 7, 8, 9 (blind, scored once): 53.6 / 42.0 / 51.4 % and 9.7 / 13.4 / 15.3 %; with the
  model 82.9 / 80.4 / 82.3 % and 5.6 / 3.2 / 4.6 %;
- whole pages (`risk_pages.toml`): the rules flag 18 of 80 harmless pages, with the model 5.
Holdouts 2-4 keep the rules' floors and, with the model, floors on posts it was trained on.
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
    ("risk_holdout_2.toml", True): (0.74, 0.05, 0.12),
    ("risk_holdout_3.toml", False): (0.46, 0.12, 0.08),
    ("risk_holdout_3.toml", True): (0.74, 0.06, 0.11),
    ("risk_holdout_4.toml", False): (0.43, 0.15, 0.19),
    ("risk_holdout_4.toml", True): (0.80, 0.09, 0.12),
    ("risk_holdout_5.toml", False): (0.38, 0.17, 0.15),
    ("risk_holdout_5.toml", True): (0.74, 0.06, 0.09),
    ("risk_holdout_6.toml", False): (0.44, 0.12, 0.10),
    ("risk_holdout_6.toml", True): (0.82, 0.04, 0.05),
    ("risk_holdout_7.toml", False): (0.47, 0.12, 0.09),
    ("risk_holdout_7.toml", True): (0.79, 0.07, 0.04),
    ("risk_holdout_8.toml", False): (0.38, 0.16, 0.05),
    ("risk_holdout_8.toml", True): (0.76, 0.04, 0.06),
    ("risk_holdout_9.toml", False): (0.43, 0.17, 0.13),
    ("risk_holdout_9.toml", True): (0.78, 0.06, 0.04),
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
    assert both.harmless_rate() <= 0.12, f"harmless pages flagged {both.harmless_rate():.1%}"
    assert both.harmless_rate() < rules.harmless_rate()
    risky = [p for p in both.posts if not p.harmless]
    missed = [p.id for p in risky if not set(p.expect) & set(both.flagged[p.id])]
    assert len(missed) <= 1, f"{len(missed)} risky pages missed"
