"""The fifth, blind holdout of the risky-content corpus (issue 12): its shape, never its scores.

This test only parses checklists/risk_holdout_5.toml. It must not run the detector: the file was
written without looking at the rules, and its figures are measured by `make bench`, not pinned here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ereputation.detect.corpus import CorpusPost, load_corpus
from tests.detect.holdout_shape import (
    CATEGORIES,
    LANGS,
)

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_5.toml"

# Marks, in a risky post's note, a post that states the risk by meaning rather than by keyword.
IMPLICIT_NOTE = "said without the obvious words"


@pytest.fixture(scope="module")
def posts() -> tuple[CorpusPost, ...]:
    return load_corpus(HOLDOUT)


def _risky(posts: tuple[CorpusPost, ...]) -> list[CorpusPost]:
    return [post for post in posts if post.expect]


def _harmless(posts: tuple[CorpusPost, ...]) -> list[CorpusPost]:
    return [post for post in posts if not post.expect]


def test_size_and_balance_between_risky_and_harmless(posts: tuple[CorpusPost, ...]) -> None:
    assert len(posts) == 432
    assert len(_risky(posts)) == 216
    assert len(_harmless(posts)) == 216


def test_half_french_half_english(posts: tuple[CorpusPost, ...]) -> None:
    for group in (posts, _risky(posts), _harmless(posts)):
        langs = Counter(post.lang for post in group)
        assert set(langs) == set(LANGS)
        assert langs["fr"] == langs["en"], langs


def test_every_category_has_twelve_posts_per_language(posts: tuple[CorpusPost, ...]) -> None:
    by_first = Counter((post.lang, post.expect[0]) for post in _risky(posts))
    for category in CATEGORIES:
        for lang in LANGS:
            assert by_first[(lang, category)] == 12, (lang, category)
    assert sum(by_first.values()) == 216


def test_half_of_each_category_avoids_the_obvious_words(posts: tuple[CorpusPost, ...]) -> None:
    implicit = Counter(
        (post.lang, post.expect[0]) for post in _risky(posts) if IMPLICIT_NOTE in post.note
    )
    for category in CATEGORIES:
        for lang in LANGS:
            assert implicit[(lang, category)] == 6, (lang, category)
