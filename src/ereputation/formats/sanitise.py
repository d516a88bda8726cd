"""Every string of a result through the one sanitiser (`textsafe`), before any format lays it out.

Kept apart from `view.py` so that the JSON format, which needs no words or layout, stays light.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar, cast

from ereputation.textsafe import multi_line, one_line

__all__ = ["multi_line", "sanitised", "single_line"]

T = TypeVar("T")


@lru_cache(maxsize=16384)  # a report prints the same words and values many times over
def single_line(value: str, *, strip: bool = True) -> str:
    """One printable line (`textsafe.one_line`), cached."""
    return one_line(value, strip=strip)


def sanitised(result: T, clean: Callable[[str], str] = single_line) -> T:
    """`result` with `clean` applied to every string it holds, however deeply nested.

    Walks the dataclasses generically (an `AuditResult`, a discovery run...), so that a field
    added to the model later is covered too. Report formats use `single_line` (no control, no
    line break); the JSON `multi_line`.
    """
    return cast(T, _clean(result, clean))


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
