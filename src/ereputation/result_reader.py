"""Reads a JSON result back into an `AuditResult`: `model.from_json`, checked field by field.

The reader walks the model's own dataclasses and type hints, so a field added to the model is
read (and checked) without a second definition of it here; only the places where the JSON form
differs from the dataclass (the top level, categories keyed by id, a finding's key) are spelled
out. Every value is checked against its type and its allowed values before it is used, and the
first problem is reported with its JSON path (`$.findings[2].severity`); the numbers' bounds are
read from the shipped schema itself. `jsonschema` stays a test-only dependency: the checks here
cover every field read, which is what a reader needs, with no second copy of the schema's rules.
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
from collections.abc import Mapping
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from ereputation.errors import InputError, Problem
from ereputation.model import (
    SCHEMA_VERSION,
    SCHEMA_VERSIONS,
    AnswerResult,
    AuditInfo,
    AuditResult,
    CategoryScore,
    ChecklistInfo,
    ChosenTrade,
    Finding,
    FindingKey,
    Scores,
    SinceLast,
    Subject,
    Verdict,
)

_VERSION = re.compile(r"^1\.(0|[1-9][0-9]*)$")
_TOP_KEYS = frozenset(
    {
        "schema_version",
        "tool",
        "generated_at",
        "language",
        "pii_masked",
        "subject",
        "audit",
        "scores",
        "verdict",
        "actions",
        "checklist",
        "profiles",
        "findings",
        "where",
        "trade",
        "since_last",
        "trades_tied",
        "discovery",
        "search",
    }
)


class ResultError(InputError):
    """A JSON file that is not a result this version can read."""


def _fail(path: str, message: str) -> ResultError:
    return ResultError(Problem(path, message))


def read_result(data: Mapping[str, Any]) -> AuditResult:
    root = "$"
    _object(data, root)
    version = data.get("schema_version")
    if not isinstance(version, str) or not _VERSION.match(version):
        raise _fail(f"{root}.schema_version", "not an ereputation result (expected 1.x)")
    if version not in SCHEMA_VERSIONS:
        raise _fail(
            f"{root}.schema_version",
            f"version {version} was written by a newer ereputation (this one reads up to "
            f"{SCHEMA_VERSION}): upgrade ereputation",
        )
    _no_extra(data, _TOP_KEYS, root)
    tool = _object(_required(data, "tool", root), f"{root}.tool")
    _no_extra(tool, {"name", "version"}, f"{root}.tool")
    if tool.get("name") != "ereputation":
        raise _fail(f"{root}.tool.name", "must be 'ereputation'")
    checklist = _object(_required(data, "checklist", root), f"{root}.checklist")
    checklist_info = {k: v for k, v in checklist.items() if k != "answers"}
    scores = _object(_required(data, "scores", root), f"{root}.scores")
    result = AuditResult(
        tool_version=_decode(str, tool.get("version"), f"{root}.tool.version"),
        generated_at=_decode(str, _required(data, "generated_at", root), f"{root}.generated_at"),
        language=_decode(
            Literal["fr", "en"], _required(data, "language", root), f"{root}.language"
        ),
        subject=_dataclass(Subject, _required(data, "subject", root), f"{root}.subject"),
        info=_dataclass(AuditInfo, _required(data, "audit", root), f"{root}.audit"),
        checklist=_dataclass(ChecklistInfo, checklist_info, f"{root}.checklist"),
        answers=_decode(
            tuple[AnswerResult, ...],
            _required(checklist, "answers", f"{root}.checklist"),
            f"{root}.checklist.answers",
        ),
        scores=_scores(scores, f"{root}.scores"),
        verdict=_dataclass(Verdict, _required(data, "verdict", root), f"{root}.verdict"),
        actions=_decode(
            _hint(AuditResult, "actions"), _required(data, "actions", root), "$.actions"
        ),
        findings=tuple(
            _finding(f, f"{root}.findings[{i}]")
            for i, f in enumerate(_array(_required(data, "findings", root), f"{root}.findings"))
        ),
        profiles=_decode(
            _hint(AuditResult, "profiles"), _required(data, "profiles", root), "$.profiles"
        ),
        where=_decode(_hint(AuditResult, "where"), data.get("where", []), f"{root}.where"),
        trade=_decode(ChosenTrade | None, data.get("trade"), f"{root}.trade"),
        pii_masked=_decode(bool, _required(data, "pii_masked", root), f"{root}.pii_masked"),
        since_last=_decode(SinceLast | None, data.get("since_last"), f"{root}.since_last"),
        trades_tied=_decode(
            _hint(AuditResult, "trades_tied"), data.get("trades_tied", []), f"{root}.trades_tied"
        ),
        discovery=_decode(
            _hint(AuditResult, "discovery"), data.get("discovery"), f"{root}.discovery"
        ),
        search=_decode(_hint(AuditResult, "search"), data.get("search"), f"{root}.search"),
        schema_version=SCHEMA_VERSION,  # read back, it is a result of this version
    )
    _check_bounds(_schema(), data, root)  # after the types: every number is a number here
    return result


def _scores(data: Mapping[str, Any], path: str) -> Scores:
    categories = _object(_required(data, "categories", path), f"{path}.categories")
    plain = {k: v for k, v in data.items() if k != "categories"}
    listed = tuple(
        _dataclass(
            CategoryScore,
            {"id": key, **_object(value, f"{path}.categories.{key}")},
            f"{path}.categories.{key}",
        )
        for key, value in categories.items()
    )
    scores: Scores = _dataclass(Scores, {**plain, "categories": ()}, path, categories=listed)
    return scores


def _finding(data: object, path: str) -> Finding:
    found = _object(data, path)
    check = _decode(str, _required(found, "check", path), f"{path}.check")
    shown = _decode(str, _required(found, "id", path), f"{path}.id")
    if "subject" in found or "profile_key" in found:  # schema 1.3: the key's parts as they are
        subject = _decode(str, found.get("subject", ""), f"{path}.subject")
        profile = _decode(str, found.get("profile_key", ""), f"{path}.profile_key")
        key = FindingKey(check, subject, profile)
    else:  # 1.0 to 1.2 wrote the id only: `check-subject@profile`, profile a hex digest
        key = _parsed_key(check, shown, path)
    if str(key) != shown:
        raise _fail(f"{path}.id", f"{shown!r} does not match the finding's check and subject")
    rest = {k: v for k, v in found.items() if k not in ("id", "check", "subject", "profile_key")}
    finding: Finding = _dataclass(Finding, {**rest, "key": None}, path, key=key)
    return finding


def _parsed_key(check: str, shown: str, path: str) -> FindingKey:
    if not shown.startswith(check):
        raise _fail(f"{path}.id", f"{shown!r} does not start with its check {check!r}")
    rest, profile = shown[len(check) :], ""
    if "@" in rest:
        rest, profile = rest.rsplit("@", 1)
    if rest and not rest.startswith("-"):
        raise _fail(f"{path}.id", f"{shown!r} does not start with its check {check!r}")
    return FindingKey(check, rest[1:], profile)


# --- the generic part: a value checked against a type hint of the model --------------------------


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _hint(cls: type, name: str) -> Any:
    return _hints(cls)[name]


def _dataclass(cls: type, data: object, path: str, **given: Any) -> Any:
    """An instance of `cls` from a JSON object: missing fields with a default take it."""
    found = _object(data, path)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    _no_extra(found, fields.keys(), path)
    values: dict[str, Any] = {}
    for name, field in fields.items():
        if name in given:
            values[name] = given[name]
        elif name in found:
            values[name] = _decode(_hint(cls, name), found[name], f"{path}.{name}")
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise _fail(f"{path}.{name}", "missing")
    return cls(**values)


def _check_bounds(schema: Mapping[str, Any], value: object, path: str) -> None:
    """The `minimum` and `maximum` the shipped schema states, checked on the JSON as read: one
    definition of every bound (a score of 500 is refused here rather than drawn off its gauge)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            shown = f"at least {low}" if high is None else f"from {low} to {high}"
            raise _fail(path, f"{value!r} is out of range (expected {shown})")
    elif isinstance(value, Mapping):
        for branch in schema.get("oneOf", ()):
            if branch.get("type") == "object":
                _check_bounds(branch, value, path)
        properties = schema.get("properties", {})
        others = schema.get("additionalProperties")
        for key, item in value.items():
            sub = properties.get(key, others)
            if isinstance(sub, Mapping):
                _check_bounds(sub, item, f"{path}.{key}")
    elif isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        for index, item in enumerate(value):
            _check_bounds(schema["items"], item, f"{path}[{index}]")


@cache
def _schema() -> Mapping[str, Any]:
    import json

    from ereputation.resources import schema_path

    loaded: Mapping[str, Any] = json.loads(schema_path().read_text(encoding="utf-8"))
    return loaded


def _decode(hint: Any, value: object, path: str) -> Any:
    origin = get_origin(hint)
    if origin is Literal:
        allowed = get_args(hint)
        if value not in allowed or isinstance(value, bool) != isinstance(allowed[0], bool):
            shown = ", ".join(repr(a) for a in allowed)
            raise _fail(path, f"{value!r} is not one of {shown}")
        return value
    if origin in (Union, types.UnionType):
        options = get_args(hint)
        if value is None and type(None) in options:
            return None
        others = [o for o in options if o is not type(None)]
        if len(others) == 1:
            return _decode(others[0], value, path)
        raise _fail(path, "unsupported type in the model")  # pragma: no cover - a model bug
    if origin is tuple:
        item = get_args(hint)[0]
        return tuple(_decode(item, v, f"{path}[{i}]") for i, v in enumerate(_array(value, path)))
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint, value, path)  # type: ignore[arg-type]
    return _scalar(hint, value, path)


def _scalar(hint: Any, value: object, path: str) -> Any:
    if hint is bool:
        if isinstance(value, bool):
            return value
        raise _fail(path, f"expected true or false, found {_json_type(value)}")
    if hint is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _fail(path, f"expected a whole number, found {_json_type(value)}")
    if hint is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if math.isfinite(value):  # json.loads reads NaN and Infinity, JSON has neither
                return value
            raise _fail(path, f"expected a finite number, found {value!r}")
        raise _fail(path, f"expected a number, found {_json_type(value)}")
    if hint is str:
        if isinstance(value, str):
            return value
        raise _fail(path, f"expected a string, found {_json_type(value)}")
    raise _fail(path, "unsupported type in the model")  # pragma: no cover - a model bug


def _object(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(path, f"expected an object, found {_json_type(value)}")
    return value


def _array(value: object, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(path, f"expected an array, found {_json_type(value)}")
    return value


def _required(data: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in data:
        raise _fail(f"{path}.{key}", "missing")
    return data[key]


def _no_extra(data: Mapping[str, Any], known: Any, path: str) -> None:
    extra = sorted(set(data) - set(known))
    if extra:
        raise _fail(f"{path}.{extra[0]}", "unknown key (a result of another tool or version?)")


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__  # pragma: no cover - json.load makes nothing else
