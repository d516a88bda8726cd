"""Shape of blind holdout 7 (issue 12): counts, ids, labels and notes, never a score.

Parsing checklists/risk_holdout_7.toml is all it does; the detector never runs here, since the
posts were written blind and are scored only by `make bench`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ereputation.detect.corpus import CorpusPost, load_corpus
from tests.detect import holdout_shape as shape
from tests.detect.holdout_shape import CATEGORIES, LANGS

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_7.toml"

# Marks, in a risky post's note, a post that states the risk by meaning rather than by keyword.
IMPLICIT_NOTE = "said without the obvious words"
PER_CATEGORY_AND_LANG = 12
HARMLESS_PER_LANG = 108


@pytest.fixture(scope="module")
def posts() -> tuple[CorpusPost, ...]:
    return load_corpus(HOLDOUT)


def test_size_and_split_between_risky_and_harmless(posts: tuple[CorpusPost, ...]) -> None:
    assert len(posts) == 432
    sides = Counter((post.lang, bool(post.expect)) for post in posts)
    for lang in LANGS:
        assert sides[(lang, True)] == len(CATEGORIES) * PER_CATEGORY_AND_LANG, lang
        assert sides[(lang, False)] == HARMLESS_PER_LANG, lang


def test_twelve_posts_per_category_and_language_as_first_label(
    posts: tuple[CorpusPost, ...],
) -> None:
    by_first = Counter((post.lang, post.expect[0]) for post in posts if post.expect)
    for category in CATEGORIES:
        for lang in LANGS:
            assert by_first[(lang, category)] == PER_CATEGORY_AND_LANG, (lang, category)


def test_half_of_each_category_and_language_avoids_the_obvious_words(
    posts: tuple[CorpusPost, ...],
) -> None:
    implicit = Counter(
        (post.lang, post.expect[0]) for post in posts if post.expect and IMPLICIT_NOTE in post.note
    )
    for category in CATEGORIES:
        for lang in LANGS:
            assert implicit[(lang, category)] == PER_CATEGORY_AND_LANG // 2, (lang, category)


def test_labels_ids_split_and_texts(posts: tuple[CorpusPost, ...]) -> None:
    shape.labels_are_known_without_repeats(posts)
    shape.ids_follow(posts, re.compile(r"^(fr|en)-h7-(\w+?)-(\d{2,3})$"))
    shape.all_holdout_with_distinct_texts(posts)


def test_every_harmless_post_names_what_it_resembles_and_who_posts_it(
    posts: tuple[CorpusPost, ...],
) -> None:
    assert all(post.note.strip() for post in posts if not post.expect)
    shape.harmless_notes_name_what_they_resemble(posts, least=PER_CATEGORY_AND_LANG)
