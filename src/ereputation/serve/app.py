"""The web face's application: `create_app(settings)` builds a Flask app around the library.

Flask is imported only by `ereputation serve` (and tests): the CLI's start-up never pays for it.
Templates live in report_templates/serve/ and are always autoescaped (Flask escapes only
`.html` by name, and ours end in `.html.j2`).
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from flask import Flask, abort, send_from_directory
from werkzeug.exceptions import HTTPException
from werkzeug.wrappers import Response

from ereputation.resources import templates_dir
from ereputation.serve import i18n, security
from ereputation.serve.context import EXTENSION, Services, Settings
from ereputation.serve.pages import error_page
from ereputation.serve.workspace import BadCaseId
from ereputation.textsafe import one_line

logger = logging.getLogger(__name__)

# Files the pages may load, all from the package: the stylesheet and small first-party assets.
_ASSET_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,60}\.(?:css|js|svg|png)")
_BLUEPRINTS = ("ereputation.serve.cases", "ereputation.serve.interview", "ereputation.serve.runs")


class _App(Flask):
    def select_jinja_autoescape(self, filename: str | None) -> bool:
        return True


def create_app(settings: Settings | None = None) -> Flask:
    settings = settings or Settings()
    folder = templates_dir()
    app = _App(
        "ereputation.serve",
        template_folder=str(folder / "serve"),
        static_folder=None,
    )
    app.config["MAX_CONTENT_LENGTH"] = 2_000_000  # a form is a few kilobytes
    app.config["MAX_FORM_PARTS"] = 2_000
    app.extensions[EXTENSION] = Services(settings)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["one_line"] = lambda value: one_line(value, 200)
    security.install(app, settings.token, loopback_only=settings.loopback_only)
    i18n.install(app)
    _install_errors(app)

    @app.get("/assets/<name>")
    def asset(name: str) -> Response:
        if not _ASSET_NAME.fullmatch(name):
            abort(404)
        if name in ("report.css", "serve.css"):
            return send_from_directory(folder, name, max_age=0)
        return send_from_directory(folder / "serve", name, max_age=0)

    for module_name in _BLUEPRINTS:
        app.register_blueprint(_blueprint(module_name))

    @app.context_processor
    def _endpoints() -> dict[str, object]:
        # The menu links to a page only if its blueprint provides it.
        return {"app_endpoints": app.view_functions.keys(), "nav": None, "today": dt.date.today()}

    return app


def _blueprint(module_name: str) -> Any:
    from importlib import import_module

    try:
        module = import_module(module_name)
    except ImportError as exc:
        raise RuntimeError(
            f"the web face needs {module_name} (its blueprint), which cannot be imported: {exc}"
        ) from exc
    return module.blueprint


def _install_errors(app: Flask) -> None:
    from ereputation.store import StoreError

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> tuple[str, int]:
        return error_page(error.code or 500)

    @app.errorhandler(BadCaseId)
    def _bad_case(error: BadCaseId) -> tuple[str, int]:
        logger.debug("refused a case id", exc_info=True)
        return error_page(404)

    @app.errorhandler(StoreError)
    def _store(error: StoreError) -> tuple[str, int]:
        logger.warning("the history cannot be used: %s", error)
        return error_page(503, "serve_error_store", detail=str(error))
