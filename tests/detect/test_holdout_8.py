"""The eighth, blind holdout of the risky-content corpus (issue 12): its shape, never its scores.

This test only parses checklists/risk_holdout_8.toml. It must not run the detector: the file was
written without looking at the rules, and its figures are measured by `make bench`, not pinned here.
Failures name post ids, never texts, so that reading them does not unblind anyone.
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

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_8.toml"
ID_PATTERN = re.compile(r"^(fr|en)-h8-([a-z_]+)-(\d{2,3})$")  # "ok" runs to 108
PER_CATEGORY_AND_LANGUAGE = 12
HARMLESS_PER_LANGUAGE = 108

# Marks, in a risky post's note, a post that states the risk by meaning rather than by keyword.
IMPLICIT_NOTE = "said without the obvious words"


@pytest.fixture(scope="module")
def posts() -> tuple[CorpusPost, ...]:
    return load_corpus(HOLDOUT)


def test_size_risky_and_harmless(posts: tuple[CorpusPost, ...]) -> None:
    assert len(posts) == 432
    assert sum(1 for post in posts if post.expect) == 216
    harmless = Counter(post.lang for post in posts if not post.expect)
    assert harmless == dict.fromkeys(LANGS, HARMLESS_PER_LANGUAGE)


def test_six_plain_and_six_implicit_posts_per_category_and_language(
    posts: tuple[CorpusPost, ...],
) -> None:
    """Twelve risky posts per category and language (first label), half of them implicit."""
    found = Counter((p.lang, p.expect[0], IMPLICIT_NOTE in p.note) for p in posts if p.expect)
    half = PER_CATEGORY_AND_LANGUAGE // 2
    wanted = {
        (lang, c, implicit): half for lang in LANGS for c in CATEGORIES for implicit in (0, 1)
    }
    assert found == wanted


def test_harmless_posts_never_claim_to_be_implicit(posts: tuple[CorpusPost, ...]) -> None:
    for post in posts:
        if not post.expect:
            assert IMPLICIT_NOTE not in post.note, post.id


def test_labels_ids_and_texts(posts: tuple[CorpusPost, ...]) -> None:
    labels_are_known_without_repeats(posts)
    ids_follow(posts, ID_PATTERN)
    all_holdout_with_distinct_texts(posts)


def test_every_harmless_note_names_what_it_resembles(posts: tuple[CorpusPost, ...]) -> None:
    harmless_notes_name_what_they_resemble(posts, least=12)
