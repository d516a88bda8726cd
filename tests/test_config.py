"""The profile config: valid files load; every kind of bad input gives located messages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ereputation.config import load_profile, url_problem
from ereputation.errors import ConfigError
from tests.conftest import EXAMPLE, Writer

MINIMAL = '[person]\nname = "Camille Martin"\n'


def messages(exc: pytest.ExceptionInfo[ConfigError]) -> list[str]:
    return [str(p) for p in exc.value.problems]


def test_bundled_example_loads_with_every_section() -> None:
    profile = load_profile(EXAMPLE)
    assert profile.person.name == "Camille Martin"
    assert profile.person.language == "fr"
    assert "SQL" in profile.person.keywords
    assert profile.person.trade == "data" and profile.person.career_change
    assert "Analyste de données" in profile.person.role_aliases
    assert profile.audit.consent_date == dt.date(2026, 11, 18)
    assert len(profile.profiles) == 3
    assert profile.answers["contact_details_public"].note


def test_minimal_config_gets_defaults(write: Writer) -> None:
    profile = load_profile(write("p.toml", MINIMAL))
    assert profile.person.language == "fr"
    assert profile.person.keywords == ()
    assert profile.profiles == ()
    assert profile.answers == {}


def test_syntax_error_is_reported_as_file_line_column(write: Writer) -> None:
    path = write("p.toml", MINIMAL + "keywords = [\n")
    with pytest.raises(ConfigError) as exc:
        load_profile(path)
    (message,) = messages(exc)
    assert re.match(rf"{re.escape(str(path))}:\d+(:\d+)?: invalid TOML", message)


def test_syntax_error_line_number_points_at_the_bad_line(write: Writer) -> None:
    path = write("p.toml", '[person]\nname = "A"\ntarget_role = oops\n')
    with pytest.raises(ConfigError) as exc:
        load_profile(path)
    assert messages(exc)[0].startswith(f"{path}:3:")


def test_every_schema_error_is_reported_at_once_with_key_paths(write: Writer) -> None:
    path = write(
        "p.toml",
        """
[person]
name = "A"
langage = "fr"
keywords = "SQL"

[[profiles]]
url = "https://ok.example/"

[[profiles]]
url = "ftp://files.example/cv.pdf"

[[profiles]]
url = "https://ok.example/2"
netwrok = "github"

[answers]
objective_defined = 3
""",
    )
    with pytest.raises(ConfigError) as exc:
        load_profile(path)
    text = "\n".join(messages(exc))
    assert "person.langage: unknown key" in text
    assert "person.keywords: must be an array" in text
    assert "profiles[1].url:" in text and "only http and https" in text
    assert "profiles[2].netwrok: unknown key" in text
    assert "answers.objective_defined:" in text
    assert len(exc.value.problems) == 5
    assert all(m.startswith(f"{path}: ") for m in messages(exc))


def test_missing_person_name_is_named(write: Writer) -> None:
    with pytest.raises(ConfigError) as exc:
        load_profile(write("p.toml", "[person]\ntarget_role = 'x'\n"))
    assert any("person.name: is required" in m for m in messages(exc))


def test_unknown_top_level_table_is_rejected(write: Writer) -> None:
    with pytest.raises(ConfigError) as exc:
        load_profile(write("p.toml", MINIMAL + "[answer]\nx = 'y'\n"))
    assert any(m.endswith("answer: unknown key; did you mean answers?") for m in messages(exc))


def test_language_must_be_fr_or_en(write: Writer) -> None:
    with pytest.raises(ConfigError) as exc:
        load_profile(write("p.toml", MINIMAL + 'language = "de"\n'))
    assert "person.language: 'de' is not allowed; use one of: fr, en" in messages(exc)[0]


def test_country_is_an_iso_code_read_in_upper_case(write: Writer) -> None:
    assert load_profile(write("p.toml", MINIMAL)).person.country is None
    assert load_profile(write("p.toml", MINIMAL + 'country = "be"\n')).person.country == "BE"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("XX", "person.country: 'XX' is not an ISO 3166 country code"),
        ("UK", "person.country: 'UK' is not an ISO 3166 country code (GB for the United Kingdom)"),
        (
            "France",
            "person.country: 'France' is not valid (two letters: FR, BE, CH, CA, GB, US...)",
        ),
    ],
)
def test_a_wrong_country_is_named(write: Writer, value: str, message: str) -> None:
    with pytest.raises(ConfigError) as exc:
        load_profile(write("p.toml", MINIMAL + f'country = "{value}"\n'))
    assert any(m.endswith(message) for m in messages(exc)), messages(exc)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_profile(tmp_path / "absent.toml")


def test_directory_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is a directory"):
        load_profile(tmp_path)


def test_non_utf8_file_names_the_line(write: Writer) -> None:
    path = write("p.toml", b'[person]\nname = "Ren\xe9"\n')
    with pytest.raises(ConfigError) as exc:
        load_profile(path)
    assert messages(exc)[0].startswith(f"{path}:2: the file is not UTF-8")


def test_byte_order_mark_is_accepted(write: Writer) -> None:
    path = write("p.toml", b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_profile(path).person.name == "Camille Martin"


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("javascript:alert(1)", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("github.com/someone", "did you mean https://github.com/someone?"),
        ("https://user:secret@example.com/", "user name or password"),
        ("https:///nohost", "no host"),
        ("https://example.com:99999/", "not a valid URL"),
        ("https://exa mple.com/", "spaces"),
    ],
)
def test_unusable_urls_are_refused(url: str, fragment: str) -> None:
    problem = url_problem(url)
    assert problem is not None and fragment in problem


def test_http_and_https_urls_are_accepted() -> None:
    assert url_problem("http://example.com/a?b=c") is None
    assert url_problem("HTTPS://Example.com/") is None


def test_duplicate_profile_urls_are_reported(write: Writer) -> None:
    text = (
        MINIMAL
        + '[[profiles]]\nurl = "http://www.a.example/x"\n'
        + '[[profiles]]\nurl = "https://A.example/x/"\n'
    )
    with pytest.raises(ConfigError, match="repeats the URL"):
        load_profile(write("p.toml", text))


def test_answer_with_note_and_dates(write: Writer) -> None:
    text = (
        'checklist = "mine.toml"\n' + MINIMAL + "[audit]\nconsent_date = 2026-01-02\n"
        'date = "2026-01-03"\n[answers]\na = { answer = "yes", note = "checked together" }\n'
    )
    profile = load_profile(write("p.toml", text))
    assert profile.answers["a"].value == "yes"
    assert profile.answers["a"].note == "checked together"
    assert profile.audit.consent_date == dt.date(2026, 1, 2)
    assert profile.audit.date == dt.date(2026, 1, 3)
    assert profile.checklist == "mine.toml"


def test_bad_date_is_named(write: Writer) -> None:
    with pytest.raises(ConfigError, match=r"audit\.consent_date: must be a date"):
        load_profile(write("p.toml", MINIMAL + '[audit]\nconsent_date = "yesterday"\n'))


@pytest.mark.parametrize("value", ["\\u001b[2J", "\\u009b2J", "\\u202Eevil", "\\u0000"])
def test_control_characters_in_strings_are_refused(write: Writer, value: str) -> None:
    text = f'[person]\nname = "Camille {value}"\nkeywords = ["SQL{value}"]\n'
    with pytest.raises(ConfigError) as exc:
        load_profile(write("p.toml", text))
    found = messages(exc)
    assert any("person.name: contains control characters" in m for m in found)
    assert any("person.keywords: item 0" in m for m in found)


def test_tabs_and_line_breaks_are_fine_in_notes(write: Writer) -> None:
    text = MINIMAL + '[audit]\nnote = """First line\r\n\tsecond line"""\n'
    assert load_profile(write("p.toml", text)).audit.note


def test_trade_role_aliases_and_career_change_are_read(write: Writer) -> None:
    path = write(
        "p.toml",
        MINIMAL
        + 'trade = " nurse "\nrole_aliases = ["IDE", "Krankenpflegerin", "IDE"]\n'
        + "career_change = true\n",
    )
    person = load_profile(path).person
    assert person.trade == "nurse"
    assert person.role_aliases == ("IDE", "Krankenpflegerin")
    assert person.career_change is True


def test_trade_fields_default_to_unset(write: Writer) -> None:
    person = load_profile(write("p.toml", MINIMAL)).person
    assert (person.trade, person.role_aliases, person.career_change) == (None, (), False)


def test_trade_fields_of_the_wrong_type_are_named(write: Writer) -> None:
    path = write("p.toml", MINIMAL + 'trade = 3\nrole_aliases = "IDE"\ncareer_change = "yes"\n')
    with pytest.raises(ConfigError) as exc:
        load_profile(path)
    wheres = [p.where for p in exc.value.problems]
    assert wheres == [f"{path}: person.{key}" for key in ("trade", "role_aliases", "career_change")]


def test_the_commented_example_of_docs_config_md_loads(write: Writer) -> None:
    from ereputation.trade_choice import trade_problems
    from tests.conftest import ROOT

    doc = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    profile = load_profile(write("p.toml", example))
    assert profile.person.trade == "data" and profile.person.career_change
    assert profile.person.role_aliases == ("Analyste de données",)
    assert trade_problems(profile) == []


def test_an_empty_trade_is_no_trade(write: Writer) -> None:
    assert load_profile(write("p.toml", MINIMAL + 'trade = " "\n')).person.trade is None
