"""Shape checks shared by the blind holdouts' tests: they parse a holdout, never run the detector.

Each check asserts on every post and names the post it fails on (an id, never a text), so that a
failure does not turn a blind holdout into a tuning set.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ereputation.detect.corpus import CorpusPost

# The nine categories the holdouts cover, as named in issue 12's brief (political and religious
# opinions are not risks a post is written to test here).
# fmt: off
CATEGORIES = (
    "alcohol_party", "drugs", "insults", "employer_disparagement", "sick_day",
    "discrimination", "illegal_fraud", "violence_threats", "sexual_content",
)
# fmt: on
LANGS = ("fr", "en")


def labels_are_known_without_repeats(posts: Sequence[CorpusPost]) -> None:
    for post in posts:
        assert set(post.expect) <= set(CATEGORIES), post.id
        assert len(set(post.expect)) == len(post.expect), post.id
        assert len(post.expect) <= 2, post.id


def ids_follow(posts: Sequence[CorpusPost], pattern: re.Pattern[str]) -> None:
    """Unique ids of `pattern` (groups: language, first category or "ok", number), agreeing with
    the post's language and first label, numbered from one without gaps."""
    ids = [post.id for post in posts]
    assert len(set(ids)) == len(ids)
    numbers: dict[tuple[str, str], list[int]] = {}
    for post in posts:
        match = pattern.match(post.id)
        assert match, post.id
        lang, category, number = match.groups()
        assert lang == post.lang, post.id
        assert category == (post.expect[0] if post.expect else "ok"), post.id
        numbers.setdefault((lang, category), []).append(int(number))
    for key, found in numbers.items():
        assert sorted(found) == list(range(1, len(found) + 1)), key


def all_holdout_with_distinct_texts(posts: Sequence[CorpusPost], most_words: int = 60) -> None:
    assert {post.split for post in posts} == {"holdout"}
    texts = [post.text.strip().casefold() for post in posts]
    assert len(set(texts)) == len(texts)
    for post in posts:
        assert 5 <= len(post.text.split()) <= most_words, post.id


def harmless_notes_name_what_they_resemble(posts: Sequence[CorpusPost], least: int) -> None:
    """Each harmless post's note reads `look-alike of <category>: <who>`; each category has at
    least `least` look-alikes per language."""
    resembled: Counter[tuple[str, str]] = Counter()
    for post in posts:
        if post.expect:
            continue
        match = re.match(r"look-alike of (\w+): \S", post.note)
        assert match, post.id
        assert match.group(1) in CATEGORIES, post.id
        resembled[(post.lang, match.group(1))] += 1
    for category in CATEGORIES:
        for lang in LANGS:
            assert resembled[(lang, category)] >= least, (lang, category)
