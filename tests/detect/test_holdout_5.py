"""The fifth, blind holdout of the risky-content corpus (issue 12): its shape, never its scores.

This test only parses checklists/risk_holdout_5.toml. It must not run the detector: the file was
written without looking at the rules, and its figures are measured by `make bench`, not pinned here.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from ereputation.detect.corpus import CorpusPost, load_corpus

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_5.toml"

# The nine categories the holdout covers, as named in issue 12's brief (political and religious
# opinions are not risks a post is written to test here).
# fmt: off
CATEGORIES = (
    "alcohol_party", "drugs", "insults", "employer_disparagement", "sick_day",
    "discrimination", "illegal_fraud", "violence_threats", "sexual_content",
)
# fmt: on
LANGS = ("fr", "en")
# Two digits, three only for the harmless posts past 99 (they run from 01 to 108 per language).
ID_PATTERN = re.compile(r"^(fr|en)-h5-(" + "|".join(CATEGORIES) + r"|ok)-(\d{2}|1\d{2})$")
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


def test_labels_are_known_categories_without_repeats(posts: tuple[CorpusPost, ...]) -> None:
    for post in posts:
        assert set(post.expect) <= set(CATEGORIES), post.id
        assert len(set(post.expect)) == len(post.expect), post.id
        assert len(post.expect) <= 2, post.id


def test_ids_are_unique_and_follow_the_pattern(posts: tuple[CorpusPost, ...]) -> None:
    ids = [post.id for post in posts]
    assert len(set(ids)) == len(ids)
    for post in posts:
        match = ID_PATTERN.match(post.id)
        assert match, post.id
        lang, category, _ = match.groups()
        assert lang == post.lang, post.id
        assert category == (post.expect[0] if post.expect else "ok"), post.id


def test_numbers_run_from_one_without_gaps(posts: tuple[CorpusPost, ...]) -> None:
    numbers: dict[tuple[str, str], list[int]] = {}
    for post in posts:
        match = ID_PATTERN.match(post.id)
        assert match, post.id
        lang, category, number = match.groups()
        numbers.setdefault((lang, category), []).append(int(number))
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key


def test_every_post_is_holdout(posts: tuple[CorpusPost, ...]) -> None:
    assert {post.split for post in posts} == {"holdout"}


def test_texts_are_distinct_and_of_post_length(posts: tuple[CorpusPost, ...]) -> None:
    texts = [post.text.strip().casefold() for post in posts]
    assert len(set(texts)) == len(texts)
    for post in posts:
        assert 5 <= len(post.text.split()) <= 60, post.id


def test_harmless_posts_say_what_they_resemble(posts: tuple[CorpusPost, ...]) -> None:
    resembled: Counter[tuple[str, str]] = Counter()
    for post in _harmless(posts):
        match = re.match(r"look-alike of (\w+): \S", post.note)
        assert match, post.id
        assert match.group(1) in CATEGORIES, post.id
        assert post.note.strip(), post.id
        resembled[(post.lang, match.group(1))] += 1
    for category in CATEGORIES:
        for lang in LANGS:
            assert resembled[(lang, category)] >= 5, (lang, category)


def test_half_of_each_category_avoids_the_obvious_words(posts: tuple[CorpusPost, ...]) -> None:
    implicit = Counter(
        (post.lang, post.expect[0]) for post in _risky(posts) if IMPLICIT_NOTE in post.note
    )
    for category in CATEGORIES:
        for lang in LANGS:
            assert implicit[(lang, category)] == 6, (lang, category)
