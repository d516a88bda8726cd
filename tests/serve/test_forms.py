"""The interview form model, and a submitted form back to the config the CLI reads (pure)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from ereputation.checklist import Checklist, load_checklist
from ereputation.cli import main
from ereputation.config import MAX_PROFILES, load_profile
from ereputation.resources import default_checklist_path
from ereputation.serve.forms import (
    MAX_ENTRIES,
    MAX_TEXT,
    NO_ANSWER,
    build_form,
    check_submission,
    submitted_values,
)
from ereputation.tomlfile import tomllib

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist(default_checklist_path())


def checked(values: dict[str, str], checklist: Checklist, tmp_path: Path, **kw: object):  # type: ignore[no-untyped-def]
    return check_submission(
        values,
        checklist,
        kw.get("language", "en"),  # type: ignore[arg-type]
        base=kw.get("base"),  # type: ignore[arg-type]
        path=tmp_path / "case.toml",
        today=TODAY,
    )


def test_items_are_grouped_by_category_with_every_choice_as_a_radio(checklist: Checklist) -> None:
    form = build_form(checklist, {}, "fr")
    assert [g.legend for g in form.categories] == [c.title.get("fr") for c in checklist.categories]
    fields = [f for g in form.categories for f in g.fields]
    assert [f.name for f in fields] == [f"answers.{i.id}" for i in checklist.items]
    item = checklist.items[2]  # trade_online: it has an "I don't know" choice
    field = fields[2]
    assert field.kind == "radio" and field.help == item.help.get("fr")  # type: ignore[union-attr]
    values = [o.value for o in field.options]
    assert values == [*item.values, NO_ANSWER]
    marks = {o.value: o.mark for o in field.options}
    assert marks["unknown"] == "unsure"
    first = fields[0]  # objective_defined: "I chose not to be there" does not apply
    assert {o.value: o.mark for o in first.options}["chose_offline"] == "not_applicable"
    assert first.value == NO_ANSWER  # unanswered: the "no answer yet" radio is the one checked


def test_person_trade_and_consent_fields_offer_the_known_choices(checklist: Checklist) -> None:
    from ereputation.config import CONSENT_SCOPES
    from ereputation.trade_choice import trades

    form = build_form(checklist, {"person.trade": "healthcare"}, "en")
    by_name = {f.name: f for f in form.person.fields}
    trade = by_name["person.trade"]
    assert {o.value for o in trade.options} == {"", *trades().ids()}
    assert trade.value == "healthcare"
    assert {"person.name", "person.country", "person.role_aliases", "person.keywords"} <= set(
        by_name
    )
    scope = next(f for f in form.consent.fields if f.name == "audit.consent_scope")
    assert tuple(o.value for o in scope.options) == ("", *CONSENT_SCOPES)
    assert [f.name for f in form.consent.fields] == [
        "audit.counsellor",
        "audit.client_reference",
        "audit.consent_date",
        "audit.consent_scope",
        "audit.retention_months",
    ]


def test_a_new_case_is_saved_as_a_config_that_validate_accepts(
    checklist: Checklist, tmp_path: Path
) -> None:
    values = {
        "person.name": "Camille Martin",
        "person.target_role": "Data analyst",
        "person.keywords": "SQL, Python,  SQL",
        "person.trade": "data",
        "person.country": "FR",
        "person.career_change": "true",
        "person.language": "en",
        "audit.counsellor": "Lou Bernard",
        "audit.consent_date": "2026-11-30",
        "audit.consent_scope": "checklist_and_profiles",
        "audit.retention_months": "12",
        "profiles[0].url": "https://github.com/camille",
        "profiles[0].label": "GitHub",
        "profiles[1].url": "",
        "answers.objective_defined": "yes",
        "answers.trade_online": "unknown",
        "answers.computer_access": NO_ANSWER,
    }
    result = checked(values, checklist, tmp_path)
    assert result.ok, result.problems
    assert result.text is not None
    path = tmp_path / "case.toml"
    path.write_text(result.text, encoding="utf-8")
    profile = load_profile(path)
    assert profile.person.keywords == ("SQL", "Python")
    assert profile.person.career_change and profile.person.country == "FR"
    assert profile.audit.consent_date == dt.date(2026, 11, 30)
    assert profile.audit.retention_months == 12
    assert [(p.url, p.label) for p in profile.profiles] == [
        ("https://github.com/camille", "GitHub")
    ]
    assert profile.answer_values == {"objective_defined": "yes", "trade_online": "unknown"}
    assert "# Do you know exactly what you want" in result.text  # init's commented layout
    outcome = CliRunner().invoke(main, ["validate", str(path)])
    assert outcome.exit_code == 0, outcome.output


def test_bad_values_get_the_validators_messages_by_field_in_the_persons_language(
    checklist: Checklist, tmp_path: Path
) -> None:
    values = {
        "person.name": "Camille",
        "person.trade": "helthcare",
        "audit.counsellor": "Lou",
        "audit.consent_date": "2027-01-05",
        "profiles[0].url": "",
        "profiles[1].url": "ftp://example.org/camille",
    }
    result = checked(values, checklist, tmp_path, language="fr")
    assert not result.ok
    assert "vouliez-vous dire healthcare" in result.problems["person.trade"][0]
    assert "date à venir" in result.problems["audit.consent_date"][0]
    # The empty first row is not written: the config's profiles[0] is the form's row 1.
    assert "seules les adresses http et https" in result.problems["profiles[1].url"][0]
    assert "profiles[0].url" not in result.problems
    assert result.values == values  # what was typed, untouched, for the form shown again
    form = build_form(checklist, result.values, "fr", result.problems)
    shown = {f.name: f for g in form.groups() for f in g.fields}
    assert shown["profiles[1].url"].value == "ftp://example.org/camille"
    assert shown["profiles[1].url"].errors == result.problems["profiles[1].url"]
    assert len(form.errors()) == 3


def test_a_counselled_case_without_consent_date_is_refused_at_the_date(
    checklist: Checklist, tmp_path: Path
) -> None:
    result = checked({"person.name": "Camille", "audit.counsellor": "Lou"}, checklist, tmp_path)
    assert "consent" in result.problems["audit.consent_date"][0]


def test_a_retention_that_is_no_number_is_refused_and_the_rest_still_checked(
    checklist: Checklist, tmp_path: Path
) -> None:
    values = {
        "person.name": "",
        "audit.counsellor": "Lou",
        "audit.consent_date": "2026-11-01",
        "audit.retention_months": "two years",
    }
    result = checked(values, checklist, tmp_path)
    assert "from 1 to 60, not 'two years'" in result.problems["audit.retention_months"][0]
    assert result.problems["person.name"] == ("is required",)
    over = checked(
        {**values, "person.name": "C", "audit.retention_months": "99"}, checklist, tmp_path
    )
    assert "from 1 to 60, not 99" in over.problems["audit.retention_months"][0]


def test_values_over_their_bounds_are_refused_beside_the_field(
    checklist: Checklist, tmp_path: Path
) -> None:
    many = ", ".join(f"word{i}" for i in range(MAX_ENTRIES + 1))
    values = {"person.name": "x" * (MAX_TEXT + 1), "person.keywords": many}
    result = checked(values, checklist, tmp_path)
    assert result.text is None
    assert result.problems["person.name"] == (f"too long: at most {MAX_TEXT} characters",)
    assert result.problems["person.keywords"] == (f"too many entries: at most {MAX_ENTRIES}",)
    assert result.values["person.name"] == "x" * (MAX_TEXT + 1)


FOLLOW_UP = """\
# Camille's case: first interview on 2026-10-02.
checklist_version_seen = "ignored by the form"

[person]
name = "Camille Martin"  # as on her CV
target_role = "Data analyst"
keywords = ["SQL"]
language = "en"

[audit]
counsellor = "Lou"
consent_date = 2026-10-02
note = "prefers phone calls"

[[profiles]]
url = "https://github.com/camille"
note = "her main account"

[[profiles]]
url = "https://gitlab.com/camille"

[answers]
# Objective: asked twice already
objective_defined = { answer = "vague", note = "she hesitates" }
computer_access = "yes"
"""


def test_a_follow_up_keeps_comments_notes_and_keys_the_form_does_not_show(
    checklist: Checklist, tmp_path: Path
) -> None:
    base = FOLLOW_UP.replace('checklist_version_seen = "ignored by the form"\n', "")
    values = {
        "person.name": "Camille Martin",
        "person.target_role": "Data engineer",
        "person.keywords": "SQL",
        "audit.counsellor": "Lou",
        "audit.consent_date": "2026-10-02",
        "profiles[0].url": "https://github.com/camille",
        "profiles[0].label": "GitHub",
        "profiles[1].url": "",  # emptied: the profile goes
        "answers.objective_defined": "yes",
        "answers.computer_access": NO_ANSWER,  # taken back
        "answers.trade_online": "online",
    }
    result = checked(values, checklist, tmp_path, base=base)
    assert result.ok, result.problems
    text = result.text
    assert text is not None
    for kept in (
        "# Camille's case: first interview on 2026-10-02.",
        'name = "Camille Martin"  # as on her CV',
        'note = "prefers phone calls"',
        'note = "her main account"',
        "# Objective: asked twice already",
        'objective_defined = { answer = "yes", note = "she hesitates" }',
    ):
        assert kept in text
    data = tomllib.loads(text)
    assert data["person"]["target_role"] == "Data engineer"
    assert [p["url"] for p in data["profiles"]] == ["https://github.com/camille"]
    assert data["profiles"][0]["label"] == "GitHub"
    assert "computer_access" not in data["answers"]
    assert data["answers"]["trade_online"] == "online"


def test_an_unknown_key_of_the_file_stays_and_is_reported_with_its_path(
    checklist: Checklist, tmp_path: Path
) -> None:
    values = {"person.name": "Camille Martin", "answers.objective_defined": "yes"}
    result = checked(values, checklist, tmp_path, base=FOLLOW_UP)
    assert result.text is not None and 'checklist_version_seen = "ignored' in result.text
    form = build_form(checklist, result.values, "en", result.problems)
    assert any(m.startswith("checklist_version_seen:") for m in form.general)


def test_submitted_values_keep_the_forms_own_inputs_only() -> None:
    posted = {
        "csrf_token": ["t"],
        "person.name": ["Camille\x1b[31m Martin"],
        "person.career_change": ["false", "true"],
        "person.__class__": ["x"],
        "answers.objective_defined": ["yes"],
        "answers.../x": ["no"],
        "profiles[0].url": ["https://a.example"],
        f"profiles[{MAX_PROFILES}].url": ["https://b.example"],
        "person.keywords": ["a,\r\nb"],
    }
    values = submitted_values(posted)
    assert values == {
        "person.name": "Camille[31m Martin",
        "person.career_change": "true",
        "answers.objective_defined": "yes",
        "profiles[0].url": "https://a.example",
        "person.keywords": "a,\nb",
    }


def test_the_form_offers_empty_profile_rows_after_the_last_used_one(
    checklist: Checklist,
) -> None:
    form = build_form(checklist, {"profiles[0].url": "https://a.example"}, "en")
    assert len(form.profiles) == 4
    assert [f.name for f in form.profiles[3].fields] == [
        "profiles[3].url",
        "profiles[3].network",
        "profiles[3].label",
    ]
    assert len(build_form(checklist, {}, "en").profiles) == 3
