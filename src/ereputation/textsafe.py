"""The one sanitiser for text that a server, a page or a file controls and that we print or write.

A terminal obeys escape sequences (colours, cursor moves, window titles, hyperlinks) and some
control characters; bidirectional overrides reorder what a reader sees; zero-width characters hide
text from detectors. Whatever comes from outside goes through `printable` (keeps line breaks) or
`one_line` (a single line) before it reaches stderr, stdout, a Markdown or text report, or a log.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["has_invisible", "multi_line", "one_line", "printable"]

LINE_BREAKS = "\t\n\x0b\x0c\r"  # controls, but turned into spaces by `one_line` rather than dropped
JOINERS = "\u200c\u200d"  # format characters, but emoji sequences and some scripts need them

# Whole escape sequences first, so that no "[31m" residue is left once the ESC is gone:
# CSI (ESC [ or the C1 CSI), OSC/DCS/SOS/PM/APC strings with their terminator (an unterminated
# one loses only its introducer: the text after it stays visible), two-byte escapes.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]?"
)


def _invisible_class(category_c: list[int], keep: str) -> str:
    """A regex class of these BMP Unicode category C characters, but `keep`.

    Controls (C0, C1), format characters (bidi overrides, zero widths), surrogates, private use
    and unassigned code points: nothing a reader should get. Astral ones are handled apart: many
    ranges above the BMP make `re` slow for every character.
    """
    ranges: list[list[int]] = []
    for cp in category_c:
        if chr(cp) in keep:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a < b else f"\\u{a:04x}" for a, b in ranges)


_BMP_C = [cp for cp in range(0x10000) if unicodedata.category(chr(cp)).startswith("C")]
# Unassigned planes 4 to 13, tags, unassigned plane 14 and private use planes 15 and 16: these
# few astral ranges in the class keep `re` fast. The rest of the astral planes is checked apart.
_ASTRAL_C = "\U00040000-\U000dffff\U000e0000-\U000e00ff\U000e01f0-\U0010ffff"
_INVISIBLE = re.compile(f"[{_invisible_class(_BMP_C, LINE_BREAKS)}{_ASTRAL_C}]+")
_INVISIBLE_KEEP_JOINERS = re.compile(
    f"[{_invisible_class(_BMP_C, LINE_BREAKS + JOINERS)}{_ASTRAL_C}]+"
)
_ASTRAL = re.compile("[\U00010000-\U0003ffff\U000e0100-\U000e01ef]+")
# Breaks and plain spaces only: French no-break spaces before ":" or inside guillemets are kept.
_WS = re.compile("[\t\n\x0b\x0c\r \u2028\u2029\u0085]+")


def _visible_astral(match: re.Match[str]) -> str:
    run = match[0]
    if len(run) == 1:  # the usual case, an emoji
        return "" if unicodedata.category(run).startswith("C") else run
    return "".join(ch for ch in run if not unicodedata.category(ch).startswith("C"))


def printable(value: str, *, keep_joiners: bool = False, sequences: bool = True) -> str:
    """`value` without escape sequences and category C characters, line breaks and tabs
    excepted. Linear time on any input.

    `sequences=False` removes the control characters alone, keeping what follows them: page
    text, which a browser shows that way (the text of an "escape sequence" is visible there, and
    must stay visible to the detectors too).
    """
    if sequences and ("\x1b" in value or not value.isascii()):
        value = _ESCAPES.sub("", value)
    value = (_INVISIBLE_KEEP_JOINERS if keep_joiners else _INVISIBLE).sub("", value)
    return value if value.isascii() else _ASTRAL.sub(_visible_astral, value)


def one_line(value: object, limit: int | None = None, *, strip: bool = True) -> str:
    """A single printable line: line breaks and runs of spaces become one space, and the ends are
    trimmed unless `strip` is false (a piece of a sentence keeps its spaces).

    `limit` cuts the result (with "…") so that a hostile string cannot flood a terminal.
    """
    text = _WS.sub(" ", printable(str(value)))
    if strip:
        text = text.strip(" ")
    if limit is not None and len(text) > limit:
        return text[: max(limit - 1, 0)].rstrip() + "…"
    return text


def multi_line(value: str) -> str:
    """`printable(value)` with its line breaks, all as plain line feeds: a carriage return, a form
    feed or a Unicode separator could rewrite or hide a line where the text is shown."""
    return printable(value).replace("\r\n", "\n").translate(_LINE_FEEDS)


_LINE_FEEDS = {ord(c): "\n" for c in "\r\x0b\x0c\u2028\u2029"}


def has_invisible(value: str) -> bool:
    """Any escape sequence or category C character, line breaks included."""
    return printable(value) != value or any(c in value for c in LINE_BREAKS)
