"""Text normalisation and word-boundary matching for French and English.

Every detector compares *normalised* text: case-folded, without accents, with one kind of
apostrophe and hyphen and single spaces. `normalize_with_map` also returns, for each normalised
character, the index of the original character it came from, so that a match found in the
normalised text can be reported (and masked) at its place in the original text.

Word boundaries: a phrase whose first (last) character is a letter or digit only matches where the
text has no letter or digit just before (after) it. So "SQL" matches "SQL," and "(SQL)" but not
"MySQLi" nor "SQLite"; "Java" does not match "JavaScript". Inside a phrase, a space matches a space
or a hyphen ("machine learning" matches "machine-learning") and a hyphen matches a hyphen, a space
or nothing ("e-mail", "e mail", "email").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "NameMatch",
    "contains_phrase",
    "headline_matches",
    "match_keywords",
    "name_matches",
    "normalize",
    "normalize_with_map",
    "original_span",
    "phrase_pattern",
]

_APOSTROPHES = frozenset("'`´ʹʻʼʽˈ‘’‚‛′＇")
_HYPHENS = frozenset("-‐‑‒–—―−﹘﹣－")
# Letters that NFKD does not decompose but that people type without the accent anyway.
_LIGATURES = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i"}


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """The normalised form of one non-space character ("" when it carries no letter)."""
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    category = unicodedata.category(char)
    if category == "Cf" or category == "Mn" or category == "Me":
        # Zero-width and bidi controls, soft hyphens, lone accents: invisible, and a way to dodge
        # a word list ("c\u200bonnard").
        return ""
    if category == "Cc":
        return " "
    folded = _LIGATURES.get(char.casefold(), char.casefold())
    decomposed = unicodedata.normalize("NFKD", folded)
    # Drop what a second pass would drop too (marks, format characters), so that normalising
    # twice changes nothing: some decompositions yield marks of combining class 0.
    out = "".join(
        c
        for c in decomposed
        if not unicodedata.combining(c) and unicodedata.category(c) not in ("Mn", "Me", "Cf")
    ).casefold()
    out = "".join(_LIGATURES.get(c, c) for c in out)  # "Ǣ" decomposes to "æ", then "ae"
    return "".join(
        "'" if c in _APOSTROPHES else "-" if c in _HYPHENS else " " if c.isspace() else c
        for c in out
    )


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise `text` and map each output character to the index of its source character."""
    out: list[str] = []
    index: list[int] = []
    pending_space = False
    for position, char in enumerate(text):
        folded = " " if char.isspace() else _fold_char(char)
        for piece in folded:
            if piece == " ":
                pending_space = bool(out)
                continue
            if pending_space:
                out.append(" ")
                index.append(position)
                pending_space = False
            out.append(piece)
            index.append(position)
    return "".join(out), index


def normalize(text: str) -> str:
    """Case-fold, strip accents (NFKD), unify apostrophes and hyphens, collapse whitespace."""
    return normalize_with_map(text)[0]


def original_span(text: str, index: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of `text` that normalised characters `start:end` came from."""
    if not index or start >= end:
        return (0, 0)
    first = index[start]
    last = index[end - 1] + 1
    # A decomposed accent ("e" + U+0301) belongs with the letter before it.
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last


def _word_pattern(word: str, *, wildcards: bool) -> str:
    parts: list[str] = []
    for char in word:
        if char == "*" and wildcards:
            parts.append(r"\w*")
        elif char == "-":
            parts.append(r"[- ]?")
        elif char == "'":
            parts.append(r"' ?")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


@functools.lru_cache(maxsize=2048)
def phrase_pattern(phrase: str, *, wildcards: bool = False) -> str:
    """A regex source matching `phrase` on word boundaries in normalised text ("" if empty).

    With `wildcards`, a `*` at the end of a word stands for any word ending ("bourr*").
    """
    norm = normalize(phrase)
    if not norm:
        return ""
    body = "[ -]".join(_word_pattern(word, wildcards=wildcards) for word in norm.split(" "))
    head = r"(?<!\w)" if norm[0].isalnum() else ""
    if norm[-1].isalnum() or (wildcards and norm.endswith("*")):
        # "C" must not match the C of "C++" or "C#"; a lone letter not an elision ("c'est").
        tail = r"(?!\w|\+\+|#)"
        if len(norm) == 1:
            tail += r"(?!'\w)"
    else:
        tail = ""
    return head + body + tail


@functools.lru_cache(maxsize=2048)
def _compiled(phrase: str) -> re.Pattern[str] | None:
    source = phrase_pattern(phrase)
    return re.compile(source) if source else None


def contains_phrase(haystack_norm: str, phrase: str) -> bool:
    """Whether `phrase` occurs on word boundaries in `haystack_norm` (a `normalize` output)."""
    pattern = _compiled(phrase)
    return pattern is not None and pattern.search(haystack_norm) is not None


def match_keywords(text: str, keywords: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split `keywords` into those found in `text` and those missing, as spelled and ordered.

    Blank keywords are ignored, and a keyword equal to an earlier one once normalised ("Python"
    after "python") is dropped, so a profile's list can be sloppy without skewing a score.
    """
    haystack = normalize(text)
    found: list[str] = []
    missing: list[str] = []
    seen: set[str] = set()
    for keyword in keywords:
        key = normalize(keyword)
        if not key or key in seen:
            continue
        seen.add(key)
        (found if contains_phrase(haystack, keyword) else missing).append(keyword)
    return found, missing


# --- names ---------------------------------------------------------------------------------

NameMatchKind = Literal["exact", "initials", "partial", "none"]
_PARTICLES = frozenset(
    {"de", "du", "des", "d'", "la", "le", "les", "van", "von", "der", "den", "da", "di", "del"}
)


@dataclass(frozen=True)
class NameMatch:
    """How a person's name was found in a text, and where (offsets in the original text).

    exact: given and family names ("Camille Martin", "MARTIN Camille", "Martin, Camille");
    initials: one side abbreviated with a dot ("C. Martin", "J.-P. Martin", "Camille M.");
    partial: the family name alone; none: not found.
    """

    kind: NameMatchKind
    matched: str = ""
    start: int = -1
    end: int = -1

    @property
    def found(self) -> bool:
        return self.kind != "none"


_JOIN = r"(?: ?- ?| )"  # between the parts of "Jean-Pierre" / "Jean Pierre" / "Jean - Pierre"


def _split_name(full_name: str) -> tuple[list[str], list[str]]:
    """Given-name parts and family-name parts, each hyphenated name split into its pieces."""
    norm = normalize(full_name)
    if "," in norm:  # "Martin, Camille"
        family_text, _, given_text = norm.partition(",")
        words = [*given_text.split(), *family_text.split()]
        family_from = len(given_text.split())
    else:
        words = norm.split()
        family_from = len(words) - 1
        for i in range(1, len(words) - 1):
            if words[i] in _PARTICLES or words[i].startswith("d'"):
                family_from = i
                break
    if len(words) <= 1:
        family_from = 0
    pieces = [[p for p in re.split(r"[-\s]+", w) if p and p != "."] for w in words]
    given = [p for w in pieces[:family_from] for p in w]
    family = [p for w in pieces[family_from:] for p in w]
    return given, family


def _full(parts: Sequence[str]) -> str:
    return _JOIN.join(re.escape(p) for p in parts)


def _initials(parts: Sequence[str]) -> str:
    # "J.-P.", "J.P.", "J-P.", "J. P." ; at least the final dot is required to keep "a Martin"
    # (French "has") from reading as "A. Martin".
    letters = [re.escape(p[0]) for p in parts if p[0].isalnum()]
    if not letters:
        return ""
    parts = [rf"{letter}\.?" for letter in letters[:-1]] + [rf"{letters[-1]}\."]
    return r"(?: ?-? ?)".join(parts)


def _bounded(source: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){source}(?!\w)")


def name_matches(text: str, full_name: str) -> NameMatch:
    """Find `full_name` in `text`, tolerating case, accents, initials, order and hyphens."""
    given, family = _split_name(full_name)
    if not family:
        return NameMatch("none")
    norm, index = normalize_with_map(text)
    fam = _full(family)
    candidates: list[tuple[NameMatchKind, str]] = []
    if given:
        first = _full(given)
        candidates.append(("exact", rf"(?:{first} {fam}|{fam},? {first})"))
        given_initials = _initials(given)
        family_initial = _initials(family[-1:])
        alternatives = [rf"{first} {family_initial}", rf"{fam},? {given_initials}"]
        if given_initials:
            alternatives.insert(0, rf"{given_initials} ?{fam}")
        candidates.append(("initials", "(?:" + "|".join(alternatives) + ")"))
        candidates.append(("partial", fam))
    else:
        candidates.append(("exact", fam))
    for kind, source in candidates:
        match = _bounded(source).search(norm)
        if match:
            start, end = original_span(text, index, match.start(), match.end())
            return NameMatch(kind, text[start:end], start, end)
    return NameMatch("none")


# --- headline vs target role ------------------------------------------------------------------

_STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "chez",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
        "dans",
        "an",
        "and",
        "at",
        "for",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "as",
        "by",
        "from",
        "h",
        "f",
        "m",
        "hf",
        "fh",
        "mf",
        "fm",
        "x",
    ]
)


def _significant(text: str) -> set[str]:
    words = re.findall(r"[^\W_]+(?:\+\+|#)?", normalize(text))
    # Light plural folding ("analystes" ~ "analyste"); no stemming beyond that.
    return {w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words if w not in _STOP_WORDS}


def headline_matches(headline: str, target_role: str) -> bool:
    """Whether at least half of the role's significant words appear in the headline."""
    role = _significant(target_role)
    if not role:
        return False
    shared = role & _significant(headline)
    return 2 * len(shared) >= len(role)
