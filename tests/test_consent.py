"""Issue 9 point 4: a counselled case needs consent, its scope is respected, its data has an
erasure date (retention), shown in every format and in the JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from ereputation.cli import main
from ereputation.config import (
    DEFAULT_RETENTION_MONTHS,
    AuditContext,
    add_months,
    read_profile,
)
from ereputation.resources import schema_path
from tests.conftest import MINI_CHECKLIST

PAGE = (
    "<!doctype html><html><head><title>Sam Doe</title></head><body><h1>Sam Doe</h1></body></html>"
)
TODAY = dt.date.today()
YESTERDAY = TODAY - dt.timedelta(days=1)


def config(tmp_path: Path, audit: str, *urls: str) -> Path:
    profiles = "".join(f'[[profiles]]\nurl = "{u}"\n' for u in urls)
    path = tmp_path / "p.toml"
    path.write_text(
        f'checklist = "{MINI_CHECKLIST}"\n[person]\nname = "Sam Doe"\nlanguage = "en"\n'
        f"[audit]\n{audit}\n{profiles}",
        encoding="utf-8",
    )
    return path


def audit(path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["audit", str(path), "--lang", "en", *args])


def audit_json(path: Path, *args: str) -> dict[str, Any]:
    result = audit(path, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    checker = jsonschema.FormatChecker()
    jsonschema.Draft202012Validator(schema, format_checker=checker).validate(data)
    return data


# --- consent ---------------------------------------------------------------------------------


def test_a_counselled_case_without_consent_date_stops_with_what_to_add(tmp_path: Path) -> None:
    result = audit(config(tmp_path, 'counsellor = "Nadia"'), "--offline")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "p.toml: audit:" in result.output
    assert f"add consent_date = {TODAY.isoformat()}" in result.output
    assert "[audit] section" in result.output


def test_validate_refuses_what_audit_would_refuse(tmp_path: Path) -> None:
    path = config(tmp_path, 'counsellor = "Nadia"')
    result = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert f"add consent_date = {TODAY.isoformat()}" in result.output


def test_the_consent_message_is_translated(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["audit", str(config(tmp_path, 'counsellor = "Nadia"')), "--lang", "fr", "--offline"]
    )
    assert result.exit_code == 2
    assert "ajoutez consent_date = " in result.output
    assert "section [audit]" in result.output


def test_a_consent_date_to_come_stops_the_audit(tmp_path: Path) -> None:
    later = TODAY + dt.timedelta(days=3)
    path = config(tmp_path, f'counsellor = "Nadia"\nconsent_date = {later.isoformat()}')
    result = audit(path, "--offline")
    assert result.exit_code == 2
    assert f"audit.consent_date: {later.isoformat()} is still to come" in result.output
    assert f"today ({TODAY.isoformat()}) at the latest" in result.output


def test_todays_consent_is_enough_and_a_case_nobody_counsels_needs_none(tmp_path: Path) -> None:
    counselled = config(tmp_path, f'counsellor = "Nadia"\nconsent_date = {TODAY.isoformat()}')
    assert audit(counselled, "--offline").exit_code == 0
    alone = config(tmp_path, 'note = "my own audit"')
    assert audit(alone, "--offline").exit_code == 0


# --- scope -----------------------------------------------------------------------------------


@pytest.mark.parametrize("scope", ['consent_scope = "checklist"', ""])
def test_consent_to_the_checklist_only_visits_no_profile_and_says_why(
    httpserver: HTTPServer, tmp_path: Path, scope: str
) -> None:
    """The explicit scope, and the default of a counselled case without one: no request at all,
    without --offline, and every profile says the client agreed to the checklist only."""
    httpserver.expect_request("/sam").respond_with_data(PAGE, content_type="text/html")
    audit_lines = f'counsellor = "Nadia"\nconsent_date = {YESTERDAY.isoformat()}\n{scope}'
    path = config(tmp_path, audit_lines, httpserver.url_for("/sam"))
    data = audit_json(path, "--allow-private", "--timeout", "5")
    assert httpserver.log == []
    (profile,) = data["profiles"]
    assert (profile["status"], profile["reason_code"]) == ("skipped", "consent_checklist_only")
    assert profile["reason"] == "not visited: the client agreed to the checklist only"
    assert data["audit"]["consent_scope"] == "checklist"
    assert data["audit"]["offline"] is True and data["audit"]["visit_summary"] == "offline"
    assert data["findings"] == []  # nothing was tried, so nothing to "check yourself"
    html = audit(path, "--allow-private", "--format", "html").output
    box = BeautifulSoup(html, "html.parser").select_one(".scope")
    assert box is not None
    scope_text = box.get_text(" ")
    assert "the client agreed to the checklist only" in scope_text
    assert "offline mode" not in scope_text


def test_consent_to_profiles_visits_them(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/sam").respond_with_data(PAGE, content_type="text/html")
    audit_lines = (
        f'counsellor = "Nadia"\nconsent_date = {YESTERDAY.isoformat()}\n'
        'consent_scope = "checklist_and_profiles"'
    )
    path = config(tmp_path, audit_lines, httpserver.url_for("/sam"))
    data = audit_json(path, "--allow-private", "--timeout", "5")
    assert len(httpserver.log) == 1
    assert data["profiles"][0]["status"] == "ok"
    assert data["audit"]["consent_scope"] == "checklist_and_profiles"


def test_a_self_audit_has_no_scope_and_visits(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/sam").respond_with_data(PAGE, content_type="text/html")
    path = config(tmp_path, "", httpserver.url_for("/sam"))
    data = audit_json(path, "--allow-private", "--timeout", "5")
    assert len(httpserver.log) == 1
    assert data["audit"]["consent_scope"] is None
    assert data["audit"]["erase_after"] is None and data["audit"]["retention_months"] is None


# --- retention and the erasure date ------------------------------------------------------------


def test_erase_after_is_the_audit_date_plus_the_default_two_years(tmp_path: Path) -> None:
    lines = 'counsellor = "Nadia"\nconsent_date = 2026-03-02\ndate = 2026-03-10'
    data = audit_json(config(tmp_path, lines), "--offline")
    assert DEFAULT_RETENTION_MONTHS == 24
    assert data["audit"]["retention_months"] == 24
    assert data["audit"]["erase_after"] == "2028-03-10"


def test_retention_months_sets_the_erasure_date_in_every_format(tmp_path: Path) -> None:
    lines = (
        'counsellor = "Nadia"\nconsent_date = 2026-01-31\ndate = 2026-01-31\nretention_months = 1'
    )
    path = config(tmp_path, lines)
    assert audit_json(path, "--offline")["audit"]["erase_after"] == "2026-02-28"
    text = audit(path, "--offline").output
    assert "Data to be erased after: 28 February 2026" in text
    markdown = audit(path, "--offline", "--format", "md").output
    assert "**Data to be erased after**" in markdown and "28 February 2026" in markdown
    html = audit(path, "--offline", "--format", "html").output
    meta = BeautifulSoup(html, "html.parser").select_one("dl.meta")
    assert meta is not None
    terms = {dt_.get_text(): dt_.find_next_sibling("dd") for dt_ in meta.select("dt")}
    dd = terms["Data to be erased after"]
    assert dd is not None and dd.get_text() == "28 February 2026"
    assert dd.time is not None and dd.time["datetime"] == "2026-02-28"


def test_a_self_audit_with_retention_months_gets_an_erasure_date() -> None:
    context = AuditContext(date=dt.date(2026, 5, 1), retention_months=6)
    assert context.erase_after(dt.date(2026, 6, 1)) == dt.date(2026, 11, 1)
    assert AuditContext().erase_after(dt.date(2026, 6, 1)) is None


def test_a_later_consent_moves_the_erasure_date() -> None:
    context = AuditContext(
        counsellor="Nadia", consent_date=dt.date(2026, 6, 1), date=dt.date(2026, 5, 1)
    )
    assert context.erase_after(dt.date(2026, 6, 2)) == dt.date(2028, 6, 1)
    assert AuditContext(counsellor="N").erase_after(dt.date(2026, 6, 2)) == dt.date(2028, 6, 2)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2028, 2, 29), 12, dt.date(2029, 2, 28)),
        (dt.date(2027, 12, 15), 1, dt.date(2028, 1, 15)),
        (dt.date(2026, 11, 30), 24, dt.date(2028, 11, 30)),
        (dt.date(2026, 8, 31), 60, dt.date(2031, 8, 31)),
    ],
)
def test_months_are_added_on_the_calendar(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("retention_months = 0", "audit.retention_months: must be a number of months from 1 to 60"),
        ("retention_months = 61", "must be a number of months from 1 to 60, not 61"),
        ("retention_months = 1.5", "audit.retention_months: must be an integer"),
        ('retention_months = "24"', "audit.retention_months: must be an integer"),
        ('consent_scope = "profiles"', "audit.consent_scope: 'profiles' is not allowed"),
        ('consent_scop = "checklist"', "did you mean consent_scope"),
    ],
)
def test_bad_consent_and_retention_keys_are_located(
    tmp_path: Path, line: str, message: str
) -> None:
    path = config(tmp_path, f'counsellor = "Nadia"\nconsent_date = 2026-01-01\n{line}')
    _, problems = read_profile(path)
    shown = [p.show("en") for p in problems]
    assert any(message in p for p in shown), shown
    result = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_example_keeps_visiting_its_profiles() -> None:
    from tests.conftest import EXAMPLE

    profile, problems = read_profile(EXAMPLE)
    assert problems == ()
    assert profile.audit.scope == "checklist_and_profiles" and profile.audit.visits_allowed
