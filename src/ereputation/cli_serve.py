"""`ereputation serve` (issue 11): the web face, on this computer's loopback address by default.

Flask and waitress are imported inside the command: `ereputation --help` and every other command
never load them (a test checks it). waitress is pure Python, threaded and runs on any OS.
Ctrl-C stops the server and the command exits with status 0: stopping a server is its normal end.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ereputation.cli import UserError, _say, main, reports_input_errors
from ereputation.recording import db_option

if TYPE_CHECKING:
    from ereputation.i18n import Language

logger = logging.getLogger(__name__)

TOKEN_ENV = "EREPUTATION_SERVE_TOKEN"  # a fixed token, for a server behind a reverse proxy
MIN_TOKEN_LENGTH = 32
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
THREADS = 8  # a run in progress and a few pages at once


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def address(host: str, port: int, token: str) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/?token={token}"


@main.command(short_help="Open the web face for counsellors in a browser (local by default).")
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=None,
    show_default=str(DEFAULT_PORT),
    help="Port to listen on; 0 picks a free one. Without --port, a free one is taken when "
    "another server already holds the default.",
)
@db_option
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of the cases' profile configs. Default: cases/ in the user data directory.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the address in the browser.")
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Serve through a reverse proxy that authenticates (docs/web.md): allows a --host "
    "other than the loopback, accepts the proxy's host name, and sends the cookie over HTTPS "
    "only.",
)
@click.option(
    "--no-model",
    is_flag=True,
    help="Audits read risky content with the word rules alone, without the trained model's "
    "second opinion.",
)
@click.option(
    "--lang",
    "language",
    type=click.Choice(["fr", "en"]),
    default=None,
    help="Language of these lines. Default: the locale (the pages follow the browser).",
)
@reports_input_errors
def serve(
    host: str,
    port: int | None,
    db: str | None,
    workspace: Path | None,
    open_browser: bool,
    allow_remote: bool,
    no_model: bool,
    language: Language | None,
) -> None:
    """Start the web face: the caseload, interviews, audits and reports in a browser.

    Prints the address with a random access token, as notebook servers do: every request without
    it (or the session cookie it sets) is refused. $EREPUTATION_SERVE_TOKEN (32 characters or
    more) fixes the token instead. Listens on 127.0.0.1 unless --host and --allow-remote say
    otherwise. Stop it with Ctrl-C (exit status 0).
    """
    from ereputation.messages import language_from_environment

    lang: Language = language or language_from_environment()
    loopback = is_loopback(host)
    if not loopback and not allow_remote:
        raise UserError(_say(lang, "serve_remote_refused", host=host), lang)
    token = _token(lang)
    # Through a proxy, the Host header names the proxy's site, not the loopback.
    # A colleague's server on the default port is no reason to fail: take a free one instead.
    # A port chosen with --port is kept, or refused.
    fallback = port is None
    chosen = DEFAULT_PORT if port is None else port
    server = _server(
        host,
        chosen,
        db,
        workspace,
        not allow_remote,
        lang,
        token,
        fallback=fallback,
        no_model=no_model,
    )
    url = address(host, server.effective_port, server.token)
    if not loopback:
        click.echo(_say(lang, "serve_remote_warning", host=host), err=True)
    if token is not None:  # set by the administrator in $EREPUTATION_SERVE_TOKEN
        # A service's output goes to a journal others may read: a fixed token is never printed.
        click.echo(_say(lang, "serve_listening_fixed", name=TOKEN_ENV))
        click.echo(f"    {address(host, server.effective_port, '$' + TOKEN_ENV)}")
    else:
        click.echo(_say(lang, "serve_listening"))
        click.echo(f"    {url}")
    click.echo(_say(lang, "serve_stop_hint"))
    sys.stdout.flush()
    opener = open_in_browser(url) if open_browser else None
    try:
        server.run()
    except KeyboardInterrupt:
        logger.debug("stopped by Ctrl-C")
    finally:
        server.close()
        if opener is not None:
            import shutil

            shutil.rmtree(opener.parent, ignore_errors=True)
    click.echo(_say(lang, "serve_stopped"), err=True)


def open_in_browser(url: str) -> Path:
    """Open `url` through a private file that sends the browser on to it; the file's path.

    A browser started with the address itself would show the token on its command line to every
    user of this computer (`ps`); the file is in a folder only its owner reads (0700, 0600),
    removed when the server stops.
    """
    import html
    import tempfile
    import webbrowser

    from ereputation.output import write_atomic

    folder = Path(tempfile.mkdtemp(prefix="ereputation-serve-"))
    page = folder / "open.html"
    target = html.escape(url, quote=True)
    text = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer">'
        f'<meta http-equiv="refresh" content="0;url={target}"><title>ereputation</title>'
        f'</head><body><p><a href="{target}">ereputation</a></p></body></html>\n'
    )
    write_atomic(page, text.encode("utf-8"), mode=0o600)
    webbrowser.open(page.as_uri())
    return page


def _token(lang: Language) -> str | None:
    import os

    token = os.environ.get(TOKEN_ENV)
    if token is None:
        return None
    if len(token) < MIN_TOKEN_LENGTH or not token.isascii() or not token.isprintable():
        message = _say(lang, "serve_token_weak", name=TOKEN_ENV, length=MIN_TOKEN_LENGTH)
        raise UserError(message, lang)
    return token


class _Server:
    """A waitress server bound to its socket, with the token its app expects."""

    def __init__(self, inner: Any, services: Any, token: str) -> None:
        self.inner = inner
        self.services = services
        self.token = token
        self.effective_port: int = inner.effective_port

    def run(self) -> None:
        self.inner.run()

    def close(self) -> None:
        self.inner.close()
        self.services.close()


def _server(
    host: str,
    port: int,
    db: str | None,
    workspace: Path | None,
    loopback_only: bool,
    lang: Language,
    token: str | None,
    *,
    fallback: bool = False,
    no_model: bool = False,
) -> _Server:
    from waitress import create_server  # type: ignore[import-untyped]

    from ereputation.serve.app import create_app
    from ereputation.serve.context import EXTENSION, Settings
    from ereputation.serve.security import new_token
    from ereputation.store import StoreError

    settings = Settings(token or new_token(), db, workspace, loopback_only=loopback_only)
    app = create_app(settings)
    if no_model:
        from ereputation.serve.runs import NO_MODEL

        app.config[NO_MODEL] = True
    try:  # a history that cannot be reached is said now, not on every page
        app.extensions[EXTENSION].store()
    except StoreError as exc:
        raise UserError(str(exc), lang) from None

    def bind(on: int) -> Any:
        return create_server(
            app,
            host=host.strip("[]"),
            port=on,
            threads=THREADS,
            # waitress reads a whole body before the app sees it (1 GB by default): refuse at
            # the headers what the app would refuse anyway.
            max_request_body_size=app.config["MAX_CONTENT_LENGTH"],
        )

    try:
        try:
            inner = bind(port)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            if not fallback:
                raise UserError(
                    _say(lang, "serve_port_in_use", host=host, port=port), lang
                ) from None
            logger.debug("port %s is taken", port, exc_info=True)
            click.echo(_say(lang, "serve_port_fallback", port=port), err=True)
            inner = bind(0)
    except OSError as exc:
        raise UserError(
            _say(lang, "serve_port_busy", host=host, port=port, reason=exc.strerror or exc), lang
        ) from None
    return _Server(inner, app.extensions[EXTENSION], settings.token)
