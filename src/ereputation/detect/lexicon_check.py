"""What a counsellor's word list changes on the labelled corpus (pure): the posts it newly
catches and the new false alarms it raises, against the bundled lexicon alone.

A false alarm is a post flagged with a category it does not expect: on a harmless look-alike
(the worst kind: a bartender's job read as drinking), or on a risky post under a wrong category.
Information categories (opinions, faith) are never false alarms, as in `detect.corpus`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from ereputation.detect.corpus import CorpusPost, Evaluation, evaluate
from ereputation.detect.lexicon_merge import Merge
from ereputation.detect.risk_terms import Lexicon, find_risk_terms

__all__ = ["FalseAlarm", "Gain", "LexiconCheck", "Verdict", "check_on_corpus"]

Verdict = Literal["gains", "gains_and_alarms", "alarms", "no_change"]


@dataclass(frozen=True)
class Gain:
    """Posts of one category and language that only the merged lexicon catches."""

    category: str
    lang: str
    caught: tuple[str, ...]  # post ids
    expected: int  # posts of the corpus expecting the category in this language
    found_before: int

    @property
    def found_after(self) -> int:
        return self.found_before + len(self.caught)


@dataclass(frozen=True)
class FalseAlarm:
    """A post the merged lexicon flags with a category it does not expect, and why."""

    post: str
    lang: str
    category: str
    harmless: bool  # a harmless look-alike; else a risky post under a wrong category
    term: str  # the extra file's term that matched, as written there
    excerpt_masked: str


@dataclass(frozen=True)
class LexiconCheck:
    added: int  # terms the file adds
    repeated: tuple[tuple[str, str, str], ...]  # (category, language, term) already bundled
    gains: tuple[Gain, ...]
    alarms: tuple[FalseAlarm, ...]
    # New categories no post of the corpus expects: their recall cannot be measured.
    unmeasured: tuple[str, ...]
    before: Evaluation
    after: Evaluation

    @property
    def verdict(self) -> Verdict:
        if self.gains:
            return "gains_and_alarms" if self.alarms else "gains"
        return "alarms" if self.alarms else "no_change"


def check_on_corpus(base: Lexicon, merge: Merge, posts: Iterable[CorpusPost]) -> LexiconCheck:
    """Evaluate `base` and `merge.lexicon` on `posts` and keep what differs."""
    corpus = tuple(posts)
    before = evaluate(base, corpus)
    after = evaluate(merge.lexicon, corpus)
    found_before = {(s.category, s.lang): s.found for s in before.scores}
    missed_before = {(s.category, s.lang): set(s.missed) for s in before.scores}
    gains = []
    for score in after.scores:
        missed = missed_before.get((score.category, score.lang), set())
        caught = tuple(p for p in sorted(missed) if p not in score.missed)
        if caught:
            key = (score.category, score.lang)
            gains.append(
                Gain(score.category, score.lang, caught, score.expected, found_before[key])
            )
    by_id = {p.id: p for p in corpus}
    old = set(before.false_hits())
    alarms = [
        _alarm(by_id[post_id], category, merge.lexicon)
        for post_id, category in after.false_hits()
        if (post_id, category) not in old
    ]
    alarms.sort(key=lambda a: (not a.harmless, a.lang, a.category, a.post))
    expected = {c for p in corpus for c in p.expect}
    bundled = {c.id for c in base.categories}
    unmeasured = tuple(
        c.id for c in merge.lexicon.categories if c.id not in bundled and c.id not in expected
    )
    return LexiconCheck(
        len(merge.added), merge.repeated, tuple(gains), tuple(alarms), unmeasured, before, after
    )


def _alarm(post: CorpusPost, category: str, lexicon: Lexicon) -> FalseAlarm:
    # The bundled terms did not flag this category here, so whatever matches now is the file's.
    found = [m for m in find_risk_terms(post.text, lexicon, (post.lang,)) if m.category == category]
    term, excerpt = (found[0].term, found[0].excerpt_masked) if found else ("", "")
    return FalseAlarm(post.id, post.lang, category, post.harmless, term, excerpt)
