"""Issue 7 points 13, 15 and 16: help and docs in sync, exit codes documented, -v logging."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ereputation.cli import EXIT_CODES, EXIT_RENDER_FAILED, main
from ereputation.cli_reference import reference
from tests.conftest import EXAMPLE, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def every_command(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += every_command(command, f"{prefix}{name} ")
    return found


def test_docs_cli_md_is_generated_from_the_commands() -> None:
    # If this fails: python -m ereputation.cli_reference > docs/cli.md
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference()


def test_every_command_and_option_has_help_in_the_reference() -> None:
    text = reference()
    for name, command in every_command(main):
        assert f"## `ereputation {name}`" in text
        assert command.help and command.short_help, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts}"
                assert param.opts[-1] in text, f"{name} {param.opts}"


def test_the_command_list_shows_whole_summaries() -> None:
    for args in ([], ["checklist"], ["trades"]):
        shown = CliRunner().invoke(main, [*args, "--help"], terminal_width=80).output
        commands = shown.split("Commands:")[1]
        assert "..." not in commands
        group = main if not args else main.commands[args[0]]
        assert isinstance(group, click.Group)
        for command in group.commands.values():
            assert command.short_help and " ".join(command.short_help.split()[:4]) in commands


def test_every_exit_code_is_in_the_readme_and_the_reference() -> None:
    rows = set(re.findall(r"^\| (\d+) \|", README, flags=re.MULTILINE))
    assert rows == {str(code) for code, _ in EXIT_CODES}
    assert all(f"| {code} | {meaning} |" in reference() for code, meaning in EXIT_CODES)


@pytest.mark.parametrize(
    "words", ["--lang", "--checklist", "init PATH --force", "-v", "docs/cli.md"]
)
def test_the_readme_documents_the_options_a_new_user_needs(words: str) -> None:
    assert words in README


@pytest.fixture
def failing_chromium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\necho 'GPU process crashed' >&2\nexit 1\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("EREPUTATION_CHROMIUM", str(fake))
    return fake


def test_a_failing_pdf_printer_is_exit_status_3_not_bad_input(
    failing_chromium: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(
        main, ["audit", str(EXAMPLE), "--offline", "--lang", "en", "-o", str(out)]
    )
    assert result.exit_code == EXIT_RENDER_FAILED == 3
    assert "the report could not be rendered" in result.output
    assert "exit status 1" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_verbose_logs_a_failing_piece_to_stderr(failing_chromium: Path, tmp_path: Path) -> None:
    args = ["audit", str(EXAMPLE), "--offline", "-o", str(tmp_path / "r.pdf")]
    quiet = CliRunner().invoke(main, args)
    assert "DEBUG" not in quiet.stderr
    loud = CliRunner().invoke(main, ["-vv", *args])
    assert loud.exit_code == 3
    assert f"DEBUG ereputation.formats.pdf: {failing_chromium} exited with status 1" in loud.stderr
    assert "GPU process crashed" in loud.stderr
    assert loud.stdout == ""


def test_verbose_says_why_a_config_gave_no_language(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["-vv", "validate", str(tmp_path / "missing.toml")])
    assert result.exit_code == 2
    assert "DEBUG ereputation.cli: no language from" in result.stderr


def test_one_v_logs_steps_and_none_without_it() -> None:
    quiet = CliRunner().invoke(main, ["validate", str(EXAMPLE)])
    assert quiet.stderr == ""
    loud = CliRunner().invoke(main, ["-v", "validate", str(EXAMPLE)])
    assert loud.exit_code == 0
    assert "INFO ereputation.cli: " in loud.stderr and "3 profile(s)" in loud.stderr
    assert "DEBUG" not in loud.stderr


def test_log_lines_carry_no_terminal_escapes() -> None:
    import logging

    CliRunner().invoke(main, ["-v", "schema"])  # installs the handler
    runner = CliRunner()
    with runner.isolation() as (_, _, err):
        logging.getLogger("ereputation.test").warning("server said \x1b[31mred\x1b]0;x\x07")
        shown = err.getvalue().decode("utf-8")
    assert "server said" in shown and "\x1b" not in shown and "\x07" not in shown


def test_a_missing_pdf_engine_is_exit_status_3_with_the_install_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EREPUTATION_CHROMIUM", str(tmp_path / "no-such-browser"))
    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(main, ["audit", str(EXAMPLE), "--offline", "-o", str(out)])
    assert result.exit_code == 3
    assert "apt-get install chromium" in result.output and not out.exists()
