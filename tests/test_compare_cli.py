"""`ereputation render` and `compare` through Click's runner: the output rules of `audit`."""

from __future__ import annotations

import json
import stat
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from ereputation.audit import AuditOptions, run
from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.formats.html import FORMATTER as HTML
from ereputation.model import AuditResult, from_json, to_json
from ereputation.resources import schema_path
from tests.conftest import EXAMPLE, FIXED_NOW, FIXTURES
from tests.report.conftest import make_result


def _save(path: Path, result: AuditResult) -> Path:
    path.write_text(json.dumps(to_json(result), ensure_ascii=False), encoding="utf-8")
    return path


def _invoke(*args: str) -> Any:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def example_json(tmp_path: Path) -> Path:
    result = run(load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW, language="fr"))
    return _save(tmp_path / "example.json", result)


# --- render ------------------------------------------------------------------------------------


def test_render_gives_the_report_audit_gave(example_json: Path, tmp_path: Path) -> None:
    out = tmp_path / "again.html"
    done = _invoke("render", str(example_json), "-o", str(out))
    assert done.exit_code == 0, done.output
    result = from_json(json.loads(example_json.read_text(encoding="utf-8")))
    assert out.read_text(encoding="utf-8") == HTML.render(result)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "again.html" in done.stderr


@pytest.mark.parametrize("fmt", ["text", "md", "json"])
def test_render_in_every_textual_format_to_stdout(example_json: Path, fmt: str) -> None:
    done = _invoke("render", str(example_json), "--format", fmt)
    assert done.exit_code == 0, done.output
    assert "Camille Martin" in done.stdout
    if fmt == "json":
        assert json.loads(done.stdout) == json.loads(example_json.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted((FIXTURES / "results").glob("*.json")))
def test_render_reads_results_of_earlier_versions(path: Path) -> None:
    done = _invoke("render", str(path), "--format", "md")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("# ")


def test_render_refuses_another_language_with_a_clear_message(example_json: Path) -> None:
    done = _invoke("render", str(example_json), "--lang", "en")
    assert done.exit_code == 2
    assert "example.json is a result in French" in done.stderr
    assert "Leave out --lang en" in done.stderr
    assert "Traceback" not in done.output
    assert _invoke("render", str(example_json), "--lang", "fr").exit_code == 0


def test_render_refuses_a_suffix_that_contradicts_the_format(
    example_json: Path, tmp_path: Path
) -> None:
    done = _invoke("render", str(example_json), "-o", str(tmp_path / "r.md"), "--format", "html")
    assert done.exit_code == 2 and not (tmp_path / "r.md").exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b'{"schema_version": "1.2",\n  "tool": ', "line 2, column"),
        (b"\xff\xfe", "JSON"),
        (b'{"schema_version": "7.0"}', "$.schema_version"),
        (b"[]", "$: expected an object"),
        (b"[" * 200_000 + b"]" * 200_000, "nested too deep"),
    ],
)
def test_a_bad_result_file_is_one_message_and_exit_2(
    tmp_path: Path, content: bytes, words: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    done = _invoke("render", str(bad), "--lang", "en")
    assert done.exit_code == 2, done.output
    assert "bad.json" in done.stderr and words in done.stderr
    assert "Traceback" not in done.output


def test_a_bad_field_names_the_file_and_its_json_path(tmp_path: Path) -> None:
    data = to_json(make_result())
    data["findings"][1]["severity"] = "dire"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    done = _invoke("render", str(bad), "--lang", "en")
    assert done.exit_code == 2
    assert f"{bad}: $.findings[1].severity: 'dire' is not one of" in done.stderr


def test_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    done = _invoke("render", str(tmp_path / "nowhere.json"), "--lang", "en")
    assert done.exit_code == 2 and "nowhere.json: cannot be read" in done.stderr


# --- compare -----------------------------------------------------------------------------------


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    old = make_result("en")
    new = replace(
        old,
        generated_at="2026-06-01T09:30:00+00:00",
        actions=old.actions[1:],
        scores=replace(old.scores, visibility=52),
    )
    return _save(tmp_path / "old.json", old), _save(tmp_path / "new.json", new)


def test_compare_two_files_on_the_terminal(pair: tuple[Path, Path]) -> None:
    done = _invoke("compare", *map(str, pair))
    assert done.exit_code == 0, done.output
    assert "+12 (better)" in done.stdout and "Action title 1" in done.stdout


@pytest.mark.parametrize("suffix", ["html", "md", "json", "txt"])
def test_compare_writes_the_format_of_the_suffix_owner_only(
    pair: tuple[Path, Path], tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"progress.{suffix}"
    done = _invoke("compare", *map(str, pair), "-o", str(out))
    assert done.exit_code == 0, done.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = out.read_text(encoding="utf-8")
    if suffix == "html":
        assert BeautifulSoup(text, "html.parser").select("#compare-actions-done li")
    if suffix == "json":
        schema = json.loads(schema_path("compare").read_text("utf-8"))
        jsonschema.validate(json.loads(text), schema)
        assert json.loads(text)["visibility"]["change"] == 12


def test_compare_refuses_pdf_and_a_contradicting_suffix(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    assert _invoke("compare", *map(str, pair), "-o", str(tmp_path / "c.pdf")).exit_code == 2
    done = _invoke("compare", *map(str, pair), "-o", str(tmp_path / "c.md"), "--format", "json")
    assert done.exit_code == 2 and not (tmp_path / "c.md").exists()


@pytest.mark.parametrize("count", [0, 3])
def test_compare_needs_a_case_or_two_audits(pair: tuple[Path, Path], count: int) -> None:
    refs = [str(pair[0])] * count
    done = _invoke("compare", *refs, "--lang", "en")
    assert done.exit_code == 2
    assert "Give a case (CASE: its last two audits) or two audits" in done.stderr


def test_one_reference_is_a_case_of_the_history(pair: tuple[Path, Path]) -> None:
    # A file's path alone is read as a case name: the history holds none of that name.
    done = _invoke("compare", str(pair[0]), "--lang", "en")
    assert done.exit_code == 2
    assert "has 0 audit(s) in the history: comparing needs two" in done.stderr


def test_compare_a_bad_file_names_it(pair: tuple[Path, Path], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    done = _invoke("compare", str(pair[0]), str(bad), "--lang", "en")
    assert done.exit_code == 2 and "bad.json" in done.stderr


def test_a_file_too_large_for_a_result_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ereputation.cli_results

    monkeypatch.setattr(ereputation.cli_results, "MAX_RESULT_BYTES", 2**20)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (3 * 2**20))
    done = _invoke("render", str(big), "--lang", "en")
    assert done.exit_code == 2
    assert "big.json: too large for a result (3 MiB, at most 1 MiB)" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "²", "1"],  # a digit to Python, not a history id
        ["compare", "99999999999999999999999", "1"],  # beyond SQL's integers
        ["history", "--limit", "99999999999999999999999"],
    ],
)
def test_odd_ids_and_limits_are_one_clear_error(tmp_path: Path, args: list[str]) -> None:
    db = str(tmp_path / "h.sqlite3")
    done = CliRunner().invoke(main, [*args, "--db", db, "--lang", "en"])
    assert done.exit_code == 2, done.output
    assert isinstance(done.exception, SystemExit)  # a clear message, not an uncaught error
