"""The caseload, the case page, the report and comparison pages, and the downloads."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from ereputation.formats.html import FORMATTER as HTML
from ereputation.model import from_json
from ereputation.serve.results import REPORT_CSP
from ereputation.store import open_store
from tests.serve.cases_support import HOSTILE, record, result, serve, soup


def _rows(page: Any) -> list[list[str]]:
    body = page.find("table", class_="caseload").find("tbody")
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.find_all(["th", "td"])]
        for row in body.find_all("tr")
    ]


def test_the_caseload_shows_each_case_with_its_last_audit_and_the_change(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin", visibility=40, risk=70)
    record(served.db, "CASE-1", "Zoé Martin", visibility=55, risk=50, days=30)
    record(
        served.db, "CASE-2", "Ali Ben", visibility=None, risk=20, erase_after=dt.date(2020, 1, 1)
    )
    status, page = served.page("/")
    assert status == 200
    rows = {row[0].split(" Nadia")[0]: row for row in _rows(page)}
    zoe = rows["Zoé Martin"]
    assert zoe[1] == "18 December 2026"
    assert zoe[2] == "55/100 +15 (better)"
    assert zoe[3] == "50/100 −20 (better)"
    assert zoe[4] == "Clean up before showing more"  # the verdict's title, not its id
    assert zoe[5] == "18 November 2026"  # consent
    assert zoe[6] == "18 December 2027"  # erase after: 12 months after the last audit
    assert zoe[7] == "2"
    ali = rows["Ali Ben"]
    assert ali[2] == "not scored first audit"
    assert "date passed" in ali[6]
    link = page.find("a", string="Zoé Martin")
    assert link["href"] == "/case?key=CASE-1"


def test_an_empty_caseload_leads_to_the_first_new_case(tmp_path: Path) -> None:
    served = serve(tmp_path)
    page = soup(served.client.get("/").get_data(as_text=True))
    main = page.find("main")
    assert main is not None
    links = [a["href"] for a in main.find_all("a")]
    assert "/cases/new" in links  # not only in the menu: the empty page says where to start


def test_two_audits_of_one_day_are_told_apart_by_their_hour(tmp_path: Path) -> None:
    served = serve(tmp_path)
    for days in (0, 0, 21):  # a corrected audit the same day, then the follow-up
        record(served.db, "CASE-1", "Zoé Martin", days=days)
    page = soup(served.client.get("/case", query_string={"key": "CASE-1"}).get_data(as_text=True))
    shown = [t.get_text() for t in page.select("tbody th time")]
    assert len(shown) == 3
    assert " at " not in shown[0]  # alone on its day
    assert all(re.search(r" at \d\d:\d\d$", label) for label in shown[1:]), shown


def test_the_caseload_search_ignores_case_and_accents(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin")
    record(served.db, "CASE-2", "Ali Ben")
    _, page = served.page("/", q="ZOE")
    assert [row[0] for row in _rows(page)] == ["Zoé Martin Nadia Benali"]
    assert page.find("input", id="q")["value"] == "ZOE"  # the search stays in its box
    _, page = served.page("/", q="case-2")
    assert [row[0] for row in _rows(page)] == ["Ali Ben Nadia Benali"]
    _, page = served.page("/", q="nobody")
    assert "No case matches this search." in page.get_text()


def test_the_caseload_sorts_by_links_and_keeps_unscored_cases_last(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, "A", "Anne", risk=30)
    record(served.db, "B", "Bruno", risk=80)
    record(served.db, "C", "Chloé", risk=None)

    def names(page: Any) -> list[str]:
        return [row[0].split(" Nadia")[0] for row in _rows(page)]

    _, page = served.page("/", sort="risk")
    assert names(page) == ["Anne", "Bruno", "Chloé"]
    header = page.find("th", attrs={"aria-sort": "ascending"})
    assert header.a["href"] == "/?sort=risk&dir=desc"  # the link reverses the order
    _, page = served.page("/", sort="risk", dir="desc")
    assert names(page) == ["Bruno", "Anne", "Chloé"]
    _, page = served.page("/", sort="bogus")
    assert names(page) == ["Anne", "Bruno", "Chloé"]  # an unknown sort is by name


def test_hostile_text_in_the_caseload_and_case_page_stays_text(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, HOSTILE, HOSTILE, result_json=result(name=HOSTILE))
    for path, query in (("/", {}), ("/case", {"key": HOSTILE}), ("/case/purge", {"key": HOSTILE})):
        response = served.client.get(path, query_string=query)
        assert response.status_code == 200, path
        html = response.get_data(as_text=True)
        assert "<script>" not in html and "<img src=x" not in html
        page = soup(html)
        assert page.find("script") is None and page.find("img") is None
        assert HOSTILE in page.get_text()


def test_hostile_text_in_the_report_stays_inert_under_its_csp(tmp_path: Path) -> None:
    served = serve(tmp_path)
    data = result(name=HOSTILE)
    data["audit"]["note"] = "</style><script>alert(2)</script>"
    audit = record(served.db, "EVIL", HOSTILE, result_json=data)
    response = served.client.get(f"/case/audit/{audit}", query_string={"key": "EVIL"})
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == REPORT_CSP
    assert "script-src" not in REPORT_CSP and "default-src 'none'" in REPORT_CSP
    page = soup(response.get_data(as_text=True))
    assert page.find("script") is None
    assert page.find("img", onerror=True) is None
    assert HOSTILE in page.get_text()


def test_the_report_page_is_the_html_the_cli_writes(tmp_path: Path) -> None:
    served = serve(tmp_path)
    audit = record(served.db, "CASE-1", "Zoé Martin")
    response = served.client.get(f"/case/audit/{audit}", query_string={"key": "CASE-1"})
    with open_store(served.db) as store:
        expected = HTML.render(from_json(store.result(audit)))
    assert response.get_data(as_text=True) == expected
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"


def test_an_audit_of_another_case_is_not_found(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin")
    other = record(served.db, "CASE-2", "Ali Ben")
    for path in (f"/case/audit/{other}", f"/case/audit/{other}/download/json", "/case/audit/999"):
        assert served.client.get(path, query_string={"key": "CASE-1"}).status_code == 404, path
    assert served.client.get("/case", query_string={"key": "NOBODY"}).status_code == 404


def test_the_comparison_is_with_the_audit_before(tmp_path: Path) -> None:
    served = serve(tmp_path)
    first = record(served.db, "CASE-1", "Zoé Martin", visibility=40, risk=70)
    second = record(served.db, "CASE-1", "Zoé Martin", visibility=55, risk=50, days=30)
    response = served.client.get(f"/case/audit/{second}/compare", query_string={"key": "CASE-1"})
    assert response.status_code == 200
    assert response.headers["Content-Security-Policy"] == REPORT_CSP
    text = soup(response.get_data(as_text=True)).get_text(" ")
    assert "+15" in text and "−20" in text
    none = served.client.get(f"/case/audit/{first}/compare", query_string={"key": "CASE-1"})
    assert none.status_code == 404
    assert "No earlier audit to compare with." in none.get_data(as_text=True)


def test_the_case_page_lists_the_audits_newest_first_with_downloads(tmp_path: Path) -> None:
    served = serve(tmp_path)
    first = record(served.db, "CASE-1", "Zoé Martin")
    second = record(served.db, "CASE-1", "Zoé Martin", days=30)
    status, page = served.page("/case", key="CASE-1")
    assert status == 200
    assert page.h1.get_text() == "Case: Zoé Martin"
    links = [a["href"] for a in page.find_all("a") if "/case/audit/" in a["href"]]
    assert links[0] == f"/case/audit/{second}?key=CASE-1"
    assert f"/case/audit/{second}/compare?key=CASE-1" in links
    assert f"/case/audit/{first}/compare?key=CASE-1" not in links  # the first has none before
    for kind in ("html", "md", "json"):
        assert f"/case/audit/{second}/download/{kind}?key=CASE-1" in links


def test_downloads_are_the_cli_formats_as_attachments(tmp_path: Path) -> None:
    served = serve(tmp_path)
    audit = record(served.db, "Zoé Martin", "Zoé Martin")
    key = {"key": "Zoé Martin"}
    got = served.client.get(f"/case/audit/{audit}/download/json", query_string=key)
    assert got.status_code == 200
    assert got.headers["Content-Disposition"] == (
        f'attachment; filename="ereputation-zoe-martin-{audit}.json"'
    )
    assert json.loads(got.data)["scores"]["visibility"] == 48
    markdown = served.client.get(f"/case/audit/{audit}/download/md", query_string=key)
    assert markdown.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert markdown.get_data(as_text=True).startswith("#")
    assert (
        served.client.get(f"/case/audit/{audit}/download/exe", query_string=key).status_code == 404
    )


def test_a_saved_case_never_audited_is_in_the_caseload(tmp_path: Path) -> None:
    served = serve(tmp_path)
    served.app.extensions["ereputation"].workspace.save(
        "camille-martin", '[person]\nname = "Camille Martin"\n'
    )
    _, page = served.page("/")
    row = _rows(page)[0]
    assert row[0] == "Camille Martin" and row[1] == "no audit yet"
    assert page.find("a", string="Camille Martin")["href"] == "/case?case_id=camille-martin"
    status, case_page = served.page("/case", case_id="camille-martin")
    assert status == 200
    assert "No audit for this case yet." in case_page.get_text()


def test_a_case_audited_from_the_workspace_is_one_row_tied_to_its_interview(
    tmp_path: Path,
) -> None:
    served = serve(tmp_path)
    path = served.app.extensions["ereputation"].workspace.save("zoe", '[person]\nname = "Zoé"\n')
    record(served.db, "REF-9", "Zoé", config_path=path.resolve())
    _, page = served.page("/")
    assert len(_rows(page)) == 1
    status, case_page = served.page("/case", case_id="zoe")  # as the run pages link to it
    assert status == 200 and case_page.h1.get_text() == "Case: Zoé"
    assert "yes, in the workspace" in case_page.get_text()


def test_the_report_of_a_saved_case_opens_by_its_workspace_id(tmp_path: Path) -> None:
    """As the run pages link to the new audit: `cases.report` with `case_id`, not `key`."""
    served = serve(tmp_path)
    path = served.app.extensions["ereputation"].workspace.save("zoe", '[person]\nname = "Zoé"\n')
    audit = record(served.db, "REF-9", "Zoé", config_path=path.resolve())
    with served.app.test_request_context():
        from flask import url_for

        address = url_for("cases.report", case_id="zoe", audit_id=audit)
    assert address == f"/case/audit/{audit}?case_id=zoe"
    assert served.client.get(address).status_code == 200
    other = record(served.db, "REF-10", "Ali")
    assert served.client.get(f"/case/audit/{other}?case_id=zoe").status_code == 404
