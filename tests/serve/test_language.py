"""The pages follow the browser's language, and a switch link changes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask.testing import FlaskClient

from ereputation.serve.app import create_app
from ereputation.serve.context import Settings
from ereputation.serve.i18n import LANG_COOKIE, safe_next
from tests.serve.cases_support import TOKEN, record, soup


def _client(tmp_path: Path) -> FlaskClient:
    app = create_app(Settings(token=TOKEN, db=str(tmp_path / "h.sqlite3"), workspace=tmp_path))
    client = app.test_client()
    client.get(f"/?token={TOKEN}")
    return client


@pytest.mark.parametrize(
    ("accept", "lang", "title"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "fr", "Dossiers"),
        ("en-GB,en;q=0.9", "en", "Cases"),
        ("de-DE,de;q=0.9,fr;q=0.5", "fr", "Dossiers"),
        ("de-DE", "en", "Cases"),
        ("", "en", "Cases"),
    ],
)
def test_the_language_follows_the_browser(
    tmp_path: Path, accept: str, lang: str, title: str
) -> None:
    client = _client(tmp_path)
    page = soup(client.get("/", headers={"Accept-Language": accept}).get_data(as_text=True))
    assert page.html["lang"] == lang
    assert page.h1.get_text() == title


def test_the_switch_sets_a_cookie_and_comes_back_to_the_same_page(tmp_path: Path) -> None:
    client = _client(tmp_path)
    record(str(tmp_path / "h.sqlite3"), "CASE-1", "Zoé Martin")
    french = {"Accept-Language": "fr"}
    page = soup(client.get("/?sort=risk", headers=french).get_data(as_text=True))
    switch = page.find("a", hreflang="en")
    assert switch.get_text() == "English" and switch["lang"] == "en"
    response = client.get(switch["href"], headers=french)
    assert response.status_code == 303 and response.location == "/?sort=risk"
    cookie = response.headers["Set-Cookie"]
    assert f"{LANG_COOKIE}=en" in cookie and "SameSite=Strict" in cookie and "HttpOnly" in cookie
    page = soup(client.get("/case?key=CASE-1", headers=french).get_data(as_text=True))
    assert page.html["lang"] == "en"  # the choice beats the browser's language
    assert page.h1.get_text() == "Case: Zoé Martin"


def test_french_pages_get_french_typography(tmp_path: Path) -> None:
    client = _client(tmp_path)
    record(str(tmp_path / "h.sqlite3"), "CASE-1", "Zoé Martin")
    client.set_cookie(LANG_COOKIE, "fr")
    page = soup(client.get("/case?key=CASE-1").get_data(as_text=True))
    assert page.h1.get_text() == "Dossier\u00a0: Zoé Martin"


@pytest.mark.parametrize(
    "target",
    ["//evil.example/", "/\\evil.example", "https://evil.example/", "evil", "", None, "/\nx"],
)
def test_the_switch_never_sends_elsewhere(target: str | None) -> None:
    assert safe_next(target) == "/"


def test_an_unknown_language_is_not_found(tmp_path: Path) -> None:
    assert _client(tmp_path).get("/language/de").status_code == 404
