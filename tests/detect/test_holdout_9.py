"""The ninth, blind holdout of the risky-content corpus (issue 12): its shape, never its scores.

This test only parses checklists/risk_holdout_9.toml. It must not run the detector: the file was
written without looking at the rules, and its figures are measured by `make bench`, not pinned here.
Failures name post ids, never texts, so that the holdout stays blind.
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

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_9.toml"
ID_PATTERN = re.compile(r"^(fr|en)-h9-([a-z_]+)-(\d{2,3})$")  # "ok" runs to 108

# Marks, in a risky post's note, a post that states the risk by meaning rather than by keyword.
IMPLICIT_NOTE = "said without the obvious words"
PER_CATEGORY = 12  # risky posts per category per language, counted by first label
HARMLESS_PER_LANG = 108


@pytest.fixture(scope="module")
def posts() -> tuple[CorpusPost, ...]:
    return load_corpus(HOLDOUT)


def _risky(posts: tuple[CorpusPost, ...]) -> list[CorpusPost]:
    return [post for post in posts if post.expect]


def test_size_and_languages(posts: tuple[CorpusPost, ...]) -> None:
    assert len(posts) == 432
    harmless = Counter(post.lang for post in posts if not post.expect)
    assert harmless == dict.fromkeys(LANGS, HARMLESS_PER_LANG)


def test_labels_ids_and_texts(posts: tuple[CorpusPost, ...]) -> None:
    labels_are_known_without_repeats(posts)
    ids_follow(posts, ID_PATTERN)
    all_holdout_with_distinct_texts(posts)


def test_twelve_risky_posts_per_category_and_language(posts: tuple[CorpusPost, ...]) -> None:
    by_first = Counter((post.lang, post.expect[0]) for post in _risky(posts))
    assert by_first == {(lang, cat): PER_CATEGORY for lang in LANGS for cat in CATEGORIES}


def test_half_of_each_category_avoids_the_obvious_words(posts: tuple[CorpusPost, ...]) -> None:
    implicit = Counter(
        (post.lang, post.expect[0]) for post in _risky(posts) if IMPLICIT_NOTE in post.note
    )
    for lang in LANGS:
        for category in CATEGORIES:
            assert implicit[(lang, category)] == PER_CATEGORY // 2, (lang, category)


def test_harmless_posts_say_what_they_resemble_and_who_posts(
    posts: tuple[CorpusPost, ...],
) -> None:
    for post in posts:
        if not post.expect:
            assert post.note.strip(), post.id
    harmless_notes_name_what_they_resemble(posts, least=12)
