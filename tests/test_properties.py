"""Property tests: whatever bytes or TOML it is fed, the config loader raises only its own error."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ereputation.checklist import load_checklist
from ereputation.config import load_profile
from ereputation.errors import ChecklistError, ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

SCRATCH = Path(tempfile.mkdtemp(prefix="ereputation-hypothesis-"))

keys = st.sampled_from(
    [
        "person",
        "name",
        "profiles",
        "url",
        "answers",
        "language",
        "keywords",
        "audit",
        "x",
        "checklist",
    ]
)
scalars = st.one_of(
    st.text(max_size=20),
    st.integers(),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
    st.sampled_from(["fr", "en", "https://a.example/", "javascript:x", "yes"]),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=12,
)
documents = st.dictionaries(keys, values, max_size=5)


def toml_of(data: dict[str, Any]) -> str:
    """Serialise through inline tables so any nesting is representable."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, (int, float)):
            return repr(v) if not isinstance(v, float) or v == v else "nan"
        if isinstance(v, str):
            import json

            return json.dumps(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{" + ", ".join(f'"{k}" = {value(x)}' for k, x in v.items()) + "}"
        return str(v.isoformat())

    return "\n".join(f'"{k}" = {value(v)}' for k, v in data.items()) + "\n"


def load_quietly(path: Path) -> None:
    try:
        load_profile(path)
    except ConfigError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_config_error(data: bytes) -> None:
    path = SCRATCH / "bytes.toml"
    path.write_bytes(data)
    load_quietly(path)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_arbitrary_toml_documents_raise_only_config_error(document: dict[str, Any]) -> None:
    text = toml_of(document)
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError):
        return  # a serialisation corner (floats like inf); not what is under test
    path = SCRATCH / "doc.toml"
    path.write_text(text, encoding="utf-8")
    load_quietly(path)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, values, max_size=4), st.dictionaries(keys, values, max_size=3))
def test_arbitrary_person_and_answers_tables(
    person: dict[str, Any], answers: dict[str, Any]
) -> None:
    path = SCRATCH / "tables.toml"
    path.write_text(toml_of({"person": person, "answers": answers}), encoding="utf-8")
    load_quietly(path)


@settings(max_examples=150, deadline=None)
@given(documents)
def test_arbitrary_checklists_raise_only_checklist_error(document: dict[str, Any]) -> None:
    renamed = {
        {"person": "checklist", "profiles": "items", "answers": "categories"}.get(k, k): v
        for k, v in document.items()
    }
    path = SCRATCH / "checklist.toml"
    path.write_text(toml_of(renamed), encoding="utf-8")
    try:
        load_checklist(path)
    except ChecklistError as exc:
        assert exc.problems
