"""Every JSON the tool writes validates against the shipped schema; docs hold the same schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from ereputation.audit import AuditOptions, run
from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.i18n import Language
from ereputation.model import SCHEMA_VERSION, to_json
from ereputation.resources import schema_path
from tests.conftest import EXAMPLE, FIXED_NOW, MINI_PROFILE, ROOT


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_docs_carry_the_same_schema_as_the_package() -> None:
    assert (ROOT / "docs" / "result.schema.json").read_text(encoding="utf-8") == (
        schema_path().read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("config", [EXAMPLE, MINI_PROFILE])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_cli_json_validates(validator: Any, config: Path, lang: str) -> None:
    result = CliRunner().invoke(
        main, ["audit", str(config), "--offline", "--format", "json", "--lang", lang]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    validator.validate(data)
    assert data["language"] == lang


def test_required_fields_are_present() -> None:
    result = run(load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW))
    data = to_json(result)
    assert data["generated_at"] == "2026-11-25T10:00:00+00:00"
    assert data["tool"]["name"] == "ereputation"
    assert set(data["scores"]) >= {"visibility", "risk", "categories"}
    first = data["checklist"]["answers"][0]
    assert set(first) >= {"id", "answer", "points", "max_points", "status"}
    assert data["profiles"][0]["status"] == "skipped"
    assert data["actions"][0]["rank"] == 1
    assert data["verdict"]["title"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("kind", ["full", "empty", "hostile"])
def test_results_with_every_optional_part_validate(
    validator: Any, language: Language, kind: str
) -> None:
    # The report tests' samples hold profiles of every status, findings of every severity,
    # personal data and risky terms: the schema must describe all of it.
    from tests.report.conftest import make_empty_result, make_hostile_result, make_result

    build = {"full": make_result, "empty": make_empty_result, "hostile": make_hostile_result}
    validator.validate(to_json(build[kind](language)))


def test_where_trade_and_the_plan_are_in_the_json(validator: Any) -> None:
    data = to_json(run(load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW)))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["trade"] == {
        "id": "data",
        "name": data["trade"]["name"],
        "inferred": False,
        "evidence": data["trade"]["evidence"],
        "how_to_set": data["trade"]["how_to_set"],
    }
    assert {w["network"] for w in data["where"]} >= {"linkedin", "github"}
    assert all(
        set(w)
        == {"network", "name", "recommendation", "reason", "declared", "url", "priority", "code"}
        for w in data["where"]
    )
    horizons = [a["horizon"] for a in data["actions"]]
    assert horizons.count("this_week") == 5 and "ongoing" in horizons
    assert {a["type"] for a in data["actions"]} <= {"fix", "check"}
    validator.validate(data)


def test_a_result_without_trade_validates_with_trade_null(validator: Any, tmp_path: Path) -> None:
    config = tmp_path / "p.toml"
    config.write_text('[person]\nname = "A B"\ntarget_role = "Zzz"\n', encoding="utf-8")
    data = to_json(run(load_profile(config), AuditOptions(offline=True, now=FIXED_NOW)))
    assert data["trade"] is None
    validator.validate(data)
    data["where"][0]["recommendation"] = "ignore"  # the schema knows the recommendations
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def _every_key_of(schema: dict[str, Any], data: Any, path: str = "$") -> list[str]:
    """Keys the schema describes but `data` lacks, however deep (where the schema has objects)."""
    missing: list[str] = []
    if isinstance(data, dict) and "properties" in schema:
        for key, sub in schema["properties"].items():
            if key not in data:
                missing.append(f"{path}.{key}")
            else:
                missing += _every_key_of(sub, data[key], f"{path}.{key}")
    elif isinstance(data, list) and "items" in schema:
        for i, item in enumerate(data):
            missing += _every_key_of(schema["items"], item, f"{path}[{i}]")
    return missing


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_tool_writes_every_key_of_its_version(language: Language) -> None:
    # Keys added after 1.0 are optional in the schema so that older results validate when read
    # back; the tool itself always writes all of them.
    from tests.report.conftest import make_result

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    data = to_json(make_result(language))
    missing = _every_key_of(schema, data)
    assert missing == []
    assert data["since_last"] is None


def test_results_of_earlier_versions_validate() -> None:
    from ereputation.model import SCHEMA_VERSIONS

    validator_ = jsonschema.Draft202012Validator(
        json.loads(schema_path().read_text(encoding="utf-8")),
        format_checker=jsonschema.FormatChecker(),
    )
    folder = ROOT / "tests" / "fixtures" / "results"
    files = [*sorted(folder.glob("example-*.json")), *sorted(folder.glob("demo-1.[34]-fr.json"))]
    versions = set()
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        validator_.validate(data)
        versions.add(data["schema_version"])
    assert versions == set(SCHEMA_VERSIONS) - {SCHEMA_VERSIONS[-1]}
    # And a real result of this version, with profiles visited (the demo's).
    demo = ROOT / "tests" / "fixtures" / "results" / "demo-1.5-fr.json"
    validator_.validate(json.loads(demo.read_text(encoding="utf-8")))
