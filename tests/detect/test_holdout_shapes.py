"""Shape checks the blind holdouts 2 and 5 share (`holdout_shape`): labels, ids, texts, notes.

Each file's own test pins its sizes and balance; none of them runs the detector.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ereputation.detect.corpus import CorpusPost, load_corpus
from tests.detect.holdout_shape import (
    CATEGORIES,
    all_holdout_with_distinct_texts,
    harmless_notes_name_what_they_resemble,
    ids_follow,
    labels_are_known_without_repeats,
)

CHECKLISTS = Path(__file__).resolve().parents[2] / "checklists"
_LABEL = "(" + "|".join(CATEGORIES) + "|ok)"
# Two digits, three only for holdout 5's harmless posts past 99 (01 to 108 per language).
PATTERNS = {
    "risk_holdout_2.toml": re.compile(rf"^(fr|en)-h2-{_LABEL}-(\d{{2}})$"),
    "risk_holdout_5.toml": re.compile(rf"^(fr|en)-h5-{_LABEL}-(\d{{2}}|1\d{{2}})$"),
}


@pytest.fixture(scope="module", params=sorted(PATTERNS))
def holdout(request: pytest.FixtureRequest) -> tuple[str, tuple[CorpusPost, ...]]:
    name: str = request.param
    return name, load_corpus(CHECKLISTS / name)


def test_labels_are_known_categories_without_repeats(
    holdout: tuple[str, tuple[CorpusPost, ...]],
) -> None:
    labels_are_known_without_repeats(holdout[1])


def test_ids_are_unique_follow_the_pattern_and_run_without_gaps(
    holdout: tuple[str, tuple[CorpusPost, ...]],
) -> None:
    name, posts = holdout
    ids_follow(posts, PATTERNS[name])


def test_every_post_is_holdout_with_a_distinct_text_of_post_length(
    holdout: tuple[str, tuple[CorpusPost, ...]],
) -> None:
    all_holdout_with_distinct_texts(holdout[1])


def test_harmless_posts_say_what_they_resemble(
    holdout: tuple[str, tuple[CorpusPost, ...]],
) -> None:
    harmless_notes_name_what_they_resemble(holdout[1], least=5)
