"""Word-boundary matching for French and English: phrases, keywords, names, headlines.

Every comparison is made on `normalise.normalize`d text (case-folded, without accents or
invisible characters, look-alike letters read as Latin, letter-spaced words joined);
`normalize_with_map` also says where each normalised character came from, so that a match is
reported (and masked) at its place in the original text.

Across languages (`detect/synonyms.py`): a keyword or role also counts as stated by any entry of
its synonym groups ("Analyste de données" for "Data analyst"), and inclusive writing is read as
both the forms it stands for ("Chargé·e d'études" states "chargée d'études" and "chargé d'études").

Word boundaries: a phrase whose first (last) character is a letter or digit only matches where the
text has no letter or digit just before (after) it. So "SQL" matches "SQL," and "(SQL)" but not
"MySQLi" nor "SQLite"; "Java" does not match "JavaScript". Inside a phrase, a space matches a space
or a hyphen ("machine learning" matches "machine-learning") and a hyphen matches a hyphen, a space
or nothing ("e-mail", "e mail", "email").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from ereputation.detect.normalise import normalize, normalize_with_map, original_span, shown
from ereputation.detect.synonyms import Synonyms, forms, readings

__all__ = [
    "KeywordMatch",
    "NameMatch",
    "contains_phrase",
    "find_keywords",
    "headline_matches",
    "match_keywords",
    "name_matches",
    "normalize",
    "normalize_with_map",
    "original_span",
    "phrase_pattern",
]


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


@dataclass(frozen=True)
class KeywordMatch:
    """A keyword as the person wrote it, and the synonym that stated it when not itself."""

    keyword: str
    found: bool
    via: str | None = None  # the synonym the page states, as the trades data writes it

    @property
    def shown(self) -> str:
        """How a report lists it: "Data analyst (analyste de données)" when a synonym matched."""
        return f"{self.keyword} ({self.via})" if self.via else self.keyword


@functools.lru_cache(maxsize=2048)
def _any_of(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for several phrases: a page is read once per keyword, not once per synonym."""
    sources = [phrase_pattern(t) for t in terms]
    sources = [s for s in sources if s]
    return re.compile("|".join(f"(?:{s})" for s in sources)) if sources else None


def _stated(texts: Sequence[str], terms: tuple[str, ...]) -> bool:
    pattern = _any_of(terms)
    return pattern is not None and any(pattern.search(text) for text in texts)


def find_keywords(
    text: str, keywords: Iterable[str], synonyms: Synonyms | None = None
) -> list[KeywordMatch]:
    """Each keyword once, found or not, in the person's order; a synonym counts as the keyword.

    Blank keywords are ignored, and a keyword equal to an earlier one once normalised ("Python"
    after "python") is dropped, so a profile's list can be sloppy without skewing a score.
    """
    texts = readings(normalize(text))
    out: list[KeywordMatch] = []
    seen: set[str] = set()
    for keyword in keywords:
        key = normalize(keyword)
        if not key or key in seen:
            continue
        seen.add(key)
        if _stated(texts, forms(keyword)):
            out.append(KeywordMatch(keyword, True))
            continue
        via = next(
            (s for s in (synonyms.of(keyword) if synonyms else ()) if _stated(texts, forms(s))),
            None,
        )
        out.append(KeywordMatch(keyword, via is not None, via))
    return out


def match_keywords(
    text: str, keywords: Iterable[str], synonyms: Synonyms | None = None
) -> tuple[list[str], list[str]]:
    """Split `keywords` into those found in `text` and those missing, as spelled and ordered;
    one found through a synonym is listed with it ("Data analyst (analyste de données)")."""
    matches = find_keywords(text, keywords, synonyms)
    return [m.shown for m in matches if m.found], [m.keyword for m in matches if not m.found]


# --- names ---------------------------------------------------------------------------------

NameMatchKind = Literal["exact", "initials", "partial", "none"]
_PARTICLES = frozenset(
    {"de", "du", "des", "d'", "la", "le", "les", "van", "von", "der", "den", "da", "di", "del"}
)


@dataclass(frozen=True)
class NameMatch:
    """How a person's name was found in a text, and where (offsets in the original text);
    `matched` as a reader sees it, without invisible characters.

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
            return NameMatch(kind, shown(text[start:end]), start, end)
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
    words: set[str] = set()
    for reading in readings(normalize(text)):
        words.update(re.findall(r"[^\W_]+(?:\+\+|#)?", reading))
    # Light plural folding ("analystes" ~ "analyste"); no stemming beyond that.
    return {w[:-1] if len(w) > 3 and w[-1] in "sx" else w for w in words if w not in _STOP_WORDS}


def _role_words(role: str) -> set[str]:
    """The role's significant words, an inclusive role ("Chargé·e") read in its masculine form."""
    texts = readings(normalize(role))
    return _significant(texts[1] if len(texts) > 1 else texts[0])


def headline_matches(
    headline: str,
    target_role: str,
    *,
    synonyms: Synonyms | None = None,
    aliases: Iterable[str] = (),
) -> bool:
    """Whether the headline states the role: at least half of the role's significant words.

    A word of the role also counts when it belongs to a synonym the role contains ("data
    analyst" in "Senior data analyst") and the headline states any entry of that group
    ("Analyste de données senior"). Each of the person's own `aliases` is a role of its own.
    """
    if any(_half(headline, role) for role in (target_role, *aliases) if role):
        return True
    if not synonyms:
        return False
    role = _role_words(target_role)
    if not role:
        return False
    texts = readings(normalize(headline))
    role_texts = readings(normalize(target_role))
    covered: set[str] = set()
    role_words = {w for t in role_texts for w in re.findall(r"[^\W_]+", t)}
    for form, group in synonyms.entries(role_words):
        if not _stated(role_texts, (form,)) or _significant(form) <= covered:
            continue
        if _stated(texts, tuple(f for entry in group for f in forms(entry))):
            covered |= _significant(form)
    shared = (role & _significant(headline)) | (role & covered)
    return 2 * len(shared) >= len(role)


def _half(headline: str, target_role: str) -> bool:
    role = _role_words(target_role)
    if not role:
        return False
    shared = role & _significant(headline)
    return 2 * len(shared) >= len(role)
