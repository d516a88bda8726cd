"""Who may use the web face, and what its pages may do in a browser.

- The access token: `?token=...` (printed by `ereputation serve`, like notebook servers) is
  compared in constant time; a match marks the signed session cookie (`HttpOnly`,
  `SameSite=Strict`) and redirects to the same address without the token, so it leaves the
  address bar and the history (coming from another site, through a page that sends the browser
  on). Any request without the token or that cookie gets a 403 page.
- On loopback, the Host header must name the loopback too (`localhost` or a loopback address,
  127.0.0.2 as well as 127.0.0.1): a page of another site that makes its name point to 127.0.0.1
  (DNS rebinding) is refused before anything else.
- The language switch alone answers without the session (it sets a preference cookie and sends
  back to a local path), so that the refusal page itself can be read in the other language.
- CSRF: one random token per session, in every form through the template global `csrf_field()`,
  checked on every POST/PUT/PATCH/DELETE (400 otherwise).
- Headers: a strict CSP for the app's own pages (a view serving a report sets its own and keeps
  it), no sniffing, no referrer, no caching (the pages show personal data), no framing.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import secrets
from urllib.parse import urlencode

from flask import Flask, abort, g, redirect, render_template, request, session
from markupsafe import Markup, escape
from werkzeug.wrappers import Response

logger = logging.getLogger(__name__)

TOKEN_PARAM = "token"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
_AUTH_KEY = "auth"
_CSRF_KEY = "csrf"
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost"})
# Served without the session: it changes no data and leaves for a local path only.
_OPEN_ENDPOINTS = frozenset({"switch_language"})

APP_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
# Added only to the pages whose view called `allow_script()` (live progress).
SCRIPT_CSP = "; script-src 'self'; connect-src 'self'"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def install(app: Flask, token: str, *, loopback_only: bool) -> None:
    """Guard every request of `app` with `token`, CSRF checks and the headers above."""
    expected = token.encode("utf-8")
    app.config.update(
        SESSION_COOKIE_NAME=f"ereputation_{secrets.token_hex(4)}",  # one per server: two on
        # one machine (different ports share 127.0.0.1's cookies) never log each other out
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_PATH="/",
        # Beyond the loopback, the reverse proxy serves HTTPS: never send the cookie in clear.
        SESSION_COOKIE_SECURE=not loopback_only,
    )
    app.secret_key = secrets.token_bytes(32)  # a restart ends every session, as the token changes

    @app.before_request
    def _guard() -> Response | None:
        if loopback_only and not is_loopback_host(request.host):
            logger.warning("refused a request for host %r (not the loopback)", request.host)
            abort(403)
        given = request.args.get(TOKEN_PARAM)
        if given is not None:
            if not hmac.compare_digest(given.encode("utf-8"), expected):
                abort(403)
            session.clear()
            session[_AUTH_KEY] = True
            session.permanent = False
            if request.headers.get("Sec-Fetch-Site") == "cross-site":
                # Arriving from another site (a link in a mail, the file `serve --open` writes),
                # the redirect's target would not get the SameSite=Strict cookie: a page of ours
                # sends the browser on instead.
                return _continue_page(_without_token())
            return redirect(_without_token(), code=303)
        if request.endpoint in _OPEN_ENDPOINTS and request.method == "GET":
            return None
        if session.get(_AUTH_KEY) is not True:
            abort(403)
        if request.method in _UNSAFE_METHODS and not _csrf_ok():
            abort(400)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        for name, value in COMMON_HEADERS.items():
            response.headers[name] = value  # even over send_file's "no-cache"
        if "Content-Security-Policy" not in response.headers:
            policy = APP_CSP + (SCRIPT_CSP if g.get("allow_script") else "")
            response.headers["Content-Security-Policy"] = policy
        return response

    app.jinja_env.globals["csrf_field"] = csrf_field
    app.jinja_env.globals["current_path"] = current_path
    app.jinja_env.globals["csrf_token"] = csrf_token


def csrf_token() -> str:
    """This session's CSRF token (made on first use)."""
    value = session.get(_CSRF_KEY)
    if not isinstance(value, str):
        value = secrets.token_urlsafe(32)
        session[_CSRF_KEY] = value
    return value


def csrf_field() -> Markup:
    """The hidden field every form carries."""
    return Markup('<input type="hidden" name="{}" value="{}">').format(
        CSRF_FIELD, escape(csrf_token())
    )


def allow_script() -> None:
    """Let this response run the app's own scripts (`script-src 'self'`) and reach the app."""
    g.allow_script = True


def _csrf_ok() -> bool:
    expected = session.get(_CSRF_KEY)
    given = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
    if not isinstance(expected, str) or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def is_loopback_host(host: str) -> bool:
    """Whether a Host header names this machine: `localhost` or a loopback address (a name
    that resolves there, as a DNS rebinding makes it, is not one)."""
    name = _host_name(host)
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


def current_path() -> str:
    """This request's path and query, never with the access token (for links back here)."""
    query = [(key, value) for key, value in request.args.items(multi=True) if key != TOKEN_PARAM]
    return request.path + (f"?{urlencode(query)}" if query else "")


def _host_name(host: str) -> str:
    """`127.0.0.1:8000` -> `127.0.0.1`, `[::1]:8000` -> `[::1]`."""
    host = host.lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _continue_page(target: str) -> Response:
    page = render_template("signed_in.html.j2", target=target)
    return Response(page, mimetype="text/html")


def _without_token() -> str:
    # Werkzeug gives `request.path` one leading slash (`//host` is `/host`): never another site.
    return current_path()
