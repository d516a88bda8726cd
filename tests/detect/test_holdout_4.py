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
CELLS = {(lang, category) for lang in ("fr", "en") for category in CATEGORIES}
PER_CELL = 12  # risky posts per (language, first label)
HARMLESS_PER_LANG = 108
# Two digits, three for the harmless posts past 99 (numbered 01..108 per language).
POST_ID = re.compile(r"^(fr|en)-h4-(" + "|".join(CATEGORIES) + r"|ok)-(\d{2,3})$")
HARMLESS_NOTE = re.compile(r"look-alike of (\w+): \S")
# Marks, in a risky post's note, a post that states the risk by meaning rather than by keyword.
IMPLICIT_NOTE = "said without the obvious words"

Posts = tuple[CorpusPost, ...]


@pytest.fixture(scope="module")
def holdout() -> Posts:
    return load_corpus(HOLDOUT)


@pytest.fixture(scope="module")
def risky(holdout: Posts) -> Posts:
    return tuple(p for p in holdout if p.expect)


@pytest.fixture(scope="module")
def harmless(holdout: Posts) -> Posts:
    return tuple(p for p in holdout if not p.expect)


def test_432_posts_split_evenly(holdout: Posts, risky: Posts, harmless: Posts) -> None:
    assert (len(holdout), len(risky), len(harmless)) == (432, 216, 216)
    assert Counter(p.lang for p in harmless) == {"fr": HARMLESS_PER_LANG, "en": HARMLESS_PER_LANG}


def test_each_language_and_category_has_twelve_half_implicit(risky: Posts) -> None:
    first = Counter((p.lang, p.expect[0]) for p in risky)
    implicit = Counter((p.lang, p.expect[0]) for p in risky if IMPLICIT_NOTE in p.note)
    assert set(first) == CELLS
    for cell in CELLS:
        assert (first[cell], implicit[cell]) == (PER_CELL, PER_CELL // 2), cell


def test_each_post_is_a_well_formed_holdout_post(holdout: Posts) -> None:
    numbers: dict[tuple[str, str], list[int]] = {}
    for p in holdout:
        assert p.split == "holdout", p.id
        assert len(p.expect) <= 2 and len(set(p.expect)) == len(p.expect), p.id
        assert set(p.expect) <= set(CATEGORIES), p.id
        assert 5 <= len(p.text.split()) <= 80, p.id
        found = POST_ID.fullmatch(p.id)
        assert found and found[1] == p.lang, p.id
        assert found[2] == (p.expect[0] if p.expect else "ok"), p.id
        numbers.setdefault((found[1], found[2]), []).append(int(found[3]))
    assert sum(len(n) for n in numbers.values()) == len({p.id for p in holdout})
    for key, found_numbers in numbers.items():
        assert sorted(found_numbers) == list(range(1, len(found_numbers) + 1)), key


def test_no_text_appears_twice(holdout: Posts) -> None:
    texts = Counter(p.text.strip().casefold() for p in holdout)
    assert [t for t, n in texts.items() if n > 1] == []


def test_look_alikes_name_the_category_and_the_poster(harmless: Posts) -> None:
    resembled: Counter[tuple[str, str]] = Counter()
    for p in harmless:
        note = HARMLESS_NOTE.match(p.note)
        assert note and note[1] in CATEGORIES, p.id
        resembled[(p.lang, note[1])] += 1
    assert all(resembled[cell] >= 8 for cell in CELLS), resembled
