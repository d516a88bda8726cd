"""The blind holdouts' shapes (issue 12): what each was written to hold, never its scores.

These tests only parse the holdout files; they never run the detector, and a failure names post
ids or counts, never texts, so that reading it unblinds nobody. Holdout 2 has its own test (it
was written to a looser brief); holdouts 3 and 4 too (their notes read differently). Holdouts 5
to 39 were written to one brief: 432 posts, 12 risky ones per category and language (6 of them
said without the obvious words), 108 harmless look-alikes per language, 12 per category.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ereputation.detect.corpus import CorpusPost, load_corpus
from tests.detect.holdout_shape import (
    CATEGORIES,
    LANGS,
    all_holdout_with_distinct_texts,
    harmless_notes_name_what_they_resemble,
    ids_follow,
    labels_are_known_without_repeats,
)

CHECKLISTS = Path(__file__).resolve().parents[2] / "checklists"
_LABEL = "(" + "|".join(CATEGORIES) + "|ok)"
# Two digits, three for the harmless posts past 99 (they run from 01 to 108 per language).
PATTERNS = {
    f"risk_holdout_{n}.toml": re.compile(rf"^(fr|en)-h{n}-{_LABEL}-(\d{{2}}|1\d{{2}})$")
    for n in range(5, 40)
}
PATTERNS["risk_holdout_2.toml"] = re.compile(rf"^(fr|en)-h2-{_LABEL}-(\d{{2}})$")
ONE_BRIEF = sorted(n for n in PATTERNS if n != "risk_holdout_2.toml")
IMPLICIT_NOTE = "said without the obvious words"

Holdout = tuple[str, tuple[CorpusPost, ...]]


@pytest.fixture(scope="module", params=sorted(PATTERNS))
def holdout(request: pytest.FixtureRequest) -> Holdout:
    name: str = request.param
    return name, load_corpus(CHECKLISTS / name)


@pytest.fixture(scope="module", params=ONE_BRIEF)
def briefed(request: pytest.FixtureRequest) -> Holdout:
    name: str = request.param
    return name, load_corpus(CHECKLISTS / name)


def test_labels_are_known_categories_without_repeats(holdout: Holdout) -> None:
    labels_are_known_without_repeats(holdout[1])


def test_ids_are_unique_follow_the_pattern_and_run_without_gaps(holdout: Holdout) -> None:
    name, posts = holdout
    ids_follow(posts, PATTERNS[name])


def test_every_post_is_holdout_with_a_distinct_text_of_post_length(holdout: Holdout) -> None:
    all_holdout_with_distinct_texts(holdout[1])


def test_harmless_posts_say_what_they_resemble(holdout: Holdout) -> None:
    name, posts = holdout
    harmless_notes_name_what_they_resemble(posts, least=5 if name.endswith("_2.toml") else 12)


def test_432_posts_half_risky_half_french(briefed: Holdout) -> None:
    _, posts = briefed
    assert len(posts) == 432
    for lang in LANGS:
        mine = [p for p in posts if p.lang == lang]
        assert sum(1 for p in mine if p.harmless) == 108, lang
        assert sum(1 for p in mine if not p.harmless) == 108, lang


def test_twelve_risky_posts_per_category_and_language_half_implicit(briefed: Holdout) -> None:
    _, posts = briefed
    first = Counter((p.lang, p.expect[0]) for p in posts if p.expect)
    implicit = Counter((p.lang, p.expect[0]) for p in posts if p.expect and IMPLICIT_NOTE in p.note)
    for category in CATEGORIES:
        for lang in LANGS:
            assert first[(lang, category)] == 12, (lang, category)
            assert implicit[(lang, category)] == 6, (lang, category)
    assert not any(IMPLICIT_NOTE in p.note for p in posts if p.harmless)
