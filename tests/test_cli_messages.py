"""Issue 7 point 7: the CLI's own lines follow the report language; cli.toml is complete."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from click.testing import CliRunner

from ereputation import messages as messages_module
from ereputation.cli import main
from ereputation.errors import Problem
from ereputation.messages import language_from_environment, word_files
from ereputation.tomlfile import load_toml
from tests.conftest import EXAMPLE, MINI_CHECKLIST, ROOT, Writer

ENGLISH = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("path", word_files("cli.toml") + word_files("messages.toml"), ids=str)
def test_cli_words_exist_in_french_and_english_with_the_same_placeholders(path: Path) -> None:
    data = load_toml(path)
    assert set(data) == {"fr", "en"}
    assert data["fr"].keys() == data["en"].keys()
    for key, english in data["en"].items():
        assert placeholders(data["fr"][key]) == placeholders(english), key
        assert english.strip() and data["fr"][key].strip(), key


def test_a_word_defined_in_two_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cli.toml").write_text('[fr]\nhello = "salut"\n[en]\nhello = "hi"\n')
    (tmp_path / "cli_extra.toml").write_text('[fr]\nhello = "bonjour"\n[en]\nhello = "hello"\n')
    monkeypatch.setattr(messages_module, "templates_dir", lambda: tmp_path)
    messages_module._raw.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"cli_extra.toml: \[fr\] hello is already defined"):
            messages_module._raw("cli.toml")
    finally:
        messages_module._raw.cache_clear()


def test_every_problem_code_in_the_code_has_words() -> None:
    data = messages_module._raw("cli.toml")
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py"))
    codes = set(re.findall(r'coded\(\s*[^,()]+,\s*"([a-z_]+)"', source))
    for line in re.findall(r'code = "[a-z_]+" if .* else "[a-z_]+"', source):
        codes |= set(re.findall(r'"([a-z_]+)"', line))
    assert {"unknown_key", "required", "date", "bad_answer", "too_deep"} <= codes
    for code in codes:
        assert f"problem_{code}" in data["en"], code


def test_a_coded_problem_reads_in_both_languages() -> None:
    problem = Problem.coded("person.langage", "unknown_key_close", close="language")
    assert str(problem) == "person.langage: unknown key; did you mean language?"
    assert problem.text("fr") == "clé inconnue\u202f; vouliez-vous dire language\u202f?"


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_MESSAGES": "fr_BE", "LANG": "en_US"}, "fr"),
        ({}, "en"),
    ],
)
def test_the_locale_decides_when_nothing_else_does(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


def test_validation_messages_follow_the_config_language(write: Writer) -> None:
    text = '[person]\nname = "A"\nlanguage = "{}"\ntarget_rol = "x"\n[answers]\nnope = "yes"\n'
    runner = CliRunner()
    french = runner.invoke(
        main, ["validate", str(write("fr.toml", text.format("fr")))], env=ENGLISH
    )
    assert french.exit_code == 2
    assert "Erreur\u00a0: 2 problèmes\u00a0:" in french.output
    assert (
        "person.target_rol: clé inconnue\u202f; vouliez-vous dire target_role\u202f?"
        in french.output
    )
    assert "pas de question 'nope' dans la liste" in french.output
    english = runner.invoke(
        main, ["validate", str(write("en.toml", text.format("en")))], env=FRENCH
    )
    assert "Error: 2 problems:" in english.output
    assert "person.target_rol: unknown key; did you mean target_role?" in english.output
    assert "no item 'nope' in checklist" in english.output


def test_lang_option_wins_over_the_config(write: Writer) -> None:
    path = write("p.toml", '[person]\nname = "A"\nlanguage = "fr"\nage = 3\n')
    result = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert "person.age: unknown key" in result.output and "Error:" in result.output


@pytest.mark.parametrize(
    ("environ", "expected"),
    [(FRENCH, "Erreur\u00a0:"), (ENGLISH, "Error:")],
)
def test_an_unreadable_config_speaks_the_locale(
    write: Writer, environ: dict[str, str], expected: str
) -> None:
    path = write("broken.toml", "[person\n")
    result = CliRunner().invoke(main, ["validate", str(path)], env=environ)
    assert result.exit_code == 2 and result.output.startswith(expected)
    missing = CliRunner().invoke(main, ["audit", "/nonexistent/p.toml"], env=environ)
    assert ("fichier introuvable" if environ is FRENCH else "no such file") in missing.output


def test_report_written_and_fail_under_follow_the_report_language(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    runner = CliRunner()
    french = runner.invoke(main, ["audit", str(EXAMPLE), "--offline", "-o", str(out)])
    assert f"Rapport écrit dans {out}" in french.output
    english = runner.invoke(
        main,
        ["audit", str(EXAMPLE), "--offline", "-o", str(out), "--lang", "en", "--fail-under", "99"],
    )
    assert english.exit_code == 1
    assert f"Report written to {out}" in english.output
    assert "is below --fail-under 99" in english.output


def test_valid_line_and_existing_file_in_french(write: Writer) -> None:
    runner = CliRunner()
    valid = runner.invoke(main, ["validate", str(EXAMPLE)])
    assert valid.exit_code == 0
    assert "valide (37 questions sur 39 ont une réponse, 3 profil(s)" in valid.output
    existing = write("p.toml", "keep")
    refused = runner.invoke(main, ["init", str(existing), "--lang", "fr"])
    assert refused.exit_code == 2
    assert "existe déjà\u202f; ajoutez --force pour le remplacer" in refused.output
    custom = runner.invoke(main, ["validate", str(EXAMPLE), "--checklist", str(MINI_CHECKLIST)])
    assert "pas de question" in custom.output  # answers unknown to the mini checklist


def test_type_errors_name_the_types_in_the_messages_language(write: Writer) -> None:
    path = write("p.toml", '[person]\nname = 3\nlanguage = "fr"\nkeywords = "SQL"\n')
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert "person.name: doit être une chaîne entre guillemets, pas un nombre entier" in (
        result.output
    )
    assert "person.keywords: doit être une liste entre crochets [ ], pas une chaîne" in (
        result.output
    )
    english = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert "person.name: must be a string, not an integer" in english.output
    assert "person.keywords: must be an array, not a string" in english.output


def test_config_problems_of_countries_urls_and_answers_read_in_french(write: Writer) -> None:
    from ereputation.config import read_profile

    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace("[person]\n", '[person]\ncountry = "XX"\n', 1)
    text += '\n[[profiles]]\nurl = "https://user:pw@example.org/me"\n'
    _, problems = read_profile(write("fr.toml", text))
    french = " | ".join(p.text("fr") for p in problems)
    assert "n'est pas un code de pays ISO\u00a03166" in french or "code de pays ISO 3166" in french
    assert "contient un nom d'utilisateur ou un mot de passe" in french


@pytest.mark.parametrize(
    ("endpoint", "warned"),
    [
        ("http://search.team.example/", True),
        ("https://search.team.example/", False),
        ("http://127.0.0.1:8888/", False),
        ("http://localhost:8888/", False),
    ],
)
def test_a_name_search_in_clear_beyond_this_computer_is_warned_of(
    endpoint: str, warned: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from ereputation.audit import AuditOptions
    from ereputation.cli import _warn_plain_search
    from ereputation.config import load_profile

    profile = load_profile(EXAMPLE)
    profile = replace(profile, audit=replace(profile.audit, consent_scope=None, counsellor=None))
    _warn_plain_search(profile, AuditOptions(search_endpoint=endpoint), "fr")
    err = capsys.readouterr().err
    assert ("sans chiffrement" in err) is warned
    _warn_plain_search(profile, AuditOptions(search_endpoint=endpoint, offline=True), "en")
    assert capsys.readouterr().err == ""  # offline: nothing is sent at all
