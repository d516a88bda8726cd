"""Risky content found by meaning: word classes combined by rules (`checklists/risk_rules.toml`).

A word list finds "bourré"; it cannot list every way of saying "I was drunk" or "my boss is a
joke". Rules name *classes* of words instead (INTOXICATED, BOSS_EMPLOYER, CONTEMPT...), each a
list per language written like lexicon terms (`*` endings, `{a|b}` slots), and say which classes
must occur together, how close, and which look-alike contexts veto them:

    [classes.BOSS_EMPLOYER]
    fr = ["mon chef", "ma boîte", "n+1", ...]
    en = ["my boss", "my manager", ...]

    [[rules]]
    id = "boss_contempt"
    category = "employer_disparagement"
    all = ["BOSS_EMPLOYER", "CONTEMPT"]  # every class, the first one is where the finding is
    window = 8                           # words between any two of them, in one sentence
    unless = ["PRAISE"]                  # none of these within `unless_window` words (default 15)
    not_after = ["NEGATION"]             # none of these in the 3 words before a required word

A class may also list words for both languages under `any` (emojis, "lol"). A rule fires in a
language when each of its required classes has words in it. Every class is compiled once per
language into one regex, and a text is scanned once per class: the cost does not grow with the
number of rules. Pure: `parse_rules` validates parsed data, `load_rules` reads a file.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ereputation.detect.matching import phrase_pattern
from ereputation.detect.patterns import (
    grouped_by_first_letter,
    is_pattern,
    pattern_source,
    pattern_syntax,
    word_syntax,
)
from ereputation.errors import InputError, Problem
from ereputation.tomlfile import Table, key_path, load_toml
from ereputation.vocabulary import SEVERITIES, Severity

__all__ = [
    "Rule",
    "RuleBook",
    "RuleHit",
    "RulesError",
    "WordClass",
    "load_rules",
    "parse_rules",
]

CLASS_NAME = r"[A-Z][A-Z0-9_]*"
DEFAULT_WINDOW = 8
DEFAULT_UNLESS_WINDOW = 15
NOT_AFTER_WORDS = 3
_RULE_ID = r"[a-z0-9_]+"
_LANGUAGE = r"[a-z]{2}"
_WORD = re.compile(r"\w+")
# A sentence ends on . ! ? (a decimal point "2.5" does not end one) or on a bullet.
_SENTENCE_END = re.compile(r"[.!?…]+(?!\w)|[•|]")


class RulesError(InputError):
    """A rules file that cannot be used; every problem is listed with its key path."""


@dataclass(frozen=True)
class WordClass:
    """A named list of words per language; `any` words count in every language."""

    name: str
    terms: Mapping[str, tuple[str, ...]]

    def words(self, lang: str) -> tuple[str, ...]:
        return (*self.terms.get(lang, ()), *self.terms.get("any", ()))


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    classes: tuple[str, ...]  # required; the first is the anchor, where a finding stands
    window: int = DEFAULT_WINDOW
    unless: tuple[str, ...] = ()
    # 1: every required class in the anchor's sentence; 2: the next or previous one too
    # ("Une femme pilote ? Non merci").
    sentences: int = 1
    unless_window: int = DEFAULT_UNLESS_WINDOW
    not_after: tuple[str, ...] = ()
    severity: Severity | None = None

    @property
    def described(self) -> str:
        """What a finding says triggered it: "boss_contempt: BOSS_EMPLOYER + CONTEMPT"."""
        return f"{self.id}: {' + '.join(self.classes)}"


@dataclass(frozen=True)
class RuleHit:
    """A rule that fired: spans in normalised text, the anchor's first."""

    rule: Rule
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    first_word: int
    last_word: int
    sentence: int


@dataclass(frozen=True)
class RuleBook:
    classes: Mapping[str, WordClass]
    rules: tuple[Rule, ...]
    _compiled: dict[tuple[str, str], re.Pattern[str] | None] = field(
        default_factory=dict, repr=False, compare=False
    )

    def pattern(self, name: str, lang: str) -> re.Pattern[str] | None:
        key = (name, lang)
        if key not in self._compiled:
            self._compiled[key] = _class_pattern(self.classes[name].words(lang))
        return self._compiled[key]

    def find(self, norm: str, languages: Iterable[str]) -> list[RuleHit]:
        """Every rule that fires on `norm` (a `normalize` output), in each language."""
        if not norm or not self.rules:
            return []
        words = [m.start() for m in _WORD.finditer(norm)]
        ends = [m.end() for m in _SENTENCE_END.finditer(norm)]
        hits: list[RuleHit] = []
        for lang in languages:
            scan = _Scan(self, lang, norm, words, ends)
            for rule in self.rules:
                hits.extend(scan.fire(rule))
        return hits


class _Scan:
    """The occurrences of each class in one text and language, found once, looked up by word."""

    def __init__(
        self, book: RuleBook, lang: str, norm: str, words: list[int], ends: list[int]
    ) -> None:
        self.book, self.lang, self.norm, self.words, self.ends = book, lang, norm, words, ends
        self.found: dict[str, tuple[list[_Occurrence], list[int]] | None] = {}

    def _word(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.words, offset) - 1)

    def occurrences(self, name: str) -> tuple[list[_Occurrence], list[int]] | None:
        if name not in self.found:
            pattern = self.book.pattern(name, self.lang)
            if pattern is None:
                self.found[name] = None
            else:
                occurrences = [
                    _Occurrence(
                        m.start(),
                        m.end(),
                        self._word(m.start()),
                        self._word(max(m.start(), m.end() - 1)),
                        bisect.bisect_right(self.ends, m.start()),
                    )
                    for m in pattern.finditer(self.norm)
                    if m.end() > m.start()
                ]
                self.found[name] = (occurrences, [o.first_word for o in occurrences])
        return self.found[name]

    def _near(
        self, name: str, around: _Occurrence, window: int, *, veto: bool = False, sentences: int = 1
    ) -> _Occurrence | None:
        """The closest occurrence of a class within `window` words of `around`.

        A required class must stand on other words than `around`, in its sentence; a veto may
        stand anywhere, on the same words too ("piqué une crise" vetoes "piqué").
        """
        found = self.occurrences(name)
        if found is None:
            return None
        occurrences, firsts = found
        lo = bisect.bisect_left(firsts, around.first_word - window - 8)  # 8: a long phrase
        hi = bisect.bisect_right(firsts, around.last_word + window)
        best: tuple[int, _Occurrence] | None = None
        for other in occurrences[lo:hi]:
            if not veto and (
                (other.start < around.end and around.start < other.end)
                or abs(other.sentence - around.sentence) >= sentences
            ):
                continue
            gap = max(other.first_word - around.last_word, around.first_word - other.last_word)
            if gap <= window and (best is None or gap < best[0]):
                best = (gap, other)
        return best[1] if best else None

    def _negated(
        self, names: Sequence[str], occurrence: _Occurrence, parts: Sequence[_Occurrence]
    ) -> bool:
        """Whether a negation stands just before `occurrence` ("never drunk"); one that belongs
        to another part of the finding ("no shoes, what a night") does not count."""
        for name in names:
            found = self.occurrences(name)
            if found is None:
                continue
            occurrences, firsts = found
            lo = bisect.bisect_left(firsts, occurrence.first_word - NOT_AFTER_WORDS - 4)
            for other in occurrences[lo:]:
                if other.first_word > occurrence.first_word:
                    break
                if any(p.start < other.end and other.start < p.end for p in parts):
                    continue
                if (
                    other.end <= occurrence.start
                    and other.sentence == occurrence.sentence
                    and occurrence.first_word - other.last_word <= NOT_AFTER_WORDS
                ):
                    return True
        return False

    def fire(self, rule: Rule) -> list[RuleHit]:
        if any(self.book.pattern(name, self.lang) is None for name in rule.classes):
            return []
        anchors = self.occurrences(rule.classes[0])
        if anchors is None:
            return []
        hits: list[RuleHit] = []
        for anchor in anchors[0]:
            parts = [anchor]
            for name in rule.classes[1:]:
                other = self._near(name, anchor, rule.window, sentences=rule.sentences)
                if other is None:
                    break
                parts.append(other)
            else:
                if any(self._negated(rule.not_after, part, parts) for part in parts):
                    continue
                if any(
                    self._near(name, anchor, rule.unless_window, veto=True) for name in rule.unless
                ):
                    continue
                hits.append(RuleHit(rule, tuple((p.start, p.end) for p in parts)))
        return hits


def _class_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    # Longest first, so that "my boss" wins over "my" at one position.
    ordered = sorted(set(words), key=lambda w: -len(w))
    sources = [
        pattern_source(w) if is_pattern(w) else phrase_pattern(w, wildcards=True) for w in ordered
    ]
    head = r"(?<!\w)"
    pairs = zip(sources, ordered, strict=True)
    headed = [(s[len(head) :], w) for s, w in pairs if s.startswith(head)]
    others = [f"(?:{s})" for s in sources if s and not s.startswith(head)]
    parts = [head + grouped_by_first_letter(headed)[0]] if headed else []
    return re.compile("|".join(parts + others))


# --- loading and validation -------------------------------------------------------------------


def load_rules(path: Path, categories: Iterable[str] | None = None) -> RuleBook:
    """Read and validate a rules file; problems are raised together as a `RulesError`."""
    data = load_toml(Path(path), RulesError)
    try:
        return parse_rules(data, categories)
    except RulesError as exc:
        raise RulesError(Problem(f"{path}: {p.where}", p.message) for p in exc.problems) from None


def parse_rules(data: Mapping[str, Any], categories: Iterable[str] | None = None) -> RuleBook:
    """Validate parsed TOML data; `categories`, when given, are the ids a rule may name."""
    problems: list[Problem] = []
    root = Table(data, "", problems)
    root.number("version", required=True, minimum=1, maximum=1)
    classes: dict[str, WordClass] = {}
    table = root.table("classes", required=True)
    if table is not None:
        for name in table.data:
            table.raw(name)
            where = key_path("classes", name)
            if not re.fullmatch(CLASS_NAME, name):
                problems.append(Problem(where, "a class name is written in capitals: A-Z, 0-9, _"))
                continue
            value = table.data[name]
            if not isinstance(value, dict):
                problems.append(Problem(where, "must be a table of word lists per language"))
                continue
            word_class = _word_class(name, Table(value, where, problems), problems)
            if word_class is not None:
                classes[name] = word_class
    known = set(categories) if categories is not None else None
    rules = root.each("rules", lambda t: _rule(t, classes, known))
    if not root.has("rules"):
        root.problem("rules", "is required")
    root.finish()
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        if rule.id in seen:
            problems.append(Problem(key_path(key_path("rules", index), "id"), "repeats a rule id"))
        seen.add(rule.id)
    if problems:
        raise RulesError(problems)
    return RuleBook(classes, tuple(rules))


def _word_class(name: str, table: Table, problems: list[Problem]) -> WordClass | None:
    terms: dict[str, tuple[str, ...]] = {}
    for lang in table.data:
        if lang != "any" and not re.fullmatch(_LANGUAGE, lang):
            table.problem(lang, "is not a two-letter language code (or 'any')")
            table.raw(lang)
            continue
        values = table.strings(lang, limit=1000)
        where = key_path(table.path, lang)
        kept: list[str] = []
        for index, value in enumerate(values):
            error = pattern_syntax(value) if is_pattern(value) else word_syntax(value)
            if error:
                problems.append(Problem(key_path(where, index), error))
            else:
                kept.append(value)
        if kept:
            terms[lang] = tuple(kept)
    if not terms:
        table.problem(None, "must list words for at least one language")
        return None
    return WordClass(name, terms)


def _class_list(table: Table, key: str, classes: Mapping[str, WordClass]) -> tuple[str, ...]:
    names = table.strings(key, limit=20)
    for name in names:
        if name not in classes:
            table.problem(key, f"{name!r} is not a class of this file")
    return tuple(n for n in names if n in classes)


def _rule(
    table: Table, classes: Mapping[str, WordClass], categories: set[str] | None
) -> Rule | None:
    rule_id = table.string("id", required=True, pattern=_RULE_ID, hint=" (use a-z, 0-9 and _)")
    category = table.string("category", required=True, pattern=_RULE_ID)
    if category is not None and categories is not None and category not in categories:
        table.problem("category", f"{category!r} is not a category of the lexicon")
        category = None
    required = _class_list(table, "all", classes)
    if not table.has("all") or not table.data.get("all"):
        table.problem("all", "must name at least one class")
    window = table.number("window", minimum=0, maximum=40)
    sentences = table.number("sentences", minimum=1, maximum=2)
    unless = _class_list(table, "unless", classes)
    unless_window = table.number("unless_window", minimum=0, maximum=200)
    not_after = _class_list(table, "not_after", classes)
    severity = table.string("severity", choices=[s for s in SEVERITIES if s != "critical"])
    if rule_id is None or category is None or not required:
        return None
    return Rule(
        rule_id,
        category,
        required,
        window=int(window) if window is not None else DEFAULT_WINDOW,
        unless=unless,
        sentences=int(sentences or 1),
        unless_window=int(unless_window) if unless_window is not None else DEFAULT_UNLESS_WINDOW,
        not_after=not_after,
        severity=cast("Severity | None", severity),
    )
