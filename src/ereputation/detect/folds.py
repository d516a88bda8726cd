"""How the word lists and rules fare on posts they were not written from: a k-fold by vocabulary.

Rules written by hand cannot be refitted on four folds and scored on the fifth. What can be
taken away is what a fold taught: every lexicon term and every word of a rule's class that
occurs in posts of that fold only (in the corpus, in its language). Had the fold never been
read, nobody would have written those entries; the posts of the fold are then scored by the
lexicon without them. Words that occur in no post (written from general knowledge) and words
other folds share stay. Veto words are entries like the others, so a look-alike that only its
own veto kept quiet counts as a false alarm.

Limits: the context lists of a term (`near`, `unless`) stay whole, and the rules themselves
(which classes go together) were written with every fold read. The figure is an estimate of
what new posts in the same styles would give, not a promise.
"""

from __future__ import annotations

import bisect
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from ereputation.detect.corpus import CorpusPost, Evaluation, evaluate, flag
from ereputation.detect.matching import phrase_pattern
from ereputation.detect.normalise import normalize
from ereputation.detect.patterns import is_pattern, pattern_source
from ereputation.detect.risk_terms import Lexicon, RiskCategory, _compile
from ereputation.detect.rules import RuleBook, WordClass

__all__ = ["DEFAULT_FOLDS", "fold_of", "vocabulary_folds"]

DEFAULT_FOLDS = 5
# Between two posts in the joined text: a sentence end, so that no gap of a pattern spans two.
_JOIN = " .\n. "


def fold_of(post_id: str, folds: int = DEFAULT_FOLDS) -> int:
    """A post's fold: stable across runs and machines, independent of the corpus's order."""
    return zlib.crc32(post_id.encode("utf-8")) % folds


def _source(text: str) -> str:
    return pattern_source(text) if is_pattern(text) else phrase_pattern(text, wildcards=True)


class _Support:
    """Which posts each entry occurs in, per language (all posts' texts joined once)."""

    def __init__(self, posts: Sequence[CorpusPost]) -> None:
        self.joined: dict[str, tuple[str, list[int], list[str]]] = {}
        for lang in sorted({p.lang for p in posts} | {"any"}):
            mine = [p for p in posts if lang in ("any", p.lang)]
            starts: list[int] = []
            parts: list[str] = []
            offset = 0
            for post in mine:
                starts.append(offset)
                text = normalize(post.text)
                parts.append(text)
                offset += len(text) + len(_JOIN)
            self.joined[lang] = (_JOIN.join(parts), starts, [p.id for p in mine])
        self.cache: dict[tuple[str, str], frozenset[str]] = {}

    def posts(self, text: str, lang: str) -> frozenset[str]:
        key = (text, lang)
        if key not in self.cache:
            joined, starts, ids = self.joined.get(lang, self.joined["any"])
            source = _source(text)
            hits = re.finditer(source, joined) if source else iter(())
            where = (bisect.bisect_right(starts, m.start()) - 1 for m in hits)
            self.cache[key] = frozenset(ids[i] for i in where)
        return self.cache[key]


def _taught_by(
    lexicon: Lexicon, support: _Support, fold: int, folds: int
) -> tuple[set[tuple[str, str, str]], set[tuple[str, str, str]]]:
    """Lexicon terms and class words (owner, language, text) that only this fold's posts hold."""

    def only_here(text: str, lang: str) -> bool:
        where = support.posts(text, lang)
        return bool(where) and all(fold_of(pid, folds) == fold for pid in where)

    terms = {
        (c.id, lang, t.text)
        for c in lexicon.categories
        for lang, entries in c.terms.items()
        for t in entries
        if only_here(t.text, lang)
    }
    words: set[tuple[str, str, str]] = set()
    if lexicon.rules is not None:
        for word_class in lexicon.rules.classes.values():
            for lang, entries in word_class.terms.items():
                words.update((word_class.name, lang, w) for w in entries if only_here(w, lang))
    return terms, words


def _without(
    lexicon: Lexicon, terms: set[tuple[str, str, str]], words: set[tuple[str, str, str]]
) -> Lexicon:
    categories: list[RiskCategory] = []
    for category in lexicon.categories:
        kept = {
            lang: tuple(t for t in entries if (category.id, lang, t.text) not in terms)
            for lang, entries in category.terms.items()
        }
        categories.append(replace(category, terms=kept))
    compiled = {(c.id, lang): _compile(t) for c in categories for lang, t in c.terms.items()}
    rules = lexicon.rules
    if rules is not None:
        classes: dict[str, WordClass] = {}
        for name, word_class in rules.classes.items():
            kept_words = {
                lang: tuple(w for w in entries if (name, lang, w) not in words)
                for lang, entries in word_class.terms.items()
            }
            classes[name] = WordClass(name, {k: v for k, v in kept_words.items() if v})
        rules = RuleBook(classes, rules.rules)
    return Lexicon(lexicon.version, tuple(categories), compiled, rules)


def vocabulary_folds(
    lexicon: Lexicon, posts: Iterable[CorpusPost], folds: int = DEFAULT_FOLDS
) -> Evaluation:
    """Score every post with the lexicon less what its own fold taught (see the module)."""
    corpus = tuple(posts)
    support = _Support(corpus)
    flagged: dict[str, tuple[str, ...]] = {}
    for fold in range(folds):
        mine = [p for p in corpus if fold_of(p.id, folds) == fold]
        if not mine:
            continue
        terms, words = _taught_by(lexicon, support, fold, folds)
        flagged.update(flag(_without(lexicon, terms, words), mine))
    return evaluate(lexicon, corpus, flagged)


def taught_counts(
    lexicon: Lexicon, posts: Iterable[CorpusPost], folds: int = DEFAULT_FOLDS
) -> Mapping[int, tuple[int, int]]:
    """Per fold, how many lexicon terms and class words only that fold's posts hold."""
    corpus = tuple(posts)
    support = _Support(corpus)
    out: dict[int, tuple[int, int]] = {}
    for fold in range(folds):
        terms, words = _taught_by(lexicon, support, fold, folds)
        out[fold] = (len(terms), len(words))
    return out
