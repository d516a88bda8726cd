"""Phrase patterns of the risk lexicon: a few words with slots, read on normalised text.

A word list finds "bourré"; a pattern finds what people write around it without listing every
combination: "{je|j'} {me suis|m'suis} mis une {race|mine|cuite}". The syntax, kept small on
purpose so that a counsellor can read and write it:

- words are matched as terms are (case, accents and look-alikes ignored, word boundaries);
  a `*` ending a word stands for any ending, after a stem of at least 3 letters ("torch*");
- `{a|b c|d}`: one of the alternatives, each a word or a few words; an empty alternative
  (`{très|}`) makes the slot optional;
- `...`: a gap of up to five words, never across a sentence end (. ! ?);
- between two tokens, a comma, semicolon or colon may stand before the space;
- a word ending in an apostrophe ("j'", "l'", "qu'") joins the next one with or without a
  space, as people type it ("j'me", "j' me").

`pattern_source` gives the regex source (no capturing group, so that a lexicon can put many
patterns in one alternation); `pattern_syntax` says why a text is not a valid pattern.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from ereputation.detect.matching import phrase_pattern
from ereputation.detect.normalise import normalize

__all__ = [
    "GAP",
    "GAP_WORDS",
    "first_letters",
    "grouped_by_first_letter",
    "guarded",
    "is_pattern",
    "pattern_source",
    "pattern_syntax",
    "word_syntax",
]

GAP = "..."
GAP_WORDS = 5
MAX_TOKENS = 16
# Between two tokens: a space or a hyphen, a comma or colon before the space ("les X, tous des
# Y"), or nothing after an elision ("j'me"). A gap word never holds a sentence end.
_SEP = r"(?:(?<=')|(?<=' )|[,;:]? |-)"
_GAP_SOURCE = rf"(?:[,;:]? [^ .!?]+){{0,{GAP_WORDS}}}"
_TOKEN = re.compile(r"\{[^{}]*\}|[^\s{}]+")


def is_pattern(text: str) -> bool:
    """Whether a lexicon entry uses the pattern syntax (a slot or a gap)."""
    return "{" in text or GAP in text or "…" in text


def first_letters(text: str) -> str:
    """The characters a match of the entry `text` (a phrase or a valid pattern) can start with
    on normalised text, sorted; "" when one of them is not an ASCII letter or digit."""
    chars: set[str] = set()
    for first in _alternatives(_tokens(text)[0]) if is_pattern(text) else [text]:
        norm = normalize(first)
        if not norm or not (norm[0].isascii() and norm[0].isalnum()):
            return ""
        chars.add(norm[0])
    return "".join(sorted(chars))


def guarded(source: str, letters: str) -> str:
    """`source` behind a lookahead for the letters its matches start with ("" for no guard):
    where the next character starts none of them (punctuation, emoji, a space), the regex gives
    up at once instead of trying every branch; a page of `. . ` cost a second otherwise."""
    return f"(?=[{''.join(sorted(set(letters)))}]){source}" if letters else source


def grouped_by_first_letter(
    entries: Sequence[tuple[str, str]], *, capture: bool = False
) -> tuple[str, list[int]]:
    """One alternation of `entries`, (regex source after a word-boundary head, lexicon entry)
    pairs, with one branch per first letter: at a word start the regex tries the few entries of
    that letter instead of all of them (three to five times faster), and every branch sits behind
    a `guarded` lookahead. Returns the source and the order the entries take in it (with
    `capture`, each entry is a group, numbered in that order)."""
    wrap = "({})" if capture else "(?:{})"
    groups: dict[str, list[int]] = {}
    rest: list[int] = []
    for i, (source, _) in enumerate(entries):
        if source[:1].isascii() and source[:1].isalnum():
            groups.setdefault(source[0], []).append(i)
        else:
            rest.append(i)
    branches: list[str] = []
    order: list[int] = []
    for first, members in groups.items():
        # An empty remainder (a one-letter word) goes last: the first branch that matches wins.
        members.sort(key=lambda i: len(entries[i][0]) == 1)
        tails = "|".join(wrap.format(entries[i][0][1:]) for i in members)
        branches.append(f"{first}(?:{tails})")
        order.extend(members)
    if branches:
        branches = [guarded("(?:" + "|".join(branches) + ")", "".join(groups))]
    for i in rest:
        source, entry = entries[i]
        branches.append(guarded(wrap.format(source), first_letters(entry)))
        order.append(i)
    return "(?:" + "|".join(branches) + ")", order


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.replace("…", f" {GAP} "))


def _alternatives(token: str) -> list[str]:
    if token.startswith("{"):
        return [a.strip() for a in token[1:-1].split("|")]
    return [token]


def word_syntax(text: str) -> str:
    """Why the words of `text` break the wildcard rule ("" when they do not)."""
    for word in normalize(text).split(" "):
        stem = word.rstrip("*")
        if "*" in stem:
            return f"{text!r}: '*' may only end a word"
        if word.endswith("*") and len(re.sub(r"\W", "", stem)) < 3:
            return f"{text!r}: a wildcard needs a stem of at least 3 letters"
    return ""


def pattern_syntax(text: str) -> str:
    """Why `text` cannot be a pattern ("" when it can)."""
    if not re.fullmatch(r"(?:[^{}]|\{[^{}]*\})*", text):
        return "has unpaired braces, or a slot inside a slot"
    tokens = _tokens(text)
    if not tokens:
        return "must not be empty"
    if len(tokens) > MAX_TOKENS:
        return f"has {len(tokens)} words or slots; at most {MAX_TOKENS} are allowed"
    if tokens[0] == GAP or tokens[-1] == GAP:
        return f"'{GAP}' may only stand between two words"
    if any(a == GAP and b == GAP for a, b in itertools.pairwise(tokens)):
        return f"'{GAP}' twice in a row"
    if "" in _alternatives(tokens[0]) or "" in _alternatives(tokens[-1]):
        return "an optional slot at either end changes nothing: drop it"
    required = 0
    for token in tokens:
        if token == GAP:
            continue
        alternatives = _alternatives(token)
        if token.startswith("{") and len(alternatives) < 2:
            return f"{token!r}: a slot needs at least two alternatives (one may be empty)"
        if all(alternatives):
            required += 1
        for alternative in filter(None, alternatives):
            if GAP in alternative:
                return f"{token!r}: '{GAP}' cannot stand inside a slot"
            if not re.search(r"\w", normalize(alternative)):
                return f"{token!r}: {alternative!r} has no letters"
            error = word_syntax(alternative)
            if error:
                return error
    if required == 0:
        return "needs at least one word or slot that is not optional"
    return ""


def _alternative_source(text: str) -> str:
    # phrase_pattern adds word boundaries on both sides and reads "-" and "'" loosely.
    return phrase_pattern(text, wildcards=True)


def pattern_source(text: str) -> str:
    """The regex source of a valid pattern (see `pattern_syntax`), on normalised text."""
    parts: list[str] = []
    gap = False
    for token in _tokens(text):
        if token == GAP:
            gap = True
            continue
        alternatives = _alternatives(token)
        sources = sorted({_alternative_source(a) for a in alternatives if a}, key=lambda s: -len(s))
        body = "(?:" + "|".join(sources) + ")"
        lead = ((_GAP_SOURCE if gap else "") + _SEP) if parts else ""
        # An optional slot takes its separator with it; never first or last (see pattern_syntax).
        parts.append(f"(?:{lead}{body})?" if "" in alternatives else lead + body)
        gap = False
    source = "".join(parts)
    return source if source.startswith(r"(?<!\w)") else r"(?<!\w)" + source
