"""Every string of a result through the one sanitiser (`textsafe`), before any format lays it out.

Kept apart from `view.py` so that the JSON format, which needs no words or layout, stays light.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, cast

from ereputation.model import AuditResult
from ereputation.textsafe import printable

__all__ = ["multi_line", "sanitised", "single_line"]

# What breaks a line once `printable` has removed every control: tabs, line feeds and the Unicode
# line and paragraph separators. No-break spaces are not folded: French typography needs them.
_BREAKS = re.compile("[\t\n\x0b\x0c\r\u2028\u2029 ]+")


@lru_cache(maxsize=16384)  # a report prints the same words and values many times over
def single_line(value: str, *, strip: bool = True) -> str:
    """`printable(value)` on one line: every run of breaks and spaces becomes one space, and the
    ends are trimmed unless `strip` is false (a piece of a sentence keeps its spaces).

    `textsafe.one_line` would do, but it also folds no-break spaces (`\\s`), which undoes the
    French typography of every message; the sanitising itself is `printable`'s.
    """
    line = _BREAKS.sub(" ", printable(value))
    return line.strip(" ") if strip else line


def multi_line(value: str) -> str:
    """`printable(value)` with its line breaks, all as plain line feeds (a carriage return, a
    form feed or a Unicode separator could rewrite or hide a line where the text is shown)."""
    return printable(value).replace("\r\n", "\n").translate(_LINE_FEEDS)


_LINE_FEEDS = {ord(c): "\n" for c in "\r\x0b\x0c\u2028\u2029"}


def sanitised(result: AuditResult, clean: Callable[[str], str] = single_line) -> AuditResult:
    """`result` with `clean` applied to every string it holds, however deeply nested.

    Walks the dataclasses generically, so that a field added to the model later is covered too.
    Report formats use `single_line` (no control, no line break); the JSON `multi_line`.
    """
    return cast(AuditResult, _clean(result, clean))


def _clean(value: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, tuple):
        return tuple(_clean(v, clean) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            old = getattr(value, f.name)
            new = _clean(old, clean)
            if new != old:
                changes[f.name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value
