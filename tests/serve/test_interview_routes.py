"""The interview pages through Flask's test client: a new case, a follow-up, the problems beside
their fields with what was typed kept, and a case known only to the history."""

from __future__ import annotations

import stat
from pathlib import Path

from click.testing import CliRunner

from ereputation.checklist import load_checklist
from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.resources import default_checklist_path
from tests.serve.interview_support import (
    browser_submission,
    field_error,
    serve,
    soup,
    value_of,
)


def test_the_new_case_form_groups_questions_and_ties_every_label(tmp_path: Path) -> None:
    served = serve(tmp_path, "fr")
    response = served.client.get("/cases/new")
    assert response.status_code == 200
    page = soup(response.get_data(as_text=True))
    assert page.html is not None and page.html["lang"] == "fr"
    checklist = load_checklist(default_checklist_path())
    legends = [f.legend.get_text(strip=True) for f in page.select("fieldset.category") if f.legend]
    assert legends == [c.title.get("fr") for c in checklist.categories]
    questions = page.select("fieldset.question")
    assert len(questions) == len(checklist.items)
    for control in page.select("form.interview input, form.interview select"):
        if control.get("type") == "hidden":
            continue
        assert page.find("label", attrs={"for": control["id"]}), control
        for described in str(control.get("aria-describedby", "")).split():
            assert page.find(id=described), described
    radios = questions[0].select("input[type=radio]")
    assert [r["value"] for r in radios] == [*checklist.items[0].values, ""]
    assert radios[-1].has_attr("checked")  # "no answer yet" until one is chosen
    assert page.select_one('input[name="csrf_token"]')


def test_a_bad_value_is_shown_beside_its_field_and_nothing_typed_is_lost(tmp_path: Path) -> None:
    served = serve(tmp_path, "fr")
    status, html, _ = served.post(
        "/cases/new",
        {
            "person.name": "Camille Martin",
            "person.target_role": "Analyste <données>",
            "person.trade": "helthcare",
            "profiles[0].url": "github.com/camille",
            "answers.objective_defined": "vague",
        },
    )
    assert status == 422
    assert "vouliez-vous dire https://github.com/camille" in field_error(html, "f-profiles-0-url")
    assert "healthcare" in field_error(html, "f-person-trade")
    page = soup(html)
    assert value_of(page, "f-person-name") == "Camille Martin"
    assert value_of(page, "f-person-target_role") == "Analyste <données>"
    assert value_of(page, "f-profiles-0-url") == "github.com/camille"
    chosen = page.select_one('input[name="answers.objective_defined"][checked]')
    assert chosen is not None and chosen["value"] == "vague"
    summary = page.find(id="error-summary")
    assert summary is not None and summary.get("role") == "alert"
    links = [a["href"] for a in summary.select("a")]
    assert links == ["#f-person-trade", "#f-profiles-0-url"]
    assert not (tmp_path / "cases").exists() or not list((tmp_path / "cases").iterdir())


def test_a_valid_form_is_saved_as_the_cli_config_readable_by_its_owner_only(
    tmp_path: Path,
) -> None:
    served = serve(tmp_path)
    status, _, location = served.post(
        "/cases/new",
        {
            "person.name": "Zoé Martin",
            "person.language": "fr",
            "profiles[0].url": "https://github.com/zoe",
            "answers.objective_defined": "yes",
        },
    )
    assert status == 303 and location == "/cases/zoe-martin/run?saved=1"
    path = tmp_path / "cases" / "zoe-martin.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    profile = load_profile(path)
    assert profile.person.name == "Zoé Martin" and profile.person.language == "fr"
    assert profile.answer_values == {"objective_defined": "yes"}
    status, _, location = served.post("/cases/new", {"person.name": "Zoé Martin"})
    assert location == "/cases/zoe-martin-2/run?saved=1"  # the same name never overwrites


def test_a_follow_up_is_prefilled_and_keeps_the_files_comments(tmp_path: Path) -> None:
    served = serve(tmp_path)
    (tmp_path / "cases").mkdir()
    path = tmp_path / "cases" / "camille.toml"
    path.write_text(
        "# first interview: 2026-10-02\n"
        '[person]\nname = "Camille"  # her usual name\nlanguage = "en"\n\n'
        '[[profiles]]\nurl = "https://github.com/camille"\nnote = "main account"\n\n'
        '[answers]\nobjective_defined = { answer = "vague", note = "hesitates" }\n',
        encoding="utf-8",
    )
    page = soup(served.client.get("/cases/camille/interview").get_data(as_text=True))
    assert value_of(page, "f-person-name") == "Camille"
    assert value_of(page, "f-profiles-0-url") == "https://github.com/camille"
    checked = page.select_one('input[name="answers.objective_defined"][checked]')
    assert checked is not None and checked["value"] == "vague"
    status, _, _ = served.post(
        "/cases/camille/interview",
        {
            "person.name": "Camille",
            "person.language": "en",
            "profiles[0].url": "https://github.com/camille",
            "answers.objective_defined": "yes",
            "answers.computer_access": "needs_help",
        },
    )
    assert status == 303
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# first interview: 2026-10-02\n")
    assert 'name = "Camille"  # her usual name' in text
    assert 'note = "main account"' in text
    assert 'objective_defined = { answer = "yes", note = "hesitates" }' in text
    assert load_profile(path).answer_values["computer_access"] == "needs_help"


def test_a_case_known_only_to_the_history_is_followed_up_from_its_last_config(
    tmp_path: Path,
) -> None:
    served = serve(tmp_path)
    config = tmp_path / "sam.toml"
    config.write_text(
        '[person]\nname = "Sam Lee"\nlanguage = "en"\n\n[answers]\n'
        'objective_defined = "no"  # to revisit\n',
        encoding="utf-8",
    )
    outcome = CliRunner().invoke(
        main, ["audit", str(config), "--offline", "--db", served.db, "-o", str(tmp_path / "r.json")]
    )
    assert outcome.exit_code == 0, outcome.output
    config.unlink()  # only the history holds it now
    response = served.client.get("/case/interview?key=Sam Lee")
    assert response.status_code == 200
    page = soup(response.get_data(as_text=True))
    assert value_of(page, "f-person-name") == "Sam Lee"
    checked = page.select_one('input[name="answers.objective_defined"][checked]')
    assert checked is not None and checked["value"] == "no"
    status, _, location = served.post(
        "/case/interview?key=Sam Lee",
        {"person.name": "Sam Lee", "answers.objective_defined": "vague"},
    )
    assert status == 303 and location == "/cases/sam-lee/run?saved=1"
    saved = (tmp_path / "cases" / "sam-lee.toml").read_text(encoding="utf-8")
    assert 'objective_defined = "vague"  # to revisit' in saved


def test_unknown_cases_and_ids_that_are_no_slug_are_not_found(tmp_path: Path) -> None:
    served = serve(tmp_path)
    for path in (
        "/cases/nobody/interview",
        "/cases/..%2F..%2Fetc%2Fpasswd/interview",
        "/cases/Camille/interview",
        "/case/interview?key=nobody",
        "/case/interview",
    ):
        assert served.client.get(path).status_code == 404, path


def test_a_form_sent_as_the_page_shows_it_adds_no_consent_limit(tmp_path: Path) -> None:
    """Every select sends its first option: none may write a consent scope for a person nobody
    counsels (that limited a self-audit to the questionnaire, its profiles never visited)."""
    served = serve(tmp_path)
    sent = browser_submission(served.client.get("/cases/new").get_data(as_text=True))
    sent["person.name"] = ["Sam Lee"]
    sent["profiles[0].url"] = ["https://github.com/sam"]
    response = served.client.post("/cases/new", data=sent)
    assert response.status_code == 303, response.get_data(as_text=True)
    profile = load_profile(tmp_path / "cases" / "sam-lee.toml")
    assert profile.audit.scope is None and profile.audit.visits_allowed
    follow_up = served.client.get("/cases/sam-lee/interview").get_data(as_text=True)
    again = browser_submission(follow_up)
    assert served.client.post("/cases/sam-lee/interview", data=again).status_code == 303
    assert load_profile(tmp_path / "cases" / "sam-lee.toml").audit.visits_allowed


def test_a_post_without_the_csrf_token_saves_nothing(tmp_path: Path) -> None:
    served = serve(tmp_path)
    response = served.client.post("/cases/new", data={"person.name": "Camille"})
    assert response.status_code == 400
    assert not (tmp_path / "cases").exists()


def test_a_hostile_name_in_a_case_file_stays_inert(tmp_path: Path) -> None:
    served = serve(tmp_path)
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "x.toml").write_text(
        '[person]\nname = "<script>alert(1)</script>\u202e Eve"\n', encoding="utf-8"
    )
    for path in ("/cases/x/interview", "/cases/x/run"):
        html = served.client.get(path).get_data(as_text=True)
        assert "<script>alert(1)" not in html, path
        heading = soup(html).h1
        assert heading is not None and "\u202e" not in heading.get_text(), path
    page = soup(served.client.get("/cases/x/interview").get_data(as_text=True))
    assert value_of(page, "f-person-name") == "<script>alert(1)</script>\u202e Eve"
