"""The fourth, blind holdout of the risky-content corpus (issue 12): its shape, never its scores.

This test only parses checklists/risk_holdout_4.toml. It must not run the detector: the file was
written without looking at the rules or the model, and its figures are measured once the detector
is frozen, not pinned here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ereputation.detect.corpus import CorpusPost, load_corpus

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_4.toml"

# The nine categories the holdout covers, as named in issue 12's brief.
# fmt: off
CATEGORIES = (
    "alcohol_party", "drugs", "insults", "employer_disparagement", "sick_day",
    "discrimination", "illegal_fraud", "violence_threats", "sexual_content",
)
# fmt: on
LANGS = ("fr", "en")
PER_CATEGORY = 12  # risky posts per category and language, by first label
HARMLESS_PER_LANG = 108
# Two digits, three for the harmless posts past 99 (numbered 01..108 per language).
ID_PATTERN = re.compile(r"^(fr|en)-h4-(" + "|".join(CATEGORIES) + r"|ok)-(\d{2,3})$")
# Marks, in a risky post's note, a post that states the risk by meaning rather than by keyword.
IMPLICIT_NOTE = "said without the obvious words"


@pytest.fixture(scope="module")
def posts() -> tuple[CorpusPost, ...]:
    return load_corpus(HOLDOUT)


def _risky(posts: tuple[CorpusPost, ...]) -> list[CorpusPost]:
    return [post for post in posts if post.expect]


def _harmless(posts: tuple[CorpusPost, ...]) -> list[CorpusPost]:
    return [post for post in posts if not post.expect]


def test_exact_size_of_each_side(posts: tuple[CorpusPost, ...]) -> None:
    assert len(posts) == 432
    assert len(_risky(posts)) == 216
    assert len(_harmless(posts)) == 216
    for lang in LANGS:
        assert sum(1 for post in _harmless(posts) if post.lang == lang) == HARMLESS_PER_LANG


def test_twelve_posts_per_category_and_language(posts: tuple[CorpusPost, ...]) -> None:
    by_first = Counter((post.lang, post.expect[0]) for post in _risky(posts))
    assert set(by_first) == {(lang, c) for lang in LANGS for c in CATEGORIES}
    for key, count in by_first.items():
        assert count == PER_CATEGORY, key


def test_half_of_each_category_avoids_the_obvious_words(posts: tuple[CorpusPost, ...]) -> None:
    implicit = Counter(
        (post.lang, post.expect[0]) for post in _risky(posts) if IMPLICIT_NOTE in post.note
    )
    for lang in LANGS:
        for category in CATEGORIES:
            assert implicit[(lang, category)] == PER_CATEGORY // 2, (lang, category)


def test_labels_are_known_categories_at_most_two(posts: tuple[CorpusPost, ...]) -> None:
    for post in posts:
        assert set(post.expect) <= set(CATEGORIES), post.id
        assert len(set(post.expect)) == len(post.expect), post.id
        assert len(post.expect) <= 2, post.id


def test_ids_are_unique_and_follow_the_pattern(posts: tuple[CorpusPost, ...]) -> None:
    ids = [post.id for post in posts]
    assert len(set(ids)) == len(ids)
    numbers: dict[tuple[str, str], list[int]] = {}
    for post in posts:
        match = ID_PATTERN.match(post.id)
        assert match, post.id
        lang, category, number = match.groups()
        assert lang == post.lang, post.id
        assert category == (post.expect[0] if post.expect else "ok"), post.id
        numbers.setdefault((lang, category), []).append(int(number))
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key


def test_every_post_is_holdout(posts: tuple[CorpusPost, ...]) -> None:
    assert {post.split for post in posts} == {"holdout"}


def test_texts_are_distinct_and_of_post_length(posts: tuple[CorpusPost, ...]) -> None:
    texts = [post.text.strip().casefold() for post in posts]
    assert len(set(texts)) == len(texts)
    for post in posts:
        assert 5 <= len(post.text.split()) <= 80, post.id


def test_harmless_posts_say_what_they_resemble_and_who_posts(
    posts: tuple[CorpusPost, ...],
) -> None:
    resembled: Counter[tuple[str, str]] = Counter()
    for post in _harmless(posts):
        assert post.note.strip(), post.id
        match = re.match(r"look-alike of (\w+): \S", post.note)
        assert match, post.id
        assert match.group(1) in CATEGORIES, post.id
        resembled[(post.lang, match.group(1))] += 1
    for category in CATEGORIES:
        for lang in LANGS:
            assert resembled[(lang, category)] >= 8, (lang, category)
