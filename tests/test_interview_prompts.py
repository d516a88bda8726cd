"""Issue 7 point 10: `init` explains what it asks again, and asks for the whole [audit] record."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ereputation.checklist import load_checklist
from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.interview import Ask, Say, conduct
from tests.conftest import MINI_CHECKLIST, ROOT

TODAY = dt.date(2026, 11, 25)
NO_TRADE = ["", "", ""]  # role aliases, trade, career change: all skipped


def scripted(answers: list[str]) -> tuple[list[str], list[str], Ask, Say]:
    asked: list[str] = []
    said: list[str] = []
    queue = list(answers)

    def ask(prompt: str, default: str) -> str:
        asked.append(prompt)
        answer = queue.pop(0) if queue else ""
        return answer or default

    return asked, said, ask, said.append


def test_an_empty_name_and_a_bad_date_are_asked_again_with_the_reason() -> None:
    checklist = load_checklist(MINI_CHECKLIST)
    answers = ["", "Sam", "", "", *NO_TRADE, "", "", "Nadia", "le 3 mai", "2026-11-20"]
    consent = ["", ""]  # scope and retention: the defaults
    more = ["REF-1", "2026-13-01", "2026-11-24", "Premier entretien"]
    asked, said, ask, say = scripted([*answers, *consent, *more])
    interview = conduct(checklist, "en", ask, say, TODAY)
    assert "This answer is required." in said
    assert "'le 3 mai' is not a date: write it as YYYY-MM-DD, for example 2026-11-25." in said
    assert "'2026-13-01' is not a date: write it as YYYY-MM-DD, for example 2026-11-25." in said
    assert asked.count("Full name") == 2
    assert interview.consent_date == dt.date(2026, 11, 20)
    assert interview.client_reference == "REF-1"
    assert interview.audit_date == dt.date(2026, 11, 24)
    assert interview.note == "Premier entretien"


def test_french_interview_explains_in_french() -> None:
    checklist = load_checklist(MINI_CHECKLIST)
    _, said, ask, say = scripted(
        ["", "Sam", "", "", *NO_TRADE, "", "linkedin.com/in/sam", "", "Nadia", "x"]
    )
    conduct(checklist, "fr", ask, say, TODAY)
    assert "Cette réponse est obligatoire." in said
    assert any("vouliez-vous dire https://linkedin.com/in/sam" in line for line in said)
    assert any(line.startswith("'x' n'est pas une date") for line in said)


def test_init_writes_the_audit_record(tmp_path: Path) -> None:
    target = tmp_path / "p.toml"
    lines = ["", "Sam Doe", "", "", *NO_TRADE, "", "", "Nadia", "2026-11-20", "", "", "F-7", "nope"]
    result = CliRunner().invoke(
        main,
        ["init", str(target), "--checklist", str(MINI_CHECKLIST), "--lang", "en"],
        input="\n".join([*lines, "2026-11-21", "Second interview", *[""] * 10]) + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "This answer is required." in result.output
    assert "'nope' is not a date" in result.output
    audit = load_profile(target).audit
    assert (audit.counsellor, audit.client_reference, audit.note) == (
        "Nadia",
        "F-7",
        "Second interview",
    )
    assert (str(audit.consent_date), str(audit.date)) == ("2026-11-20", "2026-11-21")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_init_through_a_real_terminal(tmp_path: Path) -> None:
    import pty
    import subprocess

    target = tmp_path / "p.toml"
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "LANG": "C.UTF-8"}
    command = ["init", str(target), "--checklist", str(MINI_CHECKLIST), "--lang", "en"]
    process = subprocess.Popen(
        [sys.executable, "-m", "ereputation", *command],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
        close_fds=True,
    )
    os.close(secondary)
    lines = ["", "Sam Doe", "", "", *NO_TRADE, "", "", "Nadia", "20/11/2026", "2026-11-20"]
    os.write(primary, ("\n".join(lines + [""] * 12) + "\n").encode())
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert process.wait(timeout=30) == 0, shown
    text = shown.decode("utf-8", "replace")
    assert "This answer is required." in text
    assert "'20/11/2026' is not a date" in text
    assert load_profile(target).audit.consent_date == dt.date(2026, 11, 20)


def test_ctrl_c_or_end_of_input_in_init_writes_nothing_and_exits_130(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "p.toml"
    command = ["init", str(target), "--checklist", str(MINI_CHECKLIST), "--lang", "en"]
    ended = CliRunner().invoke(main, command, input="Sam\n")  # input ends mid-interview
    assert ended.exit_code == 130, ended.output
    assert "Interrupted: nothing was written." in ended.output
    assert "Aborted" not in ended.output and not target.exists()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("ereputation.interview.conduct", interrupted)
    stopped = CliRunner().invoke(main, command, env={"LANG": "fr_FR.UTF-8", "LC_ALL": ""})
    assert stopped.exit_code == 130
    assert "Interrompu\u00a0: rien n'a été écrit." in stopped.output and not target.exists()


def test_init_asks_what_the_client_agreed_to_and_the_retention() -> None:
    """Issue 9 point 4: with a counsellor, the consent scope and the retention are asked, each
    again until valid, and written to the [audit] section."""
    from ereputation.config import parse_profile
    from ereputation.interview import to_toml
    from ereputation.tomlfile import tomllib

    checklist = load_checklist(MINI_CHECKLIST)
    lines = ["", "Sam", "", "", *NO_TRADE, "", "", "Nadia", "2026-11-30", "2026-11-20"]
    asked, said, ask, say = scripted([*lines, "4", "2", "0", "36"])
    interview = conduct(checklist, "en", ask, say, TODAY)
    assert (
        "2026-11-30 is still to come: write the day of the agreement, 2026-11-25 at the latest."
        in said
    )
    assert "Answer 1, 2 or 3." in said
    assert "'0' is not accepted: write a number of months from 1 to 60." in said
    assert asked.count("Consent (1, 2 or 3)") == 2
    assert (interview.consent_scope, interview.retention_months) == ("checklist_and_profiles", 36)
    problems: list[object] = []
    text = to_toml(interview, checklist)
    profile = parse_profile(tomllib.loads(text), problems)  # type: ignore[arg-type]
    assert problems == [] and profile is not None
    assert profile.audit.consent_scope == "checklist_and_profiles"
    assert profile.audit.retention_months == 36
    assert profile.audit.consent_date == dt.date(2026, 11, 20)


def test_the_consent_defaults_are_the_checklist_only_and_two_years() -> None:
    checklist = load_checklist(MINI_CHECKLIST)
    lines = ["", "Sam", "", "", *NO_TRADE, "", "", "Nadia", ""]
    _, said, ask, say = scripted(lines)
    interview = conduct(checklist, "fr", ask, say, TODAY)
    assert (interview.consent_scope, interview.retention_months) == ("checklist", 24)
    assert any(line.startswith("À quoi la personne a-t-elle consenti") for line in said)


def test_no_consent_question_without_a_counsellor() -> None:
    from ereputation.interview import to_toml

    checklist = load_checklist(MINI_CHECKLIST)
    asked, _, ask, say = scripted(["", "Sam"])
    interview = conduct(checklist, "en", ask, say, TODAY)
    assert not any("Consent" in prompt or "Months" in prompt for prompt in asked)
    assert "consent_scope" not in to_toml(interview, checklist)
