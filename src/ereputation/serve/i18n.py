"""The language of the web face: the switch's cookie, else the browser's `Accept-Language`.

The words are the reports' own (`messages(language)`), with the web face's in
report_templates/messages_serve.toml, typeset for French by the same code as the reports.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask, abort, redirect, request
from werkzeug.wrappers import Response

from ereputation.i18n import LANGUAGES, Language
from ereputation.messages import messages

LANG_COOKIE = "ereputation_lang"
DEFAULT_LANGUAGE: Language = "en"
_ONE_YEAR = 365 * 24 * 3600


def current_language() -> Language:
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen == "fr":
        return "fr"
    if chosen == "en":
        return "en"
    best = request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)
    return "fr" if best == "fr" else "en"


def words(language: Language | None = None) -> Mapping[str, str]:
    return messages(language or current_language())


def say(key: str, /, **params: object) -> str:
    """One sentence of the web face in the page's language."""
    text = words()[key]
    return text.format(**params) if params else text


def other_language(language: Language) -> Language:
    return "en" if language == "fr" else "fr"


def safe_next(target: str | None) -> str:
    """A local path to go back to; anything else (another site, `//host`, `/\\host`) is `/`."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(ord(char) < 0x20 or char == "\\" for char in target):
        return "/"
    return target


def install(app: Flask) -> None:
    @app.get("/language/<code>")
    def switch_language(code: str) -> Response:
        if code not in LANGUAGES:
            abort(404)
        response = redirect(safe_next(request.args.get("next")), code=303)
        response.set_cookie(
            LANG_COOKIE, code, max_age=_ONE_YEAR, httponly=True, samesite="Strict", path="/"
        )
        return response

    @app.context_processor
    def _language() -> dict[str, object]:
        from ereputation.formats.view import long_date
        from ereputation.serve.caseload_view import verdict_title

        language = current_language()
        local = words(language)
        return {
            "lang": language,
            "other_lang": other_language(language),
            "t": local,
            "say": say,
            "long_date": lambda iso: long_date(local, iso),
            "verdict_title": lambda verdict_id: verdict_title(verdict_id, language),
        }
