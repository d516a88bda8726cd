"""Helpers of the caseload and case page tests: real audit results recorded in a throwaway
history, an app signed in on it, and HTML parsed the way a browser would."""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from ereputation.serve.app import create_app
from ereputation.serve.context import Settings
from ereputation.store import open_store
from tests.conftest import EXAMPLE

TOKEN = "test-token-for-the-cases"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
RECORDED = dt.datetime(2026, 11, 18, 10, 0, tzinfo=dt.timezone.utc)


@cache
def _example_result() -> dict[str, Any]:
    """The bundled example, audited offline by the library and masked as the history keeps it."""
    from ereputation.audit import AuditOptions, run
    from ereputation.cli import load_valid
    from ereputation.recording import masked_json

    profile, _ = load_valid(EXAMPLE, None)
    return masked_json(run(profile, AuditOptions(offline=True)))


def result(visibility: int | None = 48, risk: int | None = 60, name: str = "") -> dict[str, Any]:
    data = copy.deepcopy(_example_result())
    data["scores"]["visibility"] = visibility
    data["scores"]["risk"] = risk
    if name:
        data["subject"]["name"] = name
    return data


def record(
    db: str,
    key: str,
    name: str,
    *,
    visibility: int | None = 48,
    risk: int | None = 60,
    days: int = 0,
    config_path: Path | None = None,
    erase_after: dt.date | None = None,
    consent_date: dt.date | None = dt.date(2026, 11, 18),
    result_json: dict[str, Any] | None = None,
) -> int:
    with open_store(db) as store:
        return store.record(
            result_json or result(visibility, risk, name),
            case_key=key,
            case_name=name,
            config_text='[person]\nname = "x"\n',
            config_path=config_path,
            counsellor="Nadia Benali",
            consent_date=consent_date,
            consent_scope="checklist_and_profiles",
            retention_months=12,
            erase_after=erase_after,
            now=RECORDED + dt.timedelta(days=days),
        )


@dataclass
class Served:
    app: Flask
    client: FlaskClient
    workspace: Path
    db: str

    def page(self, path: str, **query: str) -> tuple[int, Any]:
        response = self.client.get(path, query_string=query)
        return response.status_code, soup(response.get_data(as_text=True))

    def csrf(self) -> str:
        html = self.client.get("/").get_data(as_text=True)
        match = re.search(r'name="csrf_token" value="([^"]+)"', html)
        if match is None:  # the caseload has no form posting: the case page has
            raise AssertionError("no CSRF field on the caseload")
        return match.group(1)


S = TypeVar("S", bound=Served)


def serve(tmp_path: Path, language: str = "en") -> Served:
    """The app on a fresh workspace and history, its test client signed in, in `language`."""
    return serve_as(Served, tmp_path, language)


def serve_as(served: type[S], tmp_path: Path, language: str = "en") -> S:
    """`serve`, its result of the class `served` (a `Served` with more helpers)."""
    workspace = tmp_path / "cases"
    db = str(tmp_path / "history.sqlite3")
    app = create_app(Settings(token=TOKEN, db=db, workspace=workspace))
    app.config["TESTING"] = True
    client = app.test_client()
    client.set_cookie("ereputation_lang", language)
    assert client.get(f"/?token={TOKEN}").status_code == 303
    return served(app, client, workspace, db)


def soup(html: str) -> Any:
    """The page parsed as a browser would; Any, as tests index and chain what they find."""
    return BeautifulSoup(html, "html.parser")


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF field"
    return match.group(1)
