"""Every command through Click's CliRunner: outputs, exit codes, files written."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.resources import schema_path
from tests.conftest import EXAMPLE, MINI_CHECKLIST, MINI_PROFILE, Writer


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def all_commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += all_commands(command, f"{prefix}{name} ")
    return found


def test_every_command_has_help_text(runner: CliRunner) -> None:
    commands = all_commands(main)
    assert {name for name, _ in commands} >= {
        "audit",
        "init",
        "validate",
        "checklist",
        "checklist list",
        "checklist show",
        "schema",
    }
    for name, command in commands:
        assert command.help and len(command.help) > 20, name
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"{name} {param.opts}"
        result = runner.invoke(main, [*name.split(), "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0 and "ereputation" in result.output


def test_audit_without_output_prints_a_text_summary(runner: CliRunner) -> None:
    result = runner.invoke(main, ["audit", str(EXAMPLE), "--offline"])
    assert result.exit_code == 0, result.output
    assert "Camille Martin" in result.output
    assert "Visibilité" in result.output and "Risque" in result.output
    assert "Plan d'action" in result.output


def test_lang_option_overrides_the_config_language(runner: CliRunner) -> None:
    result = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "--lang", "en"])
    assert result.exit_code == 0
    assert "Visibility" in result.output and "Action plan" in result.output


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.json", lambda text: json.loads(text)["subject"]["name"] == "Camille Martin"),
        ("r.html", lambda text: text.lstrip().lower().startswith("<!doctype html>")),
        ("r.md", lambda text: text.startswith("# ")),
        ("r.txt", lambda text: "Camille Martin" in text),
    ],
)
def test_output_format_follows_the_suffix(
    runner: CliRunner, tmp_path: Path, name: str, check: object
) -> None:
    out = tmp_path / name
    result = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert callable(check) and check(out.read_text(encoding="utf-8"))


def test_report_files_are_private_from_the_start(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    old = os.umask(0)  # even with a permissive umask, the report stays owner-only
    try:
        result = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "-o", str(out)])
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"], "no temporary file left behind"


def test_format_option_wins_over_suffix_and_dash_means_stdout(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["audit", str(EXAMPLE), "--offline", "-o", "-", "--format", "json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.output)["schema_version"].startswith("1.")


def test_unknown_suffix_asks_for_format(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["audit", str(EXAMPLE), "-o", str(tmp_path / "r.docx")])
    assert result.exit_code == 2
    assert "--format" in result.output


def test_unwritable_output_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "missing-dir" / "r.html"
    result = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "-o", str(out)])
    assert result.exit_code == 2
    assert "impossible d'écrire le rapport" in result.output  # the example is in French
    result = runner.invoke(
        main, ["audit", str(EXAMPLE), "--offline", "-o", str(out), "--lang", "en"]
    )
    assert "cannot write the report" in result.output
    assert "Traceback" not in result.output


def test_fail_under_exits_1_when_visibility_is_below(runner: CliRunner) -> None:
    low = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "--fail-under", "90"])
    assert low.exit_code == 1
    assert "Visibilité 48, en dessous du seuil --fail-under 90" in low.output
    low = runner.invoke(
        main, ["audit", str(EXAMPLE), "--offline", "--fail-under", "90", "--lang", "en"]
    )
    assert "Visibility 48 is below --fail-under 90" in low.output
    ok = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "--fail-under", "10"])
    assert ok.exit_code == 0


def test_checklist_option_and_config_checklist_key(runner: CliRunner) -> None:
    # mini_profile.toml names its checklist relative to itself.
    result = runner.invoke(main, ["audit", str(MINI_PROFILE), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["checklist"]["id"] == "mini"
    explicit = runner.invoke(
        main, ["audit", str(MINI_PROFILE), "--checklist", str(MINI_CHECKLIST), "--format", "json"]
    )
    assert json.loads(explicit.output)["checklist"]["id"] == "mini"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[person]\nname = "A"\nlanguage = \n', ":3:"),
        ('[person]\nname = "A"\n[[profiles]]\nurl = "javascript:alert(1)"\n', "profiles[0].url"),
        ('[person]\nname = "A"\n[answers]\nobjective_defined = "perhaps"\n', "allowed: yes"),
        (b'[person]\nname = "\xff"\n', "not UTF-8"),
    ],
)
def test_bad_input_gives_one_clear_message_and_status_2(
    runner: CliRunner, write: Writer, content: str | bytes, expected: str
) -> None:
    path = write("bad.toml", content)
    for command in (["audit", str(path)], ["validate", str(path)]):
        result = runner.invoke(main, command)
        assert result.exit_code == 2, result.output
        assert expected in result.output
        assert "Traceback" not in result.output
        assert str(path) in result.output


def test_missing_config_file(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["audit", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2 and "no such file" in result.output


def test_validate_reports_every_problem_at_once(runner: CliRunner, write: Writer) -> None:
    path = write(
        "p.toml",
        '[person]\nname = "A"\nage = 3\n[answers]\nobjective_defined = "perhaps"\n'
        'time_budget = "lots"\n',
    )
    # Schema errors come first; once fixed, answer errors are all listed together.
    first = runner.invoke(main, ["validate", str(path)])
    assert first.exit_code == 2 and "person.age: unknown key" in first.output
    path.write_text(
        '[person]\nname = "A"\n[answers]\nobjective_defined = "perhaps"\ntime_budget = "lots"\n',
        encoding="utf-8",
    )
    second = runner.invoke(main, ["validate", str(path)])
    assert second.exit_code == 2
    assert "2 problems" in second.output
    assert "answers.objective_defined" in second.output and "answers.time_budget" in second.output


def test_validate_accepts_the_example(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(EXAMPLE), "--lang", "en"])
    assert result.exit_code == 0
    assert "valid (37 of 39 questions answered, 3 profile(s)" in result.output


def test_bad_custom_checklist_is_reported(runner: CliRunner, write: Writer) -> None:
    checklist = write("c.toml", '[checklist]\nid = "x"\n')
    result = runner.invoke(
        main, ["audit", str(EXAMPLE), "--checklist", str(checklist), "--lang", "en"]
    )
    assert result.exit_code == 2
    assert "checklist.version: is required" in result.output


def test_checklist_list_shows_the_default(runner: CliRunner) -> None:
    result = runner.invoke(main, ["checklist", "list"])
    assert result.exit_code == 0
    assert "ereputation-default" in result.output
    assert "networks.toml" not in result.output, "data files beside checklists are not listed"


def test_checklist_show_json_shape(runner: CliRunner) -> None:
    result = runner.invoke(main, ["checklist", "show", "ereputation-default", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert {"id", "version", "items", "categories", "verdicts"} <= set(data)
    item = data["items"][0]
    assert {"id", "category", "kind", "question", "choices", "weight", "source"} <= set(item)
    assert {"value", "points", "label"} <= set(item["choices"][0])
    assert item["question"]["fr"] and item["question"]["en"]


def test_checklist_show_text_in_english_and_by_path(runner: CliRunner) -> None:
    result = runner.invoke(main, ["checklist", "show", str(MINI_CHECKLIST), "--lang", "en"])
    assert result.exit_code == 0
    assert "objective_defined" in result.output and "Objective?" in result.output


def test_checklist_show_unknown_id(runner: CliRunner) -> None:
    result = runner.invoke(main, ["checklist", "show", "nope"])
    assert result.exit_code == 2 and "no checklist 'nope'" in result.output


def test_schema_command_prints_the_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert json.loads(result.output)["title"] == "ereputation audit result"
    compared = runner.invoke(main, ["schema", "compare"])
    assert compared.exit_code == 0
    assert json.loads(compared.output) == json.loads(schema_path("compare").read_text("utf-8"))
    listed = runner.invoke(main, ["schema", "history"])
    assert listed.exit_code == 0
    assert json.loads(listed.output)["title"] == "ereputation history of recorded audits"
    assert json.loads(listed.output) == json.loads(schema_path("history").read_text("utf-8"))


def interview_input(answers: list[str]) -> str:
    return "\n".join(answers) + "\n"


def test_init_interviews_and_writes_a_valid_private_config(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "client.toml"
    lines = [
        'Zoé O\'Brien "ZO"',  # quotes must survive TOML writing
        "Chargée de communication",
        "réseaux sociaux, rédaction",
        "Chargée de com, Comms officer",  # role aliases
        "",  # trade: the one inferred from the role
        "peut-être",  # not yes or no, asked again
        "oui",  # career change
        "Nantes",
        "ftp://nope.example/",  # refused, asked again
        "https://www.linkedin.com/in/zoe-demo",
        "",
        "Nadia Benali",
        "2026-11-20",
        "",  # consent scope: checklist only (default)
        "",  # retention: 24 months (default)
        "DOS-42",  # client reference
        "",  # interview date: today by default
        "Reconversion",  # note
        "1",  # objective_defined -> yes
        "9",  # out of range, asked again
        "needs_help",  # computer_access by value
    ]
    result = runner.invoke(
        main,
        ["init", str(target), "--checklist", str(MINI_CHECKLIST), "--lang", "fr"],
        input=interview_input(lines + [""] * 10),
    )
    assert result.exit_code == 0, result.output
    assert "Adresse refusée" in result.output
    profile = load_profile(target)
    assert profile.person.name == 'Zoé O\'Brien "ZO"'
    assert profile.person.keywords == ("réseaux sociaux", "rédaction")
    assert profile.person.role_aliases == ("Chargée de com", "Comms officer")
    assert profile.person.trade == "marketing"
    assert profile.person.career_change is True
    assert "Répondez oui ou non." in result.output
    assert [p.url for p in profile.profiles] == ["https://www.linkedin.com/in/zoe-demo"]
    assert profile.audit.counsellor == "Nadia Benali"
    assert str(profile.audit.consent_date) == "2026-11-20"
    assert profile.audit.client_reference == "DOS-42"
    assert profile.audit.date == dt.date.today()
    assert profile.audit.note == "Reconversion"
    assert profile.answer_values == {"objective_defined": "yes"}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    audit = runner.invoke(main, ["audit", str(target), "--offline"])
    assert audit.exit_code == 0, audit.output


def test_init_never_overwrites_without_force(runner: CliRunner, write: Writer) -> None:
    existing = write("profile.toml", "keep me")
    result = runner.invoke(main, ["init", str(existing), "--lang", "en"], input="\n")
    assert result.exit_code == 2 and "--force" in result.output
    assert existing.read_text(encoding="utf-8") == "keep me"


def test_init_with_default_checklist_in_english(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "p.toml"
    result = runner.invoke(
        main,
        ["init", str(target), "--lang", "en", "--force"],
        input=interview_input(["Sam Doe", "", "", "", "", "", "", "", "", "1"] + [""] * 60),
    )
    assert result.exit_code == 0, result.output
    assert "Full name" in result.output
    text = target.read_text(encoding="utf-8")
    assert 'objective_defined = "yes"' in text
    assert "# computer_access" in text  # skipped questions stay as commented hints
    assert load_profile(target).person.language == "en"


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "ereputation", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "audit" in done.stdout


def test_pdf_needs_an_output_file(runner: CliRunner) -> None:
    result = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "--format", "pdf"])
    assert result.exit_code == 2 and "-o rapport.pdf" in result.output


def test_pdf_report_is_written_privately(runner: CliRunner, tmp_path: Path) -> None:
    from ereputation.formats.pdf import find_chromium, weasyprint_available

    if not find_chromium() and not weasyprint_available():
        pytest.skip("no PDF engine here (CI installs chromium)")
    out = tmp_path / "rapport.pdf"
    result = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_init_escapes_characters_toml_forbids(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "p.toml"
    lines = ["Camille", "Data \\ analyst \x7f", "", "", "", ""]
    result = runner.invoke(
        main,
        ["init", str(target), "--checklist", str(MINI_CHECKLIST), "--lang", "en"],
        input=interview_input(lines + [""] * 10),
    )
    # Control characters typed in are dropped; a backslash is escaped; the config loads.
    assert result.exit_code == 0, result.output
    assert load_profile(target).person.target_role == "Data \\ analyst"


def test_the_cli_loads_no_network_module_to_start() -> None:
    # Every command pays for what `import ereputation.cli` loads: requests and urllib3 (about
    # 80 ms) wait until a command visits or probes something.
    import subprocess
    import sys

    code = (
        "import sys; from ereputation.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('requests', 'urllib3') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
