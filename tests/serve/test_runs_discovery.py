"""The search for a person's accounts on other sites, from the web face's run page: offered when
the consent covers it, ticked when the client agreed to it, and really run (against a local
catalogue of sites on 127.0.0.1)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from ereputation.serve.runs import ALLOW_PRIVATE, SITES_PATH
from ereputation.store import open_store
from tests.serve.interview_support import serve, soup
from tests.serve.test_runs import finished, save_case

COUNSELLED = (
    '[person]\nname = "Camille Martin"\nlanguage = "fr"\nusernames = ["camille"]\n\n'
    '[audit]\ncounsellor = "Sophie Leroy"\nconsent_date = 2026-01-05\n'
)


def test_the_run_page_ticks_the_search_for_accounts_only_when_the_client_agreed(
    tmp_path: Path,
) -> None:
    served = serve(tmp_path, "fr")
    scopes = {
        "agreed": 'consent_scope = "checklist_profiles_and_discovery"\n',
        "profiles": 'consent_scope = "checklist_and_profiles"\n',
    }
    for case_id, scope in scopes.items():
        save_case(served, case_id, COUNSELLED + scope)
    save_case(served, "self", '[person]\nname = "Camille Martin"\n')
    box = {
        case_id: soup(served.client.get(f"/cases/{case_id}/run").get_data(as_text=True)).find(
            "input", attrs={"name": "discover"}
        )
        for case_id in ("agreed", "profiles", "self")
    }
    assert box["agreed"] is not None and box["agreed"].has_attr("checked")
    assert box["profiles"] is None  # the consent does not cover it: not even offered
    assert box["self"] is not None and not box["self"].has_attr("checked")
    page = served.client.get("/cases/agreed/run").get_data(as_text=True)
    assert "Chercher aussi ses comptes sur d" in page
    footer = soup(page).find("footer")
    assert footer is not None and "recherches de comptes" in footer.get_text()  # they go out too


def test_a_run_with_the_search_ticked_reports_the_accounts_found(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    def site(request: Request) -> Response:
        if request.path == "/u/camille":
            return Response("<p>Member since 2019</p>", content_type="text/html")
        return Response("<p>No such member</p>", status=404, content_type="text/html")

    httpserver.expect_request(re.compile("/u/.*")).respond_with_handler(site)
    catalogue = tmp_path / "sites.json"
    entry = {
        "name": "Forum local",
        "uri_check": httpserver.url_for("/u/{account}"),
        "e_code": 200,
        "e_string": "Member since",
        "m_code": 404,
        "m_string": "No such member",
        "known": ["camille"],
        "cat": "social",
    }
    catalogue.write_text(json.dumps({"sites": [entry]}), encoding="utf-8")
    served = serve(tmp_path, "fr")
    served.app.config[ALLOW_PRIVATE] = True
    served.app.config[SITES_PATH] = catalogue
    save_case(
        served, "camille", COUNSELLED + 'consent_scope = "checklist_profiles_and_discovery"\n'
    )
    served.post("/cases/camille/run", {"discover": "on"})
    assert finished(served, "camille").startswith("/case/audit/")
    with open_store(served.db) as store:
        (audit,) = store.history("Camille Martin")
        result = store.result(audit.id)
    found = [r for r in result["discovery"]["results"] if r["status"] == "found"]
    assert [(r["site"], r["username"]) for r in found] == [("Forum local", "camille")]


def test_offline_the_search_for_accounts_asks_no_site(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    served = serve(tmp_path, "fr")
    served.app.config[ALLOW_PRIVATE] = True
    save_case(
        served, "camille", COUNSELLED + 'consent_scope = "checklist_profiles_and_discovery"\n'
    )
    served.post("/cases/camille/run", {"discover": "on", "offline": "on"})
    assert finished(served, "camille").startswith("/case/audit/")
    with open_store(served.db) as store:
        (audit,) = store.history("Camille Martin")
        assert store.result(audit.id).get("discovery") is None
    assert httpserver.log == []
