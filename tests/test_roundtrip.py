"""A saved JSON result reads back into the same AuditResult (`model.from_json`), for every version.

`from_json(to_json(r)) == r` and `to_json(from_json(j)) == j` on the report's samples, the
example's real audit and random texts; results written by earlier versions of the tool (1.0, 1.1,
1.2, kept in tests/fixtures/results/) read back with the newer fields' defaults; a bad file is one
problem naming its JSON path, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ereputation.audit import AuditOptions, run
from ereputation.config import load_profile
from ereputation.errors import InputError
from ereputation.i18n import Language
from ereputation.model import (
    SCHEMA_VERSION,
    AuditResult,
    Finding,
    FindingKey,
    SinceLast,
    from_json,
    to_json,
)
from tests.conftest import EXAMPLE, FIXED_NOW, FIXTURES
from tests.report.conftest import make_empty_result, make_hostile_result, make_result

OLD_RESULTS = [
    *sorted((FIXTURES / "results").glob("example-*.json")),
    FIXTURES / "results" / "demo-1.3-fr.json",
]
SINCE = SinceLast("2026-08-25T10:00:00+00:00", 40, 70, 12, -30, 3, 1, 0, 2, 1)


def _through_text(data: dict[str, Any]) -> dict[str, Any]:
    """What a file holds: the JSON text read again (tuples become lists, and so on)."""
    loaded: dict[str, Any] = json.loads(json.dumps(data, ensure_ascii=False))
    return loaded


def _samples() -> list[tuple[str, AuditResult]]:
    out = []
    for language in ("fr", "en"):
        lang: Language = "fr" if language == "fr" else "en"
        out += [
            (f"full-{language}", make_result(lang)),
            (f"empty-{language}", make_empty_result(lang)),
            (f"hostile-{language}", make_hostile_result(lang)),
            (f"since-{language}", replace(make_result(lang), since_last=SINCE)),
        ]
    example = run(load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW))
    out.append(("example", example))
    return out


@pytest.mark.parametrize(("name", "result"), _samples(), ids=[n for n, _ in _samples()])
def test_a_result_survives_its_json_both_ways(name: str, result: AuditResult) -> None:
    data = _through_text(to_json(result))
    back = from_json(data)
    assert back == result
    assert to_json(back) == data


def test_a_finding_key_with_separators_in_its_parts_keeps_them() -> None:
    # `id` joins the parts with '-' and '@': schema 1.3 writes the parts, nothing is split again.
    key = FindingKey("risky-words", "a-b@c", "0123abcd")
    finding = replace(make_result().findings[0], key=key)
    result = replace(make_result(), findings=(finding,))
    assert from_json(_through_text(to_json(result))).findings[0].key == key


_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
_score = st.one_of(st.none(), st.integers(0, 100))


@settings(max_examples=60, deadline=None)
@given(
    name=_text,
    keywords=st.lists(_text, max_size=3),
    check=_text.filter(bool),
    subject=_text,
    profile=_text,
    visibility=_score,
    gain=st.floats(0, 1000, allow_nan=False),
    note=st.one_of(st.none(), _text),
)
def test_random_texts_and_numbers_survive(
    name: str,
    keywords: list[str],
    check: str,
    subject: str,
    profile: str,
    visibility: int | None,
    gain: float,
    note: str | None,
) -> None:
    base = make_result()
    finding: Finding = replace(base.findings[0], key=FindingKey(check, subject, profile))
    result = replace(
        base,
        subject=replace(base.subject, name=name, keywords=tuple(keywords)),
        info=replace(base.info, note=note),
        scores=replace(base.scores, visibility=visibility),
        actions=(replace(base.actions[0], gain=gain), *base.actions[1:]),
        findings=(finding,),
    )
    data = _through_text(to_json(result))
    assert from_json(data) == result
    assert to_json(from_json(data)) == data


@pytest.mark.parametrize("path", OLD_RESULTS, ids=[p.stem for p in OLD_RESULTS])
def test_results_of_earlier_versions_read_back_with_defaults(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    version = data["schema_version"]
    result = from_json(data)
    assert result.schema_version == SCHEMA_VERSION  # read back, it is a result of this version
    assert result.subject.name == data["subject"]["name"]
    assert len(result.actions) == len(data["actions"]) > 0
    assert result.since_last is None
    if version in ("1.0", "1.1"):  # no plan horizons nor where-to-be yet: the defaults
        assert {a.horizon for a in result.actions} == {"this_month"}
        assert {a.type for a in result.actions} == {"fix"}
        assert result.where == () and result.trade is None
    if version == "1.0":
        assert result.info.visit_summary == "no_profiles"
        assert all(p.reason_code == "" for p in result.profiles)
    else:
        assert result.info.visit_summary == data["audit"]["visit_summary"]
    # Written again, the same values plus the newer fields.
    again = to_json(result)
    assert again["subject"] == data["subject"]
    assert again["checklist"]["answers"] == data["checklist"]["answers"]


def test_a_finding_id_of_an_earlier_version_gives_its_key() -> None:
    data = _through_text(to_json(make_result()))
    data["schema_version"] = "1.2"
    finding = data["findings"][0]
    finding.update(id="risk_words-alcohol@0a1b2c3d", check="risk_words")
    del finding["subject"], finding["profile_key"]
    del data["since_last"]
    key = from_json(data).findings[0].key
    assert key == FindingKey("risk_words", "alcohol", "0a1b2c3d")


def _broken(change: Any) -> dict[str, Any]:
    data = _through_text(to_json(make_result()))
    change(data)
    return data


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        (lambda d: d.update(schema_version="2.0"), "$.schema_version", "not an ereputation"),
        (lambda d: d.update(schema_version="1.99"), "$.schema_version", "newer ereputation"),
        (lambda d: d.pop("verdict"), "$.verdict", "missing"),
        (lambda d: d.update(extra=1), "$.extra", "unknown key"),
        (lambda d: d["findings"][2].update(severity="dire"), "$.findings[2].severity", "'dire'"),
        (lambda d: d["actions"][0].update(rank="1"), "$.actions[0].rank", "whole number"),
        (lambda d: d["actions"][0].update(rank=True), "$.actions[0].rank", "a boolean"),
        (lambda d: d["audit"].update(offline=None), "$.audit.offline", "true or false"),
        (
            lambda d: d["scores"]["categories"]["strategy"].pop("kind"),
            "$.scores.categories.strategy.kind",
            "missing",
        ),
        (lambda d: d["profiles"][1].update(pii={}), "$.profiles[1].pii", "an array"),
        (lambda d: d["findings"][0].update(id="other"), "$.findings[0].id", "does not match"),
        (lambda d: d.update(tool={"name": "x", "version": "1"}), "$.tool.name", "ereputation"),
        (lambda d: d["scores"].update(visibility=500), "$.scores.visibility", "out of range"),
        (
            lambda d: d["scores"]["categories"]["profile"].update(score=-1),
            "$.scores.categories.profile.score",
            "from 0 to 100",
        ),
        (lambda d: d["actions"][1].update(gain=float("nan")), "$.actions[1].gain", "finite"),
        (lambda d: d["actions"][1].update(rank=0), "$.actions[1].rank", "at least 1"),
    ],
)
def test_a_bad_result_is_one_problem_with_its_json_path(
    change: Any, where: str, words: str
) -> None:
    with pytest.raises(InputError) as caught:
        from_json(_broken(change))
    (problem,) = caught.value.problems
    assert problem.where == where
    assert words in problem.message


def test_not_an_object_at_all() -> None:
    with pytest.raises(InputError) as caught:
        from_json([])  # type: ignore[arg-type]
    assert caught.value.problems[0].where == "$"


def test_a_real_audit_with_visited_profiles_survives_exactly() -> None:
    # The demo's French result (`make demo`: three profiles seen on local pages, 30 findings).
    path = FIXTURES / "results" / "demo-1.5-fr.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    result = from_json(data)
    assert [p.status for p in result.profiles] == ["ok", "ok", "ok"]
    assert any(f.key.profile and not f.passed for f in result.findings)
    assert to_json(result) == data
    assert from_json(_through_text(to_json(result))) == result


@pytest.mark.parametrize(
    ("part", "change", "path"),
    [
        ("discovery", lambda d: d["results"][0].update(elapsed_ms=-5), "$.discovery"),
        ("discovery", lambda d: d["results"][0].update(status="maybe"), "$.discovery"),
        ("search", lambda d: d.update(links="nope"), "$.search"),
    ],
)
def test_a_damaged_discovery_or_search_part_is_refused_by_its_path(
    part: str, change: Any, path: str
) -> None:
    data = json.loads((FIXTURES / "results" / "demo-1.4-fr.json").read_text("utf-8"))
    change(data[part])
    with pytest.raises(InputError, match=path.replace("$", r"\$").replace(".", r"\.")):
        from_json(data)
