"""Issue 9 point 5: `init --update` asks only the unanswered questions and those named, and edits
the config in place: other answers byte for byte, comments, layout, notes and mode kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.errors import InputError
from ereputation.followup import _check_only_answers_changed, with_answers
from tests.conftest import MINI_CHECKLIST

CONFIG = f"""# Sam's profile, first interview on 2026-09-01.
checklist = "{MINI_CHECKLIST}"

[person]
name   = "Sam Doe"      # spacing and this comment are the counsellor's
language = "en"

[audit]
counsellor = "Nadia"
consent_date = 2026-09-01
consent_scope = "checklist"

[answers]
# Objective?
objective_defined = 'vague'   # literal string, odd spacing: kept as typed
# time_budget = ""
party_photos = {{ answer = "some", note = "found at the 2023 staff party" }}
privacy_settings = "yes"
"""


def write_config(tmp_path: Path, text: str = CONFIG, mode: int = 0o640) -> Path:
    path = tmp_path / "sam.toml"
    path.write_text(text, encoding="utf-8")
    path.chmod(mode)
    return path


def update(path: Path, *args: str, typed: list[str], lang: str = "en") -> Result:
    command = ["init", str(path), "--update", "--lang", lang, *args]
    return CliRunner().invoke(main, command, input="\n".join(typed) + "\n")


def test_only_unanswered_and_named_items_are_asked_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    # Asked, in the checklist's order: time_budget (placeholder), profile_complete (absent),
    # party_photos (named). objective_defined and privacy_settings are answered: not asked.
    result = update(path, "--item", "party_photos", typed=["1", "2", "1"])
    assert result.exit_code == 0, result.output
    assert "Questions to ask: 3 (time_budget, profile_complete, party_photos)." in result.output
    assert "Objective?" not in result.output and "Settings locked?" not in result.output
    assert "Current answer: Some. Press Enter to keep it." in result.output
    assert "3 answer(s) added or changed" in result.output
    after = path.read_text(encoding="utf-8")
    before_lines, after_lines = CONFIG.splitlines(), after.splitlines()
    changed = [(b, a) for b, a in zip(before_lines, after_lines, strict=False) if b != a]
    assert changed == [
        ('# time_budget = ""', 'time_budget = "weekly_slot"'),  # on the placeholder's line
        (
            'party_photos = { answer = "some", note = "found at the 2023 staff party" }',
            'party_photos = { answer = "none", note = "found at the 2023 staff party" }',
        ),
    ]
    # Every other line is byte-identical, comments included; the new answer comes last.
    assert after_lines[: len(before_lines)] == [
        a if (b, a) in changed else b for b, a in zip(before_lines, after_lines, strict=False)
    ]
    assert after_lines[len(before_lines) :] == ['profile_complete = "partly"']
    answers = load_profile(path).answers
    assert answers["party_photos"].note == "found at the 2023 staff party"
    assert answers["objective_defined"].value == "vague"
    assert (path.stat().st_mode & 0o777) == 0o640


def test_enter_keeps_a_named_answer_and_nothing_changed_writes_nothing(tmp_path: Path) -> None:
    text = CONFIG.replace('# time_budget = ""', 'time_budget = "none"').replace(
        'privacy_settings = "yes"', 'privacy_settings = "yes"\nprofile_complete = "no"'
    )
    path = write_config(tmp_path, text)
    before = os.stat(path).st_mtime_ns
    result = update(path, "--item", "privacy_settings", typed=[""])
    assert result.exit_code == 0, result.output
    assert "Current answer: Yes. Press Enter to keep it." in result.output
    assert "0 answer(s) added or changed" in result.output
    assert path.read_text(encoding="utf-8") == text
    assert os.stat(path).st_mtime_ns == before


def test_every_question_answered_and_none_named_asks_nothing(tmp_path: Path) -> None:
    text = CONFIG.replace('# time_budget = ""', 'time_budget = "none"').replace(
        'privacy_settings = "yes"', 'privacy_settings = "yes"\nprofile_complete = "no"'
    )
    path = write_config(tmp_path, text)
    result = update(path, typed=[])
    assert result.exit_code == 0, result.output
    assert "Every question has an answer: nothing to ask." in result.output
    assert path.read_text(encoding="utf-8") == text


def test_an_answer_that_is_no_choice_counts_as_unanswered(tmp_path: Path) -> None:
    path = write_config(tmp_path, CONFIG.replace("'vague'", "'sort of'"))
    result = update(path, typed=["1", "", ""])
    assert result.exit_code == 0, result.output
    asked = "Questions to ask: 3 (objective_defined, time_budget, profile_complete)."
    assert asked in result.output
    assert load_profile(path).answers["objective_defined"].value == "yes"
    assert 'objective_defined = "yes"   # literal string' in path.read_text(encoding="utf-8")


def test_skipping_an_unanswered_question_leaves_its_placeholder(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    result = update(path, typed=["", "3"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert '# time_budget = ""' in text and 'profile_complete = "no"' in text


def test_an_unknown_item_gets_a_did_you_mean_and_nothing_is_asked(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    result = update(path, "--item", "party_foto", "--item", "zzz", typed=[])
    assert result.exit_code == 2
    assert "--item: no item 'party_foto' in checklist mini; did you mean party_photos?" in (
        result.output
    )
    assert "no item 'zzz'" in result.output
    assert "Questions to ask" not in result.output and "Traceback" not in result.output
    assert path.read_text(encoding="utf-8") == CONFIG


def test_item_without_update_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    result = CliRunner().invoke(main, ["init", str(target), "--item", "party_photos"])
    assert result.exit_code == 2
    assert "--item is only used with --update" in result.output
    assert not target.exists()


def test_update_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = update(tmp_path / "nope.toml", typed=[])
    assert result.exit_code == 2
    assert "nope.toml" in result.output and "Traceback" not in result.output


def test_a_config_without_answers_gets_the_section(tmp_path: Path) -> None:
    text = CONFIG.split("[answers]")[0]
    path = write_config(tmp_path, text)
    result = update(path, typed=["1", "", "", "", ""])
    assert result.exit_code == 0, result.output
    after = path.read_text(encoding="utf-8")
    assert after.startswith(text)
    assert load_profile(path).answers["objective_defined"].value == "yes"


def test_the_follow_up_speaks_french(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    result = update(path, typed=["", ""], lang="fr")
    assert result.exit_code == 0, result.output
    assert "Questions à poser" in result.output
    assert "0 réponse(s) ajoutée(s) ou modifiée(s)" in result.output


def test_a_config_written_by_init_is_updated_on_its_placeholder_lines(tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    typed = ["Sam Doe", "", "", "", "", "", "", "", "", "1", "", "", "", "", ""]
    first = CliRunner().invoke(
        main,
        ["init", str(target), "--checklist", str(MINI_CHECKLIST), "--lang", "en"],
        input="\n".join(typed) + "\n",
    )
    assert first.exit_code == 0, first.output
    written = target.read_text(encoding="utf-8")
    assert '# time_budget = ""' in written
    result = CliRunner().invoke(
        main,
        ["init", str(target), "--update", "--checklist", str(MINI_CHECKLIST)],
        input="\n".join(["1", "", "", "", "", ""]) + "\n",
    )
    assert result.exit_code == 0, result.output
    after = target.read_text(encoding="utf-8")
    assert after == written.replace('# time_budget = ""', 'time_budget = "weekly_slot"', 1)
    assert (target.stat().st_mode & 0o777) == 0o600


def test_a_change_beyond_the_answers_is_refused_before_writing(tmp_path: Path) -> None:
    edited = with_answers(CONFIG, {"time_budget": "none"}, tmp_path / "sam.toml")
    assert 'time_budget = "none"' in edited
    with pytest.raises(InputError, match="add them by hand"):
        _check_only_answers_changed(
            CONFIG, edited.replace('"Sam Doe"', '"Sam"'), {"time_budget": "none"}, Path("x")
        )
