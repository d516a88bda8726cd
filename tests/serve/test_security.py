"""The access token, the session cookie, CSRF, the loopback Host check and the pages' headers."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask

from ereputation.serve.app import create_app
from ereputation.serve.context import Settings
from ereputation.serve.security import APP_CSP
from ereputation.store import open_store
from tests.serve.cases_support import TOKEN, Served, csrf_of, record, serve, soup


def _app(tmp_path: Path, *, loopback_only: bool = True) -> Flask:
    db = str(tmp_path / "h.sqlite3")
    settings = Settings(TOKEN, db, tmp_path / "cases", loopback_only=loopback_only)
    app = create_app(settings)
    app.config["TESTING"] = True
    return app


def test_without_the_token_every_page_is_refused(tmp_path: Path) -> None:
    client = _app(tmp_path).test_client()
    for path in ("/", "/case?key=x", "/assets/serve.css", "/cases/new", "/nowhere"):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Set-Cookie" not in response.headers
    page = soup(client.get("/").get_data(as_text=True))
    assert "ereputation serve" in page.get_text()  # says where to find the address


def test_a_wrong_token_is_refused_and_sets_no_cookie(tmp_path: Path) -> None:
    client = _app(tmp_path).test_client()
    for wrong in ("nope", TOKEN[:-1], TOKEN + "x", ""):
        response = client.get("/", query_string={"token": wrong})
        assert response.status_code == 403
        assert "Set-Cookie" not in response.headers
    assert client.get("/").status_code == 403


def test_the_token_sets_a_strict_httponly_cookie_and_leaves_the_address(tmp_path: Path) -> None:
    client = _app(tmp_path).test_client()
    response = client.get(f"/?token={TOKEN}&sort=risk&q=zo%C3%A9")
    assert response.status_code == 303
    assert response.location == "/?sort=risk&q=zo%C3%A9"  # the token is gone, the rest kept
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Expires" not in cookie  # a session cookie: gone with the browser
    assert client.get("/").status_code == 200  # the cookie alone is enough now


def test_a_session_of_another_server_is_refused(tmp_path: Path) -> None:
    first = _app(tmp_path)
    client = first.test_client()
    client.get(f"/?token={TOKEN}")
    name = first.config["SESSION_COOKIE_NAME"]
    cookie = client.get_cookie(name)
    assert cookie is not None
    restarted = _app(tmp_path)  # same token, but a new secret key
    second = restarted.test_client()
    second.set_cookie(restarted.config["SESSION_COOKIE_NAME"], cookie.value)
    assert second.get("/").status_code == 403


def test_a_post_without_the_csrf_token_is_refused_and_erases_nothing(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin")
    response = served.client.post("/case/purge", data={"key": "CASE-1", "confirm": "yes"})
    assert response.status_code == 400
    wrong = served.client.post(
        "/case/purge", data={"key": "CASE-1", "confirm": "yes", "csrf_token": "forged"}
    )
    assert wrong.status_code == 400
    with open_store(served.db) as store:
        assert store.case("CASE-1") is not None


def _with_a_case(tmp_path: Path) -> tuple[Served, str]:
    """Signed in, one case recorded, and the CSRF token its page carries."""
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin")
    return served, csrf_of(served.client.get("/case?key=CASE-1").get_data(as_text=True))


def test_a_cross_site_post_without_the_cookie_is_refused(tmp_path: Path) -> None:
    served, token = _with_a_case(tmp_path)
    stranger = served.app.test_client()  # SameSite=Strict: another site's form sends no cookie
    data = {"key": "CASE-1", "confirm": "yes", "csrf_token": token}
    assert stranger.post("/case/purge", data=data).status_code == 403
    with open_store(served.db) as store:
        assert store.case("CASE-1") is not None


def test_a_post_with_the_csrf_token_of_its_session_goes_through(tmp_path: Path) -> None:
    served, token = _with_a_case(tmp_path)
    response = served.client.post("/case/export", data={"key": "CASE-1", "csrf_token": token})
    assert response.status_code == 200
    header = served.client.post(
        "/case/export", data={"key": "CASE-1"}, headers={"X-CSRF-Token": token}
    )
    assert header.status_code == 200


def test_another_host_name_is_refused_on_the_loopback(tmp_path: Path) -> None:
    """DNS rebinding: a page of evil.example whose name now points to 127.0.0.1."""
    client = _app(tmp_path).test_client()
    signed_in = f"/?token={TOKEN}"
    for host in ("evil.example:8765", "127.0.0.1.evil.example", "localhost.evil.example:80"):
        assert client.get(signed_in, headers={"Host": host}).status_code == 403, host
    for host in ("127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST", "127.0.0.1"):
        assert client.get(signed_in, headers={"Host": host}).status_code == 303, host


def test_behind_a_proxy_any_host_name_is_served(tmp_path: Path) -> None:
    client = _app(tmp_path, loopback_only=False).test_client()
    response = client.get(f"/?token={TOKEN}", headers={"Host": "ereputation.team.example"})
    assert response.status_code == 303


def test_the_app_pages_carry_a_strict_csp_and_private_headers(tmp_path: Path) -> None:
    served = serve(tmp_path)
    for path in ("/", "/assets/serve.css", "/nowhere"):
        response = served.client.get(path)
        assert response.headers["Content-Security-Policy"] == APP_CSP, path
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Frame-Options"] == "DENY"
    assert "script-src" not in APP_CSP
    assert "frame-ancestors 'none'" in APP_CSP


def test_the_pages_load_nothing_from_outside(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin")
    for path in ("/", "/case?key=CASE-1", "/case/purge?key=CASE-1"):
        page = soup(served.client.get(path).get_data(as_text=True))
        for node in page.find_all(["link", "script", "img", "iframe"]):
            source = str(node.get("href") or node.get("src") or "")
            assert source.startswith("/assets/"), (path, source)
        assert page.find("script") is None


def test_only_listed_assets_are_served(tmp_path: Path) -> None:
    served = serve(tmp_path)
    assert served.client.get("/assets/serve.css").status_code == 200
    assert served.client.get("/assets/report.css").status_code == 200
    for name in ("..%2fmessages.toml", "base.html.j2", "%2e%2e", "cli.toml", ".hidden.css"):
        assert served.client.get(f"/assets/{name}").status_code == 404, name


def test_behind_a_proxy_the_cookie_is_sent_over_https_only(tmp_path: Path) -> None:
    local = _app(tmp_path).test_client().get(f"/?token={TOKEN}")
    assert "Secure" not in local.headers["Set-Cookie"]  # http://127.0.0.1 has no TLS
    remote = _app(tmp_path, loopback_only=False).test_client().get(f"/?token={TOKEN}")
    assert "Secure" in remote.headers["Set-Cookie"]


def test_a_missing_blueprint_is_a_clear_error_not_a_silent_gap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ereputation.serve import app as app_module

    missing = "ereputation.serve.not_there"
    monkeypatch.setattr(app_module, "_BLUEPRINTS", (*app_module._BLUEPRINTS, missing))
    with pytest.raises(RuntimeError, match=f"the web face needs {missing}"):
        _app(tmp_path)
