"""A case recorded only from the command line (history, no workspace file) is followed up from
its case page: the interview starts from its last config, is saved, then run, and the case is
one row tied to its new questionnaire."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ereputation.cli import main
from ereputation.store import open_store
from tests.serve.cases_support import soup
from tests.serve.interview_support import browser_submission, serve, wait_for


def _audited_on_the_command_line(tmp_path: Path, db: str) -> None:
    config = tmp_path / "sam.toml"
    config.write_text(
        '[person]\nname = "Sam Lee"\nlanguage = "en"\n\n[answers]\nobjective_defined = "no"\n',
        encoding="utf-8",
    )
    report = str(tmp_path / "r.json")
    outcome = CliRunner().invoke(
        main, ["audit", str(config), "--offline", "--db", db, "-o", report]
    )
    assert outcome.exit_code == 0, outcome.output


def test_the_case_page_of_a_cli_case_offers_the_follow_up_then_the_run(tmp_path: Path) -> None:
    served = serve(tmp_path)
    _audited_on_the_command_line(tmp_path, served.db)
    page = soup(served.client.get("/case?key=Sam Lee").get_data(as_text=True))
    link = page.find("a", string="Follow-up: edit the answers")
    assert link is not None and link["href"] == "/case/interview?key=Sam+Lee"
    assert "run" not in " ".join(a["href"] for a in page.select("p.actions a"))

    form = served.client.get(link["href"]).get_data(as_text=True)
    sent = browser_submission(form)
    sent["answers.objective_defined"] = ["yes"]
    sent["csrf_token"] = [served.csrf()]
    saved = served.client.post(link["href"], data=sent)
    assert saved.status_code == 303 and saved.location == "/cases/sam-lee/run?saved=1"
    started = served.client.post(
        "/cases/sam-lee/run", data={"csrf_token": served.csrf(), "offline": "on"}
    )
    assert started.status_code == 303
    wait_for(lambda: served.client.get("/cases/sam-lee/run/progress").status_code == 303)
    with open_store(served.db) as store:
        assert [c.key for c in store.cases()] == ["Sam Lee"]
        assert len(store.history("Sam Lee")) == 2
    # Now tied to its questionnaire: the case page offers the workspace's follow-up and run.
    page = soup(served.client.get("/case?key=Sam Lee").get_data(as_text=True))
    hrefs = [a["href"] for a in page.select("p.actions a")]
    assert hrefs == ["/cases/sam-lee/interview", "/cases/sam-lee/run"]


def test_a_cli_case_whose_config_was_not_kept_offers_no_dead_link(tmp_path: Path) -> None:
    from tests.serve.cases_support import result

    served = serve(tmp_path)
    with open_store(served.db) as store:
        store.record(result(), case_key="CASE-9", case_name="Lou Bernard", config_text="")
    page = soup(served.client.get("/case?key=CASE-9").get_data(as_text=True))
    assert page.select("p.actions a") == []
    assert served.client.get("/case/interview?key=CASE-9").status_code == 404
