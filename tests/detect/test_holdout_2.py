"""The second, blind holdout of the risky-content corpus (issue 12): its shape, never its scores.

This test only parses checklists/risk_holdout_2.toml. It must not run the detector: the file was
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

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_2.toml"

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
    assert len(posts) >= 320
    assert len(_risky(posts)) >= 160
    assert len(_harmless(posts)) >= 160
    assert len(_harmless(posts)) >= len(_risky(posts))


def test_half_french_half_english(posts: tuple[CorpusPost, ...]) -> None:
    for group in (posts, _risky(posts), _harmless(posts)):
        langs = Counter(post.lang for post in group)
        assert set(langs) == set(LANGS)
        assert langs["fr"] == langs["en"], langs


def test_every_category_has_about_nine_posts_per_language(posts: tuple[CorpusPost, ...]) -> None:
    by_label = Counter((post.lang, label) for post in posts for label in post.expect)
    by_first = Counter((post.lang, post.expect[0]) for post in _risky(posts))
    for category in CATEGORIES:
        for lang in LANGS:
            assert 8 <= by_first[(lang, category)] <= 12, (lang, category)
            assert 8 <= by_label[(lang, category)] <= 14, (lang, category)
        assert abs(by_label[("fr", category)] - by_label[("en", category)]) <= 2, category


def test_a_third_of_risky_posts_avoid_the_obvious_words(posts: tuple[CorpusPost, ...]) -> None:
    for lang in LANGS:
        risky = [post for post in _risky(posts) if post.lang == lang]
        implicit = [post for post in risky if IMPLICIT_NOTE in post.note]
        assert 3 * len(implicit) >= len(risky), lang
