"""The one normalisation every detector reads, and the text a report shows.

Tricks that hide a word or a number from a pattern but not from a reader: invisible characters
between its parts (zero-width spaces and joiners, soft hyphens, bidi marks, variation selectors),
compatibility forms (fullwidth `＠` and digits, mathematical bold letters), letters of another
script that look Latin (Cyrillic `а`, Greek `ο`) and letter-spaced words (`c o n n a r d`).
Three forms of a text undo them, each built one character at a time so that every position maps
back to the original text, where matches are reported and masked:

- `shown`: what a reader sees and what a report prints: the text without invisible characters
  (`textsafe.printable`'s, plus the invisible marks and fillers it keeps). Never a space in their
  place: a joiner shown as a space would split a number that detectors read as one.
- `latin_with_map`: what personal-data patterns read: `shown`, then NFKC, then look-alike letters
  read as the Latin letter (`confusables.LATIN_LOOKALIKES`, from Unicode's confusables.txt) and
  digits of every script as ASCII digits.
- `normalize_with_map`: what word lists, names and keywords match: `latin`, case-folded, without
  accents, one kind of apostrophe and hyphen, single spaces, and letter-spaced words joined.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from ereputation.detect.confusables import LATIN_LOOKALIKES
from ereputation.textsafe import printable

__all__ = [
    "latin_with_map",
    "normalize",
    "normalize_with_map",
    "original_span",
    "shown",
    "shown_with_map",
]

# Invisible but not category C, so `printable` keeps them: variation selectors, the combining
# grapheme joiner, Mongolian free variation selectors, Khmer inherent vowels, Hangul fillers.
_INVISIBLE_MARKS = frozenset(
    chr(cp)
    for cp in (
        *range(0xFE00, 0xFE10),
        *range(0xE0100, 0xE01F0),
        0x034F,
        0x115F,
        0x1160,
        0x17B4,
        0x17B5,
        0x180B,
        0x180C,
        0x180D,
        0x180F,
    )
)
_BLANKS = frozenset("\u2800\u3164\uffa0")  # blank glyphs: a reader sees a space
_APOSTROPHES = frozenset("'`´ʹʻʼʽˈ‘’‚‛′＇")
_HYPHENS = frozenset("-‐‑‒–—―−﹘﹣－")
# Letters that NFKD does not decompose but that people type without the accent anyway.
_LIGATURES = {"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i"}
# What the per-character functions leave alone: printable ASCII. Runs of it are copied whole.
_PLAIN_ASCII = re.compile(r"[\x20-\x7e]+")
_CACHE = 8192  # distinct characters remembered; bounded, since a page chooses them


@functools.lru_cache(maxsize=_CACHE)
def _shown_char(char: str) -> str:
    if char in _INVISIBLE_MARKS:
        return ""
    if char in _BLANKS:
        return " "
    return printable(char)


@functools.lru_cache(maxsize=_CACHE)
def _latin_char(char: str) -> str:
    shown_form = _shown_char(char)
    if not shown_form or shown_form.isascii():
        return shown_form
    return "".join(_latin_piece(c) for c in unicodedata.normalize("NFKC", shown_form))


def _latin_piece(char: str) -> str:
    # Digits of any script read as ASCII ones, so that "٠٦ 12 34 56 78" is one number.
    if char.isdecimal() and not char.isascii():
        return str(unicodedata.decimal(char, char))
    return LATIN_LOOKALIKES.get(char, char)


@functools.lru_cache(maxsize=_CACHE)
def _fold_char(char: str) -> str:
    """The normalised form of one character ("" when it carries no letter)."""
    return "".join(_fold_piece(c) for c in _latin_char(char))


@functools.lru_cache(maxsize=_CACHE)
def _fold_piece(char: str) -> str:
    if char in _APOSTROPHES:
        return "'"
    if char in _HYPHENS:
        return "-"
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category in ("Mn", "Me", "Cf"):  # a lone accent: nothing to read
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
    # "Ǣ" decomposes to "æ", then "ae"; Cyrillic "ё" to "е", then Latin "e".
    out = "".join(_LIGATURES.get(c, LATIN_LOOKALIKES.get(c, c)) for c in out).casefold()
    return "".join(
        "'" if c in _APOSTROPHES else "-" if c in _HYPHENS else " " if c.isspace() else c
        for c in out
    )


def _mapped(
    text: str, per_char: Callable[[str], str], ascii_run: Callable[[str], str] = str
) -> tuple[str, list[int]]:
    """`text` with each character replaced by `per_char(char)`, and where each output came from.

    Runs of printable ASCII go through `ascii_run` whole (it must keep their length): a page is
    mostly ASCII, and one call per run is much faster than one per character.
    """
    out: list[str] = []
    index: list[int] = []
    cursor = 0
    for run in _PLAIN_ASCII.finditer(text):
        for position in range(cursor, run.start()):
            piece = per_char(text[position])
            out.append(piece)
            index.extend([position] * len(piece))
        out.append(ascii_run(run[0]))
        index.extend(range(run.start(), run.end()))
        cursor = run.end()
    for position in range(cursor, len(text)):
        piece = per_char(text[position])
        out.append(piece)
        index.extend([position] * len(piece))
    return "".join(out), index


def shown_with_map(text: str) -> tuple[str, list[int]]:
    """`shown(text)` and, for each of its characters, the index of its source in `text`."""
    return _mapped(text, _shown_char)


def shown(text: str) -> str:
    """`text` as a reader sees it: invisible characters removed, nothing else changed."""
    if _PLAIN_ASCII.fullmatch(text):
        return text
    return "".join(_shown_char(c) for c in text)


def latin_with_map(text: str) -> tuple[str, list[int]]:
    """`text` as personal-data patterns read it (see the module docstring), with its map."""
    return _mapped(text, _latin_char)


# --- the matching form ----------------------------------------------------------------------

_SPACES = re.compile(r" {2,}")
# Three or more single letters with the same separator between each: "c o n n a r d",
# "c.o.n.n.a.r.d", "c-o-n-n-a-r-d". Two ("R H", "y a") are left alone: too common to join.
_SEPARATORS = " ._*·-"
_SPACED = re.compile(
    rf"(?<!\w)[^\W\d_](?P<sep>[{re.escape(_SEPARATORS)}])(?:[^\W\d_](?P=sep)){{1,}}[^\W\d_](?!\w)"
)


def _fold_ascii(run: str) -> str:
    return run.lower().replace("`", "'")


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Normalise `text` and map each output character to the index of its source character."""
    folded, index = _mapped(text, _fold_char, _fold_ascii)
    folded, index = _collapse_spaces(folded, index)
    if _SPACED.search(folded):
        folded, index = _join_spaced(folded, index)
    return folded, index


def _collapse_spaces(text: str, index: list[int]) -> tuple[str, list[int]]:
    """Single spaces, none at the ends; a space maps to the character that follows it."""
    start = len(text) - len(text.lstrip(" "))
    end = len(text.rstrip(" "))
    if start or end < len(text):
        text, index = text[start:end], index[start:end]
    if "  " not in text:
        return text, index
    out: list[str] = []
    out_index: list[int] = []
    cursor = 0
    for run in _SPACES.finditer(text):
        out.append(text[cursor : run.start()] + " ")
        out_index.extend(index[cursor : run.start()])
        out_index.append(index[run.end()])
        cursor = run.end()
    out.append(text[cursor:])
    out_index.extend(index[cursor:])
    return "".join(out), out_index


def _join_spaced(text: str, index: list[int]) -> tuple[str, list[int]]:
    out: list[str] = []
    out_index: list[int] = []
    cursor = 0
    for run in _SPACED.finditer(text):
        out.append(text[cursor : run.start()])
        out_index.extend(index[cursor : run.start()])
        for position in range(run.start(), run.end(), 2):  # the letters, not the separators
            out.append(text[position])
            out_index.append(index[position])
        cursor = run.end()
    out.append(text[cursor:])
    out_index.extend(index[cursor:])
    return "".join(out), out_index


def normalize(text: str) -> str:
    """Case-fold, strip accents (NFKD), read look-alikes as Latin, unify apostrophes and
    hyphens, collapse whitespace, join letter-spaced words."""
    return normalize_with_map(text)[0]


def original_span(text: str, index: list[int], start: int, end: int) -> tuple[int, int]:
    """The span of `text` that mapped characters `start:end` came from."""
    if not index or start >= end:
        return (0, 0)
    first = index[start]
    last = index[end - 1] + 1
    # A decomposed accent ("e" + U+0301) belongs with the letter before it.
    while last < len(text) and unicodedata.combining(text[last]):
        last += 1
    return first, last
