"""The name search's results in the history (issue 10 review): under `--show-pii` the person's
report shows a result's personal data in clear, the history never holds it (raw SQLite bytes)."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_httpserver import HTTPServer

from ereputation.audit import AuditOptions, run
from ereputation.config import Profile, load_profile
from ereputation.recording import masked_json, record_audit
from ereputation.store import open_store
from tests.conftest import FIXED_NOW

EMAIL = "camille.martin.demo@example.org"
PHONE = "06 12 34 56 78"
CONFIG = """
[person]
name = "Camille Martin"
target_role = "Data analyst"
location = "Lyon"
language = "en"
country = "FR"

[audit]
search_endpoint = "{endpoint}"
"""


def _searx(httpserver: HTTPServer) -> None:
    content = f"Camille Martin, data analyst in Lyon. Write to {EMAIL} or call {PHONE}."
    answer = {
        "results": [
            {
                "url": f"https://blog.example/team/{PHONE.replace(' ', '')}",
                "title": f"Camille Martin {EMAIL}",
                "content": content,
            }
        ]
    }
    httpserver.expect_request("/search").respond_with_json(answer)


def _profile(httpserver: HTTPServer, tmp_path: Path) -> Profile:
    _searx(httpserver)
    config = tmp_path / "camille.toml"
    config.write_text(CONFIG.format(endpoint=httpserver.url_for("/")), encoding="utf-8")
    return load_profile(config)


def test_search_results_shown_with_show_pii_reach_the_history_masked(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    profile = _profile(httpserver, tmp_path)
    options = AuditOptions(allow_private=True, show_pii=True, now=FIXED_NOW)
    result = run(profile, options)
    assert result.search is not None and result.search.status == "answered"
    shown = json.dumps([h.snippet + h.title + h.url for h in result.search.hits])
    assert EMAIL in shown and PHONE in shown  # the person's own report shows them
    recorded = masked_json(result, ("FR",))
    for value in (EMAIL, PHONE):
        assert value not in json.dumps(recorded, ensure_ascii=False), value
    db = tmp_path / "history.sqlite3"
    audit_id = record_audit(result, profile, reports=[], db=str(db))
    with open_store(str(db)) as store:
        url = store.result(audit_id)["search"]["hits"][0]["url"]
        assert url.startswith("https://blog.example/team/06") and PHONE.replace(" ", "") not in url
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("history.sqlite3*"))
    for value in (EMAIL, PHONE, PHONE.replace(" ", "")):
        assert value.encode() not in raw, value


def test_the_recorded_search_equals_a_search_without_show_pii(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    profile = _profile(httpserver, tmp_path)
    options = AuditOptions(allow_private=True, now=FIXED_NOW)
    masked = run(profile, options)
    clear = run(profile, AuditOptions(allow_private=True, show_pii=True, now=FIXED_NOW))
    assert (
        masked_json(clear, ("FR",))["search"]
        == json.loads(json.dumps(masked_json(masked)))["search"]
    )


def test_an_address_carrying_personal_data_is_masked_in_every_format(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    from ereputation.formats import OutputFormat, formatter_for

    result = run(_profile(httpserver, tmp_path), AuditOptions(allow_private=True, now=FIXED_NOW))
    assert result.search is not None
    (hit,) = result.search.hits
    assert hit.url.startswith("https://blog.example/team/06")
    for kind in OutputFormat:
        if kind.value == "pdf":
            continue
        shown = formatter_for(kind).render_bytes(result).decode()
        assert PHONE.replace(" ", "") not in shown and EMAIL not in shown, kind
