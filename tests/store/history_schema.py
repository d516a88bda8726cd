"""`history --format json` checked against the shipped schema (schemas/history.schema.json)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from ereputation.resources import schema_path


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path("history").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def history_json(text: str) -> Any:
    """The parsed output, after it passed the schema (every error listed if not)."""
    data = json.loads(text)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert not errors, errors
    return data
