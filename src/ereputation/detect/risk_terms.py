"""Risky wording in visible text, from word lists kept as data (`checklists/risk_terms.toml`).

The lexicon holds the content (categories, labels, advice, terms per language); this module holds
the mechanism: validation with key paths, one compiled regex per category and language, matching
on normalised text (see `matching`), and masked excerpts. Categories whose severity is "info"
(political, religious) are facts a person may want to weigh, never faults.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ereputation.detect.excerpt import mask_excerpt
from ereputation.detect.masking import EXCERPT_WIDTH, mask_term
from ereputation.detect.matching import phrase_pattern as _phrase_pattern
from ereputation.detect.normalise import normalize, normalize_with_map, original_span, shown
from ereputation.detect.patterns import (
    grouped_by_first_letter,
    is_pattern,
    pattern_source,
    pattern_syntax,
    word_syntax,
)
from ereputation.detect.rules import RuleBook, RulesError, load_rules
from ereputation.errors import InputError, Problem
from ereputation.tomlfile import Table, key_path, load_toml
from ereputation.vocabulary import SEVERITIES, Severity

__all__ = [
    "LEXICON_SEVERITIES",
    "Lexicon",
    "LexiconError",
    "RiskCategory",
    "RiskMatch",
    "Term",
    "find_risk_terms",
    "load_lexicon",
    "parse_lexicon",
]

# A word alone never sinks a profile: "critical" is kept for what checks conclude.
LEXICON_SEVERITIES: tuple[Severity, ...] = tuple(s for s in SEVERITIES if s != "critical")
DEFAULT_MAX_PER_CATEGORY = 5
DEFAULT_NEAR_WINDOW = 60
_LANGUAGE = r"[a-z]{2}"
_ID = r"[a-z0-9_]+"


class LexiconError(InputError):
    """A risk lexicon that cannot be used; every problem is listed with its key path."""


@dataclass(frozen=True)
class Term:
    """One entry of a word list.

    `text` as written in the lexicon ("bourr*" stands for any word starting with "bourr"), or a
    phrase pattern with slots and gaps ("{je|j'} vais ... {tuer|buter}", see `patterns`);
    `near`: when given, the term only counts if one of these words is within `window` characters
    (a sick leave is only a risk next to a party); `unless`: the term does not count when one of
    these words is within `window` characters (a "campagne de prévention" about drunk driving).
    """

    text: str
    severity: Severity
    near: tuple[str, ...] = ()
    window: int = DEFAULT_NEAR_WINDOW
    unless: tuple[str, ...] = ()

    @property
    def pattern(self) -> bool:
        return is_pattern(self.text)


@dataclass(frozen=True)
class RiskCategory:
    """A theme of the lexicon (alcohol, insults...), its texts and its terms per language."""

    id: str
    label: Mapping[str, str]
    severity: Severity
    advice: Mapping[str, str]
    terms: Mapping[str, tuple[Term, ...]]
    # Offensive words (and their context words: "mon patron est un con") are masked in every
    # excerpt they appear in, not only in their own.
    offensive: bool = False
    # The checklist item this content bears on ("sensitive_posts"): a finding on a page and the
    # item's action then become one action, the page's excerpt as its evidence.
    item: str | None = None

    @property
    def informational(self) -> bool:
        """Information to weigh (opinions, beliefs), not a fault."""
        return self.severity == "info"


@dataclass(frozen=True)
class _Compiled:
    """The regexes of one category in one language; group i+1 of a pattern is terms[i]."""

    plain: re.Pattern[str] | None
    plain_terms: tuple[Term, ...]
    contextual: re.Pattern[str] | None
    contextual_terms: tuple[Term, ...]
    near: tuple[re.Pattern[str] | None, ...]  # one per contextual term
    unless: tuple[re.Pattern[str] | None, ...]  # one per contextual term


@dataclass(frozen=True)
class Lexicon:
    version: int
    categories: tuple[RiskCategory, ...]
    _compiled: Mapping[tuple[str, str], _Compiled] = field(
        default_factory=dict, repr=False, compare=False
    )
    # Word classes combined by rules (`detect.rules`), named by the lexicon's `rules` key.
    rules: RuleBook | None = field(default=None, compare=False)

    def category(self, category_id: str) -> RiskCategory:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(category_id)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(sorted({lang for c in self.categories for lang in c.terms}))


@dataclass(frozen=True)
class RiskMatch:
    """A risky term found in a text: `start:end` in the original text, excerpt already masked.

    `term` is the lexicon entry that matched (a word, a phrase or a pattern); `trigger` the words
    of the text that set it off, masked like the excerpt, with the context word that a `near`
    rule required ("a••••t m••••••e + s••••e"). Print `term_masked`, `trigger` or
    `excerpt_masked`, never the raw text, so that a report does not repeat an insult in full.
    A rule of word classes (`detect.rules`) is named by `rule` ("boss_contempt: BOSS_EMPLOYER +
    CONTEMPT"), its `term` being the rule's id, and `trigger` has the words of each class.
    """

    category: str
    term: str
    severity: Severity
    excerpt_masked: str
    start: int
    end: int
    trigger: str = ""
    rule: str = ""

    @property
    def pattern(self) -> bool:
        """Whether a phrase pattern, not a word or phrase of the list, found it."""
        return is_pattern(self.term)

    @property
    def term_masked(self) -> str:
        return mask_term(self.term.replace("*", ""))


# --- loading and validation -------------------------------------------------------------------


def load_lexicon(path: Path) -> Lexicon:
    """Read and validate a lexicon file; problems are raised together as a `LexiconError`."""
    data = load_toml(Path(path), LexiconError)
    try:
        return parse_lexicon(data, Path(path).parent)
    except RulesError as exc:
        raise LexiconError(exc.problems) from None
    except LexiconError as exc:
        raise LexiconError(Problem(f"{path}: {p.where}", p.message) for p in exc.problems) from None


def parse_lexicon(data: Mapping[str, Any], directory: Path | None = None) -> Lexicon:
    """Validate already parsed TOML data into a `Lexicon` (pure, for tests and other sources).

    A `rules` key names a rules file beside the lexicon (`detect.rules`), read from `directory`.
    """
    problems: list[Problem] = []
    root = Table(data, "", problems)
    version = root.number("version", required=True, minimum=1, maximum=1)
    rules_name = root.string(
        "rules", pattern=r"[\w.-]+\.toml", hint=" (a .toml file name beside the lexicon)"
    )
    if not root.has("categories"):
        root.problem("categories", "is required")
    elif root.raw("categories") == []:
        root.problem("categories", "must hold at least one category")
    categories = root.each("categories", lambda table: _category(table, problems))
    root.finish()
    seen: set[str] = set()
    for index, category in enumerate(categories):
        if category.id in seen:
            where = key_path(key_path("categories", index), "id")
            problems.append(Problem(where, f"duplicate category id {category.id!r}"))
        seen.add(category.id)
    if problems:
        raise LexiconError(problems)
    rules = None
    if rules_name is not None:
        if directory is None:
            problem = Problem("rules", "a rules file is only read beside a lexicon file")
            raise LexiconError([problem])
        rules = load_rules(directory / rules_name, seen)  # its problems name its own file
    compiled = {
        (category.id, lang): _compile(terms)
        for category in categories
        for lang, terms in category.terms.items()
    }
    return Lexicon(int(version or 1), tuple(categories), compiled, rules)


def _localised(table: Table, key: str) -> dict[str, str]:
    sub = table.table(key, required=True)
    if sub is None:
        return {}
    texts: dict[str, str] = {}
    for lang in ("fr", "en"):
        value = sub.string(lang, required=True)
        if value:
            texts[lang] = value
    for lang in sub.data:
        if lang not in ("fr", "en"):
            value = sub.string(lang, required=True, pattern=None)
            if value and re.fullmatch(_LANGUAGE, lang):
                texts[lang] = value
            elif value:
                sub.problem(lang, "is not a two-letter language code")
    sub.finish()
    return texts


def _category(table: Table, problems: list[Problem]) -> RiskCategory | None:
    category_id = table.string("id", required=True, pattern=_ID, hint=" (use a-z, 0-9 and _)")
    severity = table.string("severity", required=True, choices=LEXICON_SEVERITIES)
    label = _localised(table, "label")
    advice = _localised(table, "advice")
    offensive = table.boolean("offensive", default=False)
    item = table.string("item", pattern=_ID, hint=" (a checklist item id)")
    terms_table = table.table("terms", required=True)
    terms: dict[str, tuple[Term, ...]] = {}
    if terms_table is not None:
        for lang, values in terms_table.data.items():
            terms_table.raw(lang)  # mark as seen
            where = key_path(terms_table.path, lang)
            if not re.fullmatch(_LANGUAGE, lang):
                problems.append(Problem(where, "is not a two-letter language code"))
                continue
            if not isinstance(values, list) or not values:
                problems.append(Problem(where, "must be a non-empty array of terms"))
                continue
            if severity is not None:
                terms[lang] = _terms(values, where, cast(Severity, severity), problems)
        if not terms_table.data:
            terms_table.problem(None, "must list terms for at least one language")
    if category_id is None or severity is None or not label or not advice:
        return None
    return RiskCategory(
        category_id, label, cast(Severity, severity), advice, terms, offensive, item
    )


def _terms(
    values: list[Any], where: str, default: Severity, problems: list[Problem]
) -> tuple[Term, ...]:
    out: list[Term] = []
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        here = key_path(where, index)
        term = _term(value, here, default, problems)
        if term is None:
            continue
        key = normalize(term.text)
        if key in seen:
            problems.append(Problem(here, f"{term.text!r} repeats entry {seen[key]}"))
            continue
        seen[key] = index
        out.append(term)
    return tuple(out)


def _term(value: Any, where: str, default: Severity, problems: list[Problem]) -> Term | None:
    if isinstance(value, str):
        error = _term_syntax(value)
        if error:
            problems.append(Problem(where, error))
            return None
        return Term(value.strip(), default)
    if not isinstance(value, dict):
        problems.append(Problem(where, "must be a string or a table with 'term'"))
        return None
    table = Table(value, where, problems)
    text = table.string("term", required=True)
    severity = table.string("severity", choices=LEXICON_SEVERITIES) or default
    near = table.strings("near", limit=50)
    unless = table.strings("unless", limit=50)
    window = table.number("window", minimum=10, maximum=500)
    table.finish()
    if text is None:
        return None
    ok = True
    context = [*((n, "near") for n in near), *((u, "unless") for u in unless)]
    for check, key in [(text, "term"), *context]:
        error = _term_syntax(check)
        if error:
            table.problem(key, error)
            ok = False
    if (severity == "info") != (default == "info"):
        table.problem("severity", "'info' terms belong in 'info' categories, and only there")
        ok = False
    if not ok:
        return None
    size = int(window) if window is not None else DEFAULT_NEAR_WINDOW
    return Term(text.strip(), cast(Severity, severity), near, size, unless)


def _term_syntax(text: str) -> str:
    """Why `text` cannot be a term ("" when it can)."""
    if is_pattern(text):
        error = pattern_syntax(text)
        return f"{text!r}: {error}" if error else ""
    norm = normalize(text)
    if not norm:
        return "must not be empty"
    if len(norm) > 80:
        return "is longer than 80 characters"
    return word_syntax(text)


def _alternation(terms: Iterable[Term]) -> tuple[re.Pattern[str] | None, tuple[Term, ...]]:
    # Longest first: at one position "arret maladie" must win over "arret"; a listed phrase before
    # a pattern, so that a finding names the plainest entry ("je hais mon boulot").
    ordered = tuple(sorted(terms, key=lambda t: (t.pattern, -len(normalize(t.text)))))
    if not ordered:
        return None, ()
    sources = [
        pattern_source(t.text) if t.pattern else _phrase_pattern(t.text, wildcards=True)
        for t in ordered
    ]
    head = r"(?<!\w)"
    if all(source.startswith(head) for source in sources):
        # One boundary check per position instead of one per term, and one alternation per
        # first letter: many times faster.
        bodies = [(s[len(head) :], t.text) for s, t in zip(sources, ordered, strict=True)]
        alternation, order = grouped_by_first_letter(bodies, capture=True)
        return re.compile(head + alternation), tuple(ordered[i] for i in order)
    return re.compile("|".join(f"({source})" for source in sources)), ordered


def _any(words: tuple[str, ...]) -> re.Pattern[str] | None:
    if not words:
        return None
    sources = (
        pattern_source(w) if is_pattern(w) else _phrase_pattern(w, wildcards=True) for w in words
    )
    return re.compile("|".join(sources))


def _compile(terms: tuple[Term, ...]) -> _Compiled:
    plain, plain_terms = _alternation(t for t in terms if not t.near and not t.unless)
    contextual, contextual_terms = _alternation(t for t in terms if t.near or t.unless)
    near = tuple(_any(t.near) for t in contextual_terms)
    unless = tuple(_any(t.unless) for t in contextual_terms)
    return _Compiled(plain, plain_terms, contextual, contextual_terms, near, unless)


# --- matching ---------------------------------------------------------------------------------


class _NearIndex:
    """Positions of each context list in the text, computed once and looked up by bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.cache: dict[int, tuple[list[int], list[int]]] = {}

    def near(
        self, pattern: re.Pattern[str], start: int, end: int, window: int
    ) -> tuple[int, int] | None:
        """The closest context word within `window` characters of `start:end`, if any."""
        key = id(pattern)
        if key not in self.cache:
            spans = [(m.start(), m.end()) for m in pattern.finditer(self.text)]
            self.cache[key] = ([s for s, _ in spans], [e for _, e in spans])
        starts, ends = self.cache[key]
        # Inside the match: a pattern's gap may hold it ("piqué une crise au supermarché")...
        k = bisect.bisect_left(starts, start)
        if k < len(starts) and starts[k] < end and (starts[k], ends[k]) != (start, end):
            return starts[k], ends[k]
        # A context word after the term (the usual order: "mon patron est un con")...
        j = bisect.bisect_left(starts, end)
        if j < len(starts) and starts[j] <= end + window:
            return starts[j], ends[j]
        # ...or ending before it.
        i = bisect.bisect_right(ends, start) - 1
        if i >= 0 and ends[i] >= start - window:
            return starts[i], ends[i]
        return None


# start, end, the entry, the context words' spans, and the rule that fired ("" for a term).
_Hit = tuple[int, int, Term, "tuple[tuple[int, int], ...]", str]


def _matches(compiled: _Compiled, norm: str, near: _NearIndex) -> list[_Hit]:
    found: list[_Hit] = []
    if compiled.plain is not None:
        for m in compiled.plain.finditer(norm):
            found.append((m.start(), m.end(), compiled.plain_terms[(m.lastindex or 1) - 1], (), ""))
    if compiled.contextual is not None:
        for m in compiled.contextual.finditer(norm):
            index = (m.lastindex or 1) - 1
            term = compiled.contextual_terms[index]
            veto = compiled.unless[index]
            if veto is not None and near.near(veto, m.start(), m.end(), term.window):
                continue
            wanted = compiled.near[index]
            context = None if wanted is None else near.near(wanted, m.start(), m.end(), term.window)
            if wanted is None or context is not None:
                spans = () if context is None else (context,)
                found.append((m.start(), m.end(), term, spans, ""))
    return found


def _rule_hits(lexicon: Lexicon, norm: str, languages: Sequence[str]) -> dict[str, list[_Hit]]:
    """What the lexicon's rules find, per category; the anchor class stands for the finding."""
    out: dict[str, list[_Hit]] = {}
    if lexicon.rules is None:
        return out
    severities = {c.id: c.severity for c in lexicon.categories}
    for hit in lexicon.rules.find(norm, languages):
        rule = hit.rule
        term = Term(rule.id, rule.severity or severities.get(rule.category, "medium"))
        (start, end), *context = hit.spans
        out.setdefault(rule.category, []).append((start, end, term, tuple(context), rule.described))
    return out


def _extent(hit: _Hit) -> tuple[int, int]:
    starts = [hit[0], *(s for s, _ in hit[3])]
    ends = [hit[1], *(e for _, e in hit[3])]
    return min(starts), max(ends)


def _with_rules(terms: list[_Hit], rules: list[_Hit]) -> list[_Hit]:
    """Term hits (sorted, not overlapping) and the rule hits whose words overlap none of them
    nor each other: a listed term names the plainest entry, and one sentence is one finding."""
    if not rules:
        return terms
    taken = [(h[0], h[1]) for h in terms]
    out = list(terms)
    for hit in sorted(rules, key=lambda h: (_extent(h), h[4])):
        first, last = _extent(hit)
        i = bisect.bisect_left(taken, (first, -1))
        if (i < len(taken) and taken[i][0] < last) or (i > 0 and taken[i - 1][1] > first):
            continue
        taken.insert(i, (first, last))
        out.append(hit)
    out.sort(key=lambda h: (h[0], -h[1]))
    return out


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans merged ("boulot de merde" and "merde" mask as one)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _masked_words(text: str, start: int, end: int) -> str:
    """The words of `text[start:end]` on one line, each masked as excerpts mask them."""
    return " ".join(mask_term(word) for word in shown(text[start:end]).split())


def find_risk_terms(
    text: str,
    lexicon: Lexicon,
    languages: Iterable[str] = ("fr", "en"),
    *,
    max_per_category: int = DEFAULT_MAX_PER_CATEGORY,
    regions: Sequence[str] = (),
) -> list[RiskMatch]:
    """Risky terms in `text`, sorted by position, at most `max_per_category` per category (the
    first ones in the text). Both languages are searched by default: pages mix them.

    Each excerpt masks the term, personal data, and any word of an `offensive` category (with
    its context word) that falls inside it.
    """
    if not isinstance(text, str) or not text or max_per_category <= 0:
        return []
    wanted = tuple(dict.fromkeys(languages))
    norm, index = normalize_with_map(text)
    near = _NearIndex(norm)
    by_rule = _rule_hits(lexicon, norm, wanted)
    reported: list[tuple[str, _Hit]] = []
    sensitive: list[tuple[int, int]] = []  # spans never to print in full, in normalised offsets
    for category in lexicon.categories:
        hits: list[_Hit] = []
        for lang in wanted:
            compiled = lexicon._compiled.get((category.id, lang))
            if compiled is not None:
                hits.extend(_matches(compiled, norm, near))
        hits.sort(key=lambda h: (h[0], -h[1]))
        kept: list[_Hit] = []
        for hit in hits:
            if kept and hit[0] < kept[-1][1]:  # the same words matched in two languages
                continue
            kept.append(hit)
        kept = _with_rules(kept, by_rule.get(category.id, []))
        for hit in kept:
            if category.offensive:
                sensitive.append((hit[0], hit[1]))
                sensitive.extend(hit[3])
        reported.extend((category.id, hit) for hit in kept[:max_per_category])
    spans = _union(original_span(text, index, s, e) for s, e in sensitive)
    starts = [s for s, _ in spans]
    results: list[RiskMatch] = []
    for category_id, (start, end, term, context, rule) in reported:
        first, last = original_span(text, index, start, end)
        lo = bisect.bisect_left(starts, first - EXCERPT_WIDTH)
        hi = bisect.bisect_right(starts, last + EXCERPT_WIDTH)
        excerpt = mask_excerpt(text, (first, last), also_mask=spans[lo:hi], regions=regions)
        trigger = _masked_words(text, first, last)
        for span in context:
            trigger += " + " + _masked_words(text, *original_span(text, index, *span))
        results.append(
            RiskMatch(category_id, term.text, term.severity, excerpt, first, last, trigger, rule)
        )
    results.sort(key=lambda r: (r.start, r.end, r.category))
    return results
