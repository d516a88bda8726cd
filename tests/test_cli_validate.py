"""Issue 7 points 6 and 11: every problem in one run, suggestions, suffixes that contradict."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ereputation.cli import FORMAT_NAMES, main
from ereputation.config import load_profile, url_problem
from ereputation.errors import ConfigError
from ereputation.formats import OutputFormat
from tests.conftest import EXAMPLE, Writer

THREE_SECTIONS_WRONG = """
[person]
name = "A"
langage = "fr"

[[profiles]]
url = "ftp://files.example/cv.pdf"

[answers]
objective_defined = "perhaps"
"""


@pytest.mark.parametrize("command", ["validate", "audit"])
def test_person_profile_and_answer_problems_come_in_one_run(write: Writer, command: str) -> None:
    path = write("p.toml", THREE_SECTIONS_WRONG)
    offline = ["--offline"] if command == "audit" else []
    result = CliRunner().invoke(main, [command, str(path), "--lang", "en", *offline])
    assert result.exit_code == 2
    assert "3 problems:" in result.output
    assert f"{path}: person.langage: unknown key; did you mean language?" in result.output
    assert f"{path}: profiles[0].url: 'ftp://files.example/cv.pdf': only http and https" in (
        result.output
    )
    assert f"{path}: answers.objective_defined: 'perhaps' is not an answer" in result.output


def test_answers_are_checked_even_without_a_person(write: Writer) -> None:
    path = write("p.toml", '[answers]\nobjective_definde = "yes"\n')
    result = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "person: is required" in result.output
    assert "answers.objective_definde: no item 'objective_definde'" in result.output
    assert "did you mean objective_defined?" in result.output


def test_a_url_without_scheme_gets_an_https_suggestion(write: Writer) -> None:
    assert url_problem("linkedin.com/in/x") == (
        "'linkedin.com/in/x' has no http:// or https://; did you mean https://linkedin.com/in/x?"
    )
    assert "vouliez-vous dire https://linkedin.com/in/x" in str(
        url_problem("linkedin.com/in/x", "fr")
    )
    assert "only http and https" in str(url_problem("mailto:someone@example.com"))
    path = write("p.toml", '[person]\nname = "A"\n[[profiles]]\nurl = "www.example.org/me"\n')
    with pytest.raises(ConfigError, match=r"profiles\[0\]\.url: .*did you mean https://www"):
        load_profile(path)


def test_a_misspelt_config_key_gets_a_suggestion(write: Writer) -> None:
    path = write("p.toml", '[person]\nname = "A"\nkeywrods = ["SQL"]\n[audti]\n')
    with pytest.raises(ConfigError) as exc:
        load_profile(path)
    shown = "\n".join(str(p) for p in exc.value.problems)
    assert "person.keywrods: unknown key; did you mean keywords?" in shown
    assert "audti: unknown key; did you mean audit?" in shown
    far = write("q.toml", '[person]\nname = "A"\nzzz = 1\n')
    with pytest.raises(ConfigError, match=r"person\.zzz: unknown key$"):
        load_profile(far)


@pytest.mark.parametrize(
    ("fmt", "name"), [("pdf", "report.html"), ("html", "report.pdf"), ("json", "r.md")]
)
def test_a_suffix_that_contradicts_the_format_is_refused(
    tmp_path: Path, fmt: str, name: str
) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["audit", str(EXAMPLE), "--offline", "--lang", "en", "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 2
    assert f"--format {fmt} contradicts the suffix of {out}" in result.output
    assert not out.exists()


@pytest.mark.parametrize("name", ["report.out", "report", "r.JSON"])
def test_a_suffix_that_names_no_other_format_is_accepted(tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    result = CliRunner().invoke(
        main, ["audit", str(EXAMPLE), "--offline", "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("{")


def test_format_names_come_from_the_enum_and_help_lists_every_suffix() -> None:
    assert tuple(f.value for f in OutputFormat) == FORMAT_NAMES
    shown = CliRunner().invoke(main, ["audit", "--help"], terminal_width=200).output
    assert "[text|json|md|html|pdf]" in shown
    for suffix in (".html", ".json", ".md", ".txt", ".pdf"):
        assert suffix in shown


@pytest.mark.parametrize(("command", "lang"), [("validate", "en"), ("audit", "fr")])
def test_an_unknown_trade_is_named_with_a_suggestion(
    write: Writer, command: str, lang: str
) -> None:
    path = write("p.toml", '[person]\nname = "A"\ntrade = "helthcare"\n')
    offline = ["--offline"] if command == "audit" else []
    result = CliRunner().invoke(main, [command, str(path), "--lang", lang, *offline])
    assert result.exit_code == 2
    assert f"{path}: person.trade: 'helthcare'" in result.output
    did_you_mean = "vouliez-vous dire healthcare" if lang == "fr" else "did you mean healthcare?"
    assert did_you_mean in result.output
    assert "Traceback" not in result.output


def test_validate_tells_the_inferred_trade_and_how_to_set_it(write: Writer) -> None:
    path = write("p.toml", '[person]\nname = "A"\ntarget_role = "Infirmière de nuit"\n')
    inferred = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert inferred.exit_code == 0, inferred.output
    assert 'write trade = "healthcare" in the [person] section' in inferred.output
    path.write_text('[person]\nname = "A"\ntarget_role = "Zzz"\n', encoding="utf-8")
    unknown = CliRunner().invoke(main, ["validate", str(path), "--lang", "fr"])
    assert "Aucun métier reconnu" in unknown.output
    path.write_text('[person]\nname = "A"\ntrade = "law"\n', encoding="utf-8")
    chosen = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert chosen.output.count("\n") == 1 and "valid" in chosen.output
