"""A counsellor's own word list merged into the bundled lexicon (pure).

Rules (docs/detection.md, "Extending the lexicon"): the extra file only ever adds.
- A category with a new id is added whole, after the bundled ones.
- A category with a bundled id adds its terms to that category, per language (a new language is
  added too); the bundled label, advice, severity, `offensive` and `item` stand. Its own terms keep
  the severity the file gives them. An `info` category and a scored one never mix: that is an
  error with the key path in the extra file.
- A term already in the bundled list (after normalisation) is skipped: bundled terms, and their
  context lists, cannot be removed or changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ereputation.detect.normalise import normalize
from ereputation.detect.risk_terms import (
    Lexicon,
    LexiconError,
    RiskCategory,
    Term,
    _compile,  # the one compiler of a category's regexes; a merged lexicon needs it again
)
from ereputation.errors import Problem
from ereputation.tomlfile import key_path

__all__ = ["Merge", "merge_lexicons", "term_count"]


@dataclass(frozen=True)
class Merge:
    """The merged lexicon, what the extra file added and what it repeated.

    `added` and `repeated` are (category id, language, term text), in the extra file's order.
    """

    lexicon: Lexicon
    added: tuple[tuple[str, str, str], ...]
    repeated: tuple[tuple[str, str, str], ...]


def term_count(lexicon: Lexicon) -> int:
    """Terms across every category and language."""
    return sum(len(terms) for c in lexicon.categories for terms in c.terms.values())


def merge_lexicons(base: Lexicon, extra: Lexicon, source: str = "") -> Merge:
    """`base` with `extra`'s categories and terms added (see the module's rules).

    `source` prefixes the key paths of conflicts (the extra file's name); conflicts are raised
    together as a `LexiconError`.
    """
    problems: list[Problem] = []
    prefix = f"{source}: " if source else ""
    merged: dict[str, RiskCategory] = {c.id: c for c in base.categories}
    order = [c.id for c in base.categories]
    added: list[tuple[str, str, str]] = []
    repeated: list[tuple[str, str, str]] = []
    for index, category in enumerate(extra.categories):
        bundled = merged.get(category.id)
        if bundled is None:
            merged[category.id] = category
            order.append(category.id)
            added.extend(
                (category.id, lang, t.text) for lang, terms in category.terms.items() for t in terms
            )
            continue
        if bundled.informational != category.informational:
            where = key_path(key_path("categories", index), "severity")
            kind = "an 'info'" if bundled.informational else "a scored"
            problems.append(
                Problem(
                    prefix + where,
                    f"{category.id!r} is {kind} category in the bundled lexicon: "
                    "use the same kind of severity, or a new category id",
                )
            )
            continue
        terms, new, same = _added_terms(bundled.terms, category)
        merged[category.id] = replace(bundled, terms=terms)
        added.extend(new)
        repeated.extend(same)
    if problems:
        raise LexiconError(problems)
    categories = tuple(merged[cid] for cid in order)
    compiled = {
        (c.id, lang): _compile(terms) for c in categories for lang, terms in c.terms.items()
    }
    # The bundled rules stand; a counsellor's file adds words, its own rules only when alone.
    rules = base.rules if base.rules is not None else extra.rules
    lexicon = Lexicon(max(base.version, extra.version), categories, compiled, rules)
    return Merge(lexicon, tuple(added), tuple(repeated))


def _added_terms(
    bundled: Mapping[str, tuple[Term, ...]], category: RiskCategory
) -> tuple[dict[str, tuple[Term, ...]], list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    terms = dict(bundled)
    new: list[tuple[str, str, str]] = []
    same: list[tuple[str, str, str]] = []
    for lang, extra_terms in category.terms.items():
        known = {normalize(t.text) for t in terms.get(lang, ())}
        kept: list[Term] = []
        for term in extra_terms:
            if normalize(term.text) in known:
                same.append((category.id, lang, term.text))
                continue
            kept.append(term)
            new.append((category.id, lang, term.text))
        terms[lang] = (*terms.get(lang, ()), *kept)
    return terms, new, same
