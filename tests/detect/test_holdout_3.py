"""The third, blind holdout of the risky-content corpus (issue 12): its shape, never its scores.

Only parses checklists/risk_holdout_3.toml. The detector is never run here: the file was written
without reading the rules, and its figures belong to `make bench`, not to a pinned test.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from ereputation.detect.corpus import CorpusPost, load_corpus

HOLDOUT = Path(__file__).resolve().parents[2] / "checklists" / "risk_holdout_3.toml"

# fmt: off
CATEGORIES = (
    "alcohol_party", "drugs", "insults", "employer_disparagement", "sick_day",
    "discrimination", "illegal_fraud", "violence_threats", "sexual_content",
)
# fmt: on
LANGS = ("fr", "en")
RISKY_PER_CATEGORY = 12  # per language, by first label; half of them implicit
HARMLESS_PER_LANGUAGE = 108
# At least two digits ("01"); the harmless posts of a language reach three ("108").
ID = re.compile(r"(fr|en)-h3-(" + "|".join(CATEGORIES) + r"|ok)-(\d{2,3})")
# In a risky post's note: the risk is stated by meaning, without the category's usual words.
IMPLICIT_NOTE = "said without the obvious words"
# A harmless post's note: the category it resembles, then who posts it.
RESEMBLES = re.compile(r"resembles (\w+): \S")


@pytest.fixture(scope="module")
def posts() -> tuple[CorpusPost, ...]:
    return load_corpus(HOLDOUT)


def _kind(post: CorpusPost) -> str:
    if not post.expect:
        return "harmless"
    return "implicit" if IMPLICIT_NOTE in post.note else "explicit"


def _problems(post: CorpusPost) -> Iterator[str]:
    """What is wrong with one post, in words; nothing for a well-formed one."""
    match = ID.fullmatch(post.id)
    if match is None:
        yield "id does not follow <lang>-h3-<category|ok>-<nn>"
    else:
        lang, head, number = match.groups()
        if lang != post.lang:
            yield f"id says {lang}, lang says {post.lang}"
        if head != (post.expect[0] if post.expect else "ok"):
            yield f"id names {head}, first label is {post.expect[:1]}"
        if number != f"{int(number):02d}":
            yield f"number {number} is padded beyond two digits"
    if not set(post.expect) <= set(CATEGORIES):
        yield f"unknown labels {sorted(set(post.expect) - set(CATEGORIES))}"
    if len(post.expect) > 2:
        yield "more than two labels"
    if post.split != "holdout":
        yield f"split is {post.split!r}"
    if not 5 <= len(post.text.split()) <= 60:
        yield f"{len(post.text.split())} words (5 to 60 expected)"
    if not post.expect:
        resembled = RESEMBLES.match(post.note)
        if resembled is None or resembled.group(1) not in CATEGORIES:
            yield "a harmless note must read 'resembles <category>: <who posts it>'"
        if IMPLICIT_NOTE in post.note:
            yield "a harmless post is marked implicit"


def test_every_post_is_well_formed(posts: tuple[CorpusPost, ...]) -> None:
    problems = [f"{post.id}: {why}" for post in posts for why in _problems(post)]
    assert not problems, "\n".join(problems)


def test_counts_per_language_category_and_kind(posts: tuple[CorpusPost, ...]) -> None:
    found = Counter((p.lang, p.expect[0] if p.expect else "ok", _kind(p)) for p in posts)
    wanted: Counter[tuple[str, str, str]] = Counter()
    for lang in LANGS:
        wanted[(lang, "ok", "harmless")] = HARMLESS_PER_LANGUAGE
        for category in CATEGORIES:
            wanted[(lang, category, "implicit")] = RISKY_PER_CATEGORY // 2
            wanted[(lang, category, "explicit")] = RISKY_PER_CATEGORY // 2
    assert found == wanted
    assert len(posts) == 432


def test_ids_are_unique_and_numbered_from_one(posts: tuple[CorpusPost, ...]) -> None:
    assert len({p.id for p in posts}) == len(posts)
    numbers: dict[str, list[int]] = {}
    for post in posts:
        prefix, _, number = post.id.rpartition("-")
        numbers.setdefault(prefix, []).append(int(number))
    gaps = {k: v for k, v in numbers.items() if sorted(v) != list(range(1, len(v) + 1))}
    assert not gaps


def test_no_text_is_written_twice(posts: tuple[CorpusPost, ...]) -> None:
    seen = Counter(" ".join(p.text.casefold().split()) for p in posts)
    assert not [text for text, times in seen.items() if times > 1]


def test_look_alikes_cover_every_category_in_both_languages(
    posts: tuple[CorpusPost, ...],
) -> None:
    resembled = Counter(
        (p.lang, match.group(1))
        for p in posts
        if not p.expect and (match := RESEMBLES.match(p.note)) is not None
    )
    thin = [(lang, c) for lang in LANGS for c in CATEGORIES if resembled[(lang, c)] < 8]
    assert not thin
