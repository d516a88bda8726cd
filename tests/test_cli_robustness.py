"""Issue 7 point 5: deep nesting and a failing standard output give one message, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner

from ereputation.cli import EXIT_PIPE_CLOSED, main
from ereputation.tomlfile import MAX_DEPTH, too_deep_line
from tests.conftest import EXAMPLE, MINI_CHECKLIST, ROOT, Writer

DEPTH = 1000
DEEP_ARRAY = "a = " + "[" * DEPTH + "]" * DEPTH + "\n"
DEEP_TABLE = "a = " + "{b = " * DEPTH + "1" + "}" * DEPTH + "\n"


def cli(*args: str, stdout: int | IO[Any] = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ereputation", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def assert_one_clear_message(output: str, *fragments: str) -> None:
    assert "Traceback" not in output and "Exception ignored" not in output, output
    assert len(output.strip().splitlines()) == 1, output
    for fragment in fragments:
        assert fragment in output, output


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "inline-tables"])
def test_a_deeply_nested_config_is_bad_input(write: Writer, deep: str) -> None:
    path = write("deep.toml", '[person]\nname = "A"\n' + deep)
    runner = CliRunner()
    for command in (["validate", str(path)], ["audit", str(path), "--offline"]):
        result = runner.invoke(main, [*command, "--lang", "en"])
        assert result.exit_code == 2, result.output
        assert_one_clear_message(result.output, f"{path}:3:", "nested too deeply")
    done = cli("validate", str(path))
    assert done.returncode == 2
    assert_one_clear_message(done.stderr, "nested too deeply")


@pytest.mark.parametrize("deep", [DEEP_ARRAY, DEEP_TABLE], ids=["arrays", "inline-tables"])
def test_a_deeply_nested_checklist_is_bad_input(write: Writer, deep: str) -> None:
    checklist = write("deep-checklist.toml", MINI_CHECKLIST.read_text(encoding="utf-8") + deep)
    result = CliRunner().invoke(
        main, ["audit", str(EXAMPLE), "--offline", "--lang", "en", "--checklist", str(checklist)]
    )
    assert result.exit_code == 2
    assert f"{checklist}:" in result.output and "nested too deeply" in result.output
    assert "Traceback" not in result.output


def test_depth_scan_skips_strings_and_comments_and_allows_ordinary_nesting() -> None:
    brackets = "[[[[" * 40
    text = (
        f"a = \"{brackets}\"\nb = '{brackets}'\n# {brackets}\n"
        f'c = """\n{brackets}\n"""\nd = "\\"{brackets}"\n'
    )
    assert too_deep_line(text) is None
    ok = "x = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert too_deep_line(ok) is None
    assert too_deep_line("\n" + "y = " + "[" * (MAX_DEPTH + 1)) == 2
    assert too_deep_line(text + "z = " + "{a = " * (MAX_DEPTH + 1)) == 8


@pytest.mark.parametrize(
    "args",
    [
        ["audit", str(EXAMPLE), "--offline"],  # the text summary
        ["audit", str(EXAMPLE), "--offline", "-o", "-", "--format", "json"],
        ["validate", str(EXAMPLE)],
        ["schema"],
        ["--help"],
    ],
    ids=["summary", "json", "validate", "schema", "help"],
)
def test_a_full_standard_output_is_one_message_and_status_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = cli(*args, stdout=full)
    assert done.returncode == 2, done.stderr
    assert_one_clear_message(done.stderr, "No space left on device")


def test_a_full_standard_output_is_said_in_the_report_language() -> None:
    with open("/dev/full", "w") as full:
        done = cli("audit", str(EXAMPLE), "--offline", stdout=full)
    assert "impossible d'écrire sur la sortie standard" in done.stderr  # the example is French


def test_a_closed_pipe_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "ereputation", "audit", str(EXAMPLE), "--offline", "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={"PYTHONPATH": str(Path(ROOT) / "src"), "PATH": "/usr/bin:/bin"},
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head -c1` having read what it wanted
    stderr = process.stderr.read().decode("utf-8")
    assert process.wait(timeout=120) == EXIT_PIPE_CLOSED
    assert stderr == ""


def test_a_closed_pipe_through_head_leaves_no_traceback() -> None:
    command = (
        f"{sys.executable} -m ereputation checklist show --format json | head -c1 >/dev/null; "
        "exit ${PIPESTATUS[0]}"
    )
    done = subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, cwd=ROOT, timeout=120, check=False
    )
    assert done.stderr == ""
    assert done.returncode in (0, EXIT_PIPE_CLOSED)  # 0 when everything fitted in the pipe
