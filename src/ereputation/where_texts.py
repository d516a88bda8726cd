"""The vocabulary and texts of the "where to be" advice, from `checklists/where.toml`.

Each reason code decides one recommendation; its sentence, in French and English, is data. The
file is validated as a whole: every code, term and clause in both languages, with the same
placeholders in each, and the answer signals (docs/where.md).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

from ereputation.errors import InputError, Problem
from ereputation.i18n import LocalText, local_text_of
from ereputation.resources import checklists_dir
from ereputation.tomlfile import Table, load_toml

Recommendation = Literal[
    "create", "make_private", "close", "complete", "update", "keep", "optional", "not_needed"
]
# The order of the advice: what changes something first, then what stays as it is.
RECOMMENDATIONS: tuple[Recommendation, ...] = (
    "create",
    "make_private",
    "close",
    "complete",
    "update",
    "keep",
    "optional",
    "not_needed",
)
ACTING: frozenset[Recommendation] = frozenset(RECOMMENDATIONS[:5])

# Each reason code decides one recommendation; its sentence lives in where.toml.
RECOMMENDATION_OF: dict[str, Recommendation] = {
    "create_essential": "create",
    "create_useful": "create",
    "create_missing": "create",
    "optional_little_time": "optional",
    "optional_discreet": "optional",
    "optional_face_to_face": "optional",
    "optional_useful": "optional",
    "optional_extra": "optional",
    "optional_unknown_trade": "optional",
    "keep_complete": "keep",
    "keep_unseen": "keep",
    "complete_empty": "complete",
    "complete_missing": "complete",
    "update_stale": "update",
    "make_private_risk": "make_private",
    "make_private_pii": "make_private",
    "close_stale": "close",
    "keep_personal": "keep",
    "not_needed": "not_needed",
}
REASON_CODES = frozenset(RECOMMENDATION_OF)
SIGNALS = ("little_time", "discreet", "face_to_face", "visibility")
_TERMS = {
    "missing": ("photo", "headline", "keywords"),
    "pii": ("email", "phone", "address", "birthdate"),
}
_SUMMARY = ("be_on", "make_private", "close", "unknown_trade", "nothing", "and")
PLACEHOLDER = re.compile(r"\{(\w+)\}")


class WhereError(InputError):
    """A where.toml that cannot be used."""


@dataclass(frozen=True)
class WhereTexts:
    reasons: Mapping[str, LocalText]
    terms: Mapping[str, Mapping[str, LocalText]]
    summary: Mapping[str, LocalText]
    # signal -> alternatives, each {item id: answer values} that must all match
    signals: Mapping[str, tuple[Mapping[str, tuple[str, ...]], ...]]


# --- the texts ---------------------------------------------------------------------------------


@cache
def bundled_where_texts() -> WhereTexts:
    """The bundled texts, read once (the only file this module ever reads)."""
    return load_where_texts(checklists_dir() / "where.toml")


def load_where_texts(path: Path) -> WhereTexts:
    return parse_where_texts(load_toml(path, WhereError), source=str(path))


def parse_where_texts(data: Mapping[str, Any], *, source: str = "where.toml") -> WhereTexts:
    """Every code, term and clause in both languages, with the same placeholders in each."""
    problems: list[Problem] = []
    root = Table(data, "", problems)
    version = root.raw("version")
    if version != 1 or isinstance(version, bool):
        root.problem("version", f"must be 1 (the format this version reads), not {version!r}")
    reasons = _texts(root, "reasons", REASON_CODES)
    terms_table = root.table("terms", required=True)
    terms = {}
    if terms_table is not None:
        terms = {key: _texts(terms_table, key, frozenset(ids)) for key, ids in _TERMS.items()}
        terms_table.finish()
    summary = _texts(root, "summary", frozenset(_SUMMARY))
    signals = _signals(root)
    root.finish()
    if problems:
        raise WhereError(p.moved(f"{source}: {p.where}") for p in problems)
    return WhereTexts(reasons, terms, summary, signals)


def _texts(parent: Table, key: str, wanted: frozenset[str]) -> dict[str, LocalText]:
    table = parent.table(key, required=True)
    if table is None:
        return {}
    out: dict[str, LocalText] = {}
    for code in sorted(wanted | set(table.data)):
        sub = table.table(code, required=True)
        text = local_text_of(sub) if sub is not None else None
        if code not in wanted:
            table.problem(code, f"is not one of {', '.join(sorted(wanted))}")
        elif text is not None and set(PLACEHOLDER.findall(text.fr)) != set(
            PLACEHOLDER.findall(text.en)
        ):
            table.problem(code, "has different {placeholders} in fr and en")
        elif text is not None:
            out[code] = text
    table.finish()
    return out


def _signals(root: Table) -> dict[str, tuple[Mapping[str, tuple[str, ...]], ...]]:
    table = root.table("signals", required=True)
    if table is None:
        return {}
    out: dict[str, tuple[Mapping[str, tuple[str, ...]], ...]] = {}
    for name in SIGNALS:
        alternatives = []
        for alt in table.tables(name, required=True):
            if not alt.data:  # an empty table would hold for every person
                alt.problem(None, "must name at least one checklist item and its answers")
            alternatives.append({item: alt.strings(item) for item in list(alt.data)})
            alt.finish()
        out[name] = tuple(alternatives)
    table.finish()
    return out
