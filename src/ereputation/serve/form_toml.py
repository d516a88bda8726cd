"""The interview form's values <-> the TOML config the CLI reads.

Values are flat: each input's name is its key path in the config (`person.name`,
`profiles[2].url`, `answers.objective_defined`), each value the text typed. A new case starts
from the text `ereputation init` writes (`interview.to_toml`, with its comments); a follow-up
starts from the case's own file. Either way the values are then applied with tomlkit, which keeps
every other byte: comments, layout, keys the form does not show (a profile's note, `[audit]
date`). Answers are set by `followup.with_answers`, the same code as `init --update`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ereputation.checklist import Checklist
from ereputation.errors import InputError, Problem
from ereputation.i18n import Language
from ereputation.tomlfile import tomllib

logger = logging.getLogger(__name__)

# Person keys the form edits, with how each is written: one string, a list typed as
# comma-separated entries, or a boolean.
PERSON_TEXT = ("name", "target_role", "trade", "location", "country", "language")
PERSON_LISTS = ("keywords", "role_aliases", "other_names", "usernames")
PERSON_FLAGS = ("career_change",)
AUDIT_TEXT = ("counsellor", "client_reference", "consent_scope")
AUDIT_DATES = ("consent_date",)
AUDIT_NUMBERS = ("retention_months",)
PROFILE_KEYS = ("url", "network", "label")

_ROW = re.compile(r"profiles\[(\d+)\]\.(\w+)\Z")


@dataclass(frozen=True)
class Draft:
    """The config text written from the form, and the problems of values no TOML type holds
    (a retention that is no number): those are left out of the text and reported as such."""

    text: str
    problems: tuple[Problem, ...]
    # The form row of each `[[profiles]]` entry written (None: an entry the form did not show),
    # so that a problem at `profiles[1]` lands on the row it came from.
    rows: tuple[int | None, ...] = ()


def split_list(text: str) -> list[str]:
    """Comma- or line-separated entries, each once, as the terminal interview reads them."""
    return list(dict.fromkeys(p.strip() for p in re.split(r"[,\n]", text) if p.strip()))


def joined(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def values_of_config(text: str) -> dict[str, str]:
    """A config's text as form values; what cannot be read is left empty for the form to ask.

    Only a parse is needed here: validation comes when the form is saved, with key paths.
    """
    try:
        data = tomllib.loads(text)
    except ValueError:  # TOMLDecodeError, or a number of thousands of digits
        logger.debug("a stored config is not TOML; the form starts empty", exc_info=True)
        return {}
    values: dict[str, str] = {}
    person = data.get("person")
    if isinstance(person, dict):
        for key in (*PERSON_TEXT, *PERSON_LISTS):
            if key in person:
                values[f"person.{key}"] = joined(person[key])
        if person.get("career_change") is True:
            values["person.career_change"] = "true"
    audit = data.get("audit")
    if isinstance(audit, dict):
        for key in (*AUDIT_TEXT, *AUDIT_DATES, *AUDIT_NUMBERS):
            if key in audit:
                value = audit[key]
                shown = value.isoformat() if isinstance(value, dt.date) else joined(value)
                values[f"audit.{key}"] = shown
    profiles = data.get("profiles")
    if isinstance(profiles, list):
        for index, entry in enumerate(profiles):
            if isinstance(entry, dict):
                for key in PROFILE_KEYS:
                    if key in entry:
                        values[f"profiles[{index}].{key}"] = joined(entry[key])
    answers = data.get("answers")
    if isinstance(answers, dict):
        for item_id, answer in answers.items():
            value = answer.get("answer") if isinstance(answer, dict) else answer
            if isinstance(value, str):
                values[f"answers.{item_id}"] = value
    return values


def profile_rows(values: Mapping[str, str]) -> list[int]:
    """The profile row indexes present in `values`, in order."""
    rows = {int(m.group(1)) for key in values if (m := _ROW.match(key))}
    return sorted(rows)


def new_case_text(values: Mapping[str, str], checklist: Checklist, language: Language) -> str:
    """The commented skeleton `ereputation init` writes, for the values to be applied to."""
    from ereputation.interview import Interview, to_toml

    lang = values.get("person.language")
    interview = Interview(
        language="en" if lang == "en" else "fr" if lang == "fr" else language,
        name=values.get("person.name", "").strip(),
        counsellor=values.get("audit.counsellor", "").strip(),
    )
    return to_toml(interview, checklist)


def apply_values(text: str, values: Mapping[str, str], where: Path) -> Draft:
    """`text` with the form's `values` applied; a key absent from `values` is left as it was,
    an empty value removes the key. Raises `InputError` when tomlkit cannot keep the layout."""
    import tomlkit

    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError:
        logger.debug("tomlkit cannot parse %s", where, exc_info=True)
        raise InputError(Problem.coded(str(where), "update_layout")) from None
    problems: list[Problem] = []
    person = _table(doc, "person", create=True)
    for key in PERSON_TEXT:
        _set(person, key, _text(values, f"person.{key}"))
    for key in PERSON_LISTS:
        raw = values.get(f"person.{key}")
        _set(person, key, None if raw is None else split_list(raw) or "")
    for key in PERSON_FLAGS:
        raw = values.get(f"person.{key}")
        _set(person, key, None if raw is None else raw == "true")
    audit_values = {k: v for k, v in values.items() if k.startswith("audit.")}
    if any(v.strip() for v in audit_values.values()) or "audit" in doc:
        audit = _table(doc, "audit", create=True, before="profiles")
        for key in AUDIT_TEXT:
            _set(audit, key, _text(values, f"audit.{key}"))
        for key in AUDIT_DATES:
            raw = _text(values, f"audit.{key}")
            _set(audit, key, _date_or_text(raw))
        for key in AUDIT_NUMBERS:
            raw = _text(values, f"audit.{key}")
            number = _months(raw, f"audit.{key}", problems)
            _set(audit, key, number)
    rows = _apply_profiles(doc, values)
    answers = {k.removeprefix("answers."): v for k, v in values.items() if k.startswith("answers.")}
    _remove_answers(doc, [item for item, value in answers.items() if not value])
    from ereputation.followup import with_answers

    updated = tomlkit.dumps(doc)
    chosen = {item: value for item, value in answers.items() if value}
    return Draft(with_answers(updated, chosen, where), tuple(problems), rows)


def _text(values: Mapping[str, str], key: str) -> str | None:
    raw = values.get(key)
    return None if raw is None else raw.strip()


def _date_or_text(raw: str | None) -> dt.date | str | None:
    """A date as a TOML date; anything else as typed, for the config's own date check."""
    if not raw:
        return raw
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return raw


def _months(raw: str | None, key: str, problems: list[Problem]) -> int | str | None:
    if not raw:
        return raw
    if raw.isdigit() and len(raw) <= 4:
        return int(raw)  # the config checks the range, with its own message
    from ereputation.config import RETENTION_MONTHS_RANGE

    low, high = RETENTION_MONTHS_RANGE
    problems.append(Problem.coded(key, "months_range", value=repr(raw), minimum=low, maximum=high))
    return None  # left as it was: a word is no number of months


def _table(doc: Any, key: str, *, create: bool, before: str | None = None) -> Any:
    import tomlkit

    if key in doc:
        return doc[key]
    table = tomlkit.table()
    if before is not None and before in doc:
        # tomlkit has no insert-before for tables: rebuild the document's order around it.
        items = list(doc.items())
        for name, _ in items:
            doc.remove(name)
        for name, item in items:
            if name == before:
                doc.add(key, table)
            doc.add(name, item)
    else:
        doc.add(key, table)
    return doc[key] if create else None


def _set(table: Any, key: str, value: Any) -> None:
    """Set `key` unless `value` is None (not on the form); "" removes it; an equal value is left
    alone so that its formatting and comment stay."""
    if value is None:
        return
    if value == "":
        if key in table:
            del table[key]
        return
    current = table.get(key)
    if current is not None and _plain(current) == value:
        return
    table[key] = value


def _plain(value: Any) -> Any:
    unwrap = getattr(value, "unwrap", None)
    return unwrap() if callable(unwrap) else value


def _apply_profiles(doc: Any, values: Mapping[str, str]) -> tuple[int | None, ...]:
    """Row N edits the config's profile N (its other keys kept); an empty URL removes it.
    Returns the form row of each entry written."""
    import tomlkit

    rows = profile_rows(values)
    existing = doc.get("profiles")
    entries: list[Any] = list(existing) if existing is not None else []
    if not rows:
        return tuple(None for _ in entries)
    kept: list[Any] = []
    origin: list[int | None] = []
    for index in range(max(len(entries), rows[-1] + 1)):
        url = _text(values, f"profiles[{index}].url")
        entry = entries[index] if index < len(entries) else None
        if url is None:  # a row the form did not send: the config's entry stays
            if entry is not None:
                kept.append(entry)
                origin.append(None)
            continue
        if not url:
            continue
        if entry is None:
            entry = tomlkit.table()
        for key in PROFILE_KEYS:
            _set(entry, key, _text(values, f"profiles[{index}].{key}"))
        kept.append(entry)
        origin.append(index)
    if existing is not None:
        del doc["profiles"]
    if kept:
        aot = tomlkit.aot()
        for entry in kept:
            aot.append(entry)
        _insert_profiles(doc, aot)
    return tuple(origin)


def _insert_profiles(doc: Any, aot: Any) -> None:
    """Profiles go before `[answers]`, where `init` writes them."""
    if "answers" not in doc:
        doc.add("profiles", aot)
        return
    items = list(doc.items())
    for name, _ in items:
        doc.remove(name)
    for name, item in items:
        if name == "answers":
            doc.add("profiles", aot)
        doc.add(name, item)


def _remove_answers(doc: Any, item_ids: list[str]) -> None:
    table = doc.get("answers")
    if table is None:
        return
    for item_id in item_ids:
        if item_id in table:
            del table[item_id]
