"""Pages every part of the web face can answer with: an error, in the page's language."""

from __future__ import annotations

from flask import render_template

from ereputation.textsafe import one_line

ERROR_CODES = frozenset({400, 403, 404, 405, 413})


def error_page(code: int, key: str | None = None, detail: str | None = None) -> tuple[str, int]:
    """The error page: `key` names its words (`<key>_title` and `<key>` in messages_serve.toml);
    `detail` is one sanitised line (a database's message, say)."""
    if key is None:
        key = f"serve_error_{code}" if code in ERROR_CODES else "serve_error_other"
    shown = one_line(detail, 300) if detail else None
    return render_template("error.html.j2", code=code, key=key, detail=shown), code
