"""Two clients with the same name, saved as two cases in the web face (issue 11 review).

Without a client reference, the history keys a case by the person's name: the second client's
audit went into the first one's history, so the second report said "since your last audit" from
the first person's results, the export of either held both, and erasing one erased the other.
The second run now stops, says why and how to fix it, and records nothing."""

from __future__ import annotations

from pathlib import Path

from ereputation.store import open_store
from tests.serve.interview_support import Served, serve, soup, wait_for

CONFIG = '[person]\nname = "Camille Martin"\nlanguage = "en"\n{audit}\n[answers]\n'


def save_case(served: Served, case_id: str, text: str) -> None:
    served.workspace.mkdir(exist_ok=True)
    (served.workspace / f"{case_id}.toml").write_text(text, encoding="utf-8")


def run_offline(served: Served, case_id: str) -> str:
    """Run the case offline; the progress page's text once the run ended (empty on success)."""
    status, _, _ = served.post(f"/cases/{case_id}/run", {"offline": "on"})
    assert status == 303
    seen: list[str] = []

    def ended() -> bool:
        response = served.client.get(f"/cases/{case_id}/run/progress")
        if response.status_code == 303:
            seen.append("")
            return True
        html = response.get_data(as_text=True)
        if 'data-status="failed"' in html:
            seen.append(soup(html).get_text(" ", strip=True))
            return True
        return False

    wait_for(ended)
    return seen[0]


def test_a_homonyms_audit_never_joins_another_saved_cases_history(tmp_path: Path) -> None:
    served = serve(tmp_path)
    save_case(served, "camille-martin", CONFIG.format(audit=""))
    save_case(served, "camille-martin-2", CONFIG.format(audit=""))
    assert run_offline(served, "camille-martin") == ""
    said = run_offline(served, "camille-martin-2")
    assert "Case reference" in said and "camille-martin" in said, said
    with open_store(served.db) as store:
        (only,) = store.history("Camille Martin")  # the first client's audit, alone
    assert only.config_path == str((served.workspace / "camille-martin.toml").resolve())


def test_homonyms_with_their_own_client_references_are_audited_apart(tmp_path: Path) -> None:
    served = serve(tmp_path)
    save_case(served, "camille-martin", CONFIG.format(audit=""))
    reference = '[audit]\nclient_reference = "CM-2"\n'
    save_case(served, "camille-martin-2", CONFIG.format(audit=reference))
    assert run_offline(served, "camille-martin") == ""
    assert run_offline(served, "camille-martin-2") == ""
    with open_store(served.db) as store:
        assert len(store.history("Camille Martin")) == 1
        assert len(store.history("CM-2")) == 1


def test_a_case_audited_again_joins_its_own_history(tmp_path: Path) -> None:
    served = serve(tmp_path)
    save_case(served, "camille-martin", CONFIG.format(audit=""))
    assert run_offline(served, "camille-martin") == ""
    assert run_offline(served, "camille-martin") == ""
    with open_store(served.db) as store:
        assert len(store.history("Camille Martin")) == 2
