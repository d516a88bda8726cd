"""PDF: the HTML report printed to A4 by a headless Chromium, or by WeasyPrint when importable.

The report's own print stylesheet does the layout; this module only drives a printer. Chromium
runs with a throw-away profile and its background network features off, on a file whose CSP
forbids every load, so printing stays as inert as opening the HTML.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ereputation.errors import RenderError
from ereputation.formats import Formatter
from ereputation.model import AuditResult
from ereputation.textsafe import printable

CHROMIUM_ENV = "EREPUTATION_CHROMIUM"  # a browser to use instead of the one found
CHROMIUM_PATHS = ("/usr/bin/chromium",)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 120.0

INSTALL_HINT = (
    "PDF output needs a headless Chromium or WeasyPrint. Install one of them "
    "(for example `apt-get install chromium`, or `pip install weasyprint`), "
    "or write HTML with `-o report.html` and print it from a browser."
)


logger = logging.getLogger(__name__)


class PdfError(RenderError):
    """The PDF could not be produced; the message says why, without a traceback (exit status 3:
    the input was good, the printer failed)."""


class PdfUnavailable(PdfError):
    """No PDF engine is installed: neither Chromium nor WeasyPrint."""


def find_chromium() -> str | None:
    """The browser named by $EREPUTATION_CHROMIUM, else /usr/bin/chromium, else one on PATH."""
    chosen = os.environ.get(CHROMIUM_ENV)
    if chosen:
        return chosen
    for path in CHROMIUM_PATHS:
        if os.access(path, os.X_OK):
            return path
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def weasyprint_available() -> bool:
    return importlib.util.find_spec("weasyprint") is not None


def render_pdf(html: str, *, browser: str | None = None, timeout: float = TIMEOUT) -> bytes:
    """Print a self-contained HTML report to PDF bytes (A4, no browser header or footer).

    Uses `browser` if given, else the Chromium `find_chromium()` finds, else WeasyPrint.
    Raises `PdfUnavailable` when no engine is installed and `PdfError` when printing fails.
    """
    chromium = browser or find_chromium()
    if chromium:
        logger.info("printing the PDF with %s", chromium)
        return _chromium_pdf(chromium, html, timeout)
    if weasyprint_available():
        logger.info("printing the PDF with WeasyPrint")
        return _weasyprint_pdf(html)
    raise PdfUnavailable(INSTALL_HINT)


def chromium_command(
    chromium: str, page: Path, pdf: Path, profile: Path, *, as_root: bool | None = None
) -> list[str]:
    if as_root is None:
        as_root = os.geteuid() == 0
    # Chromium's sandbox cannot start as root (containers, CI); everywhere else it stays on,
    # since the page holds text from hostile sites.
    sandbox = ["--no-sandbox"] if as_root else []
    return [
        chromium,
        "--headless",
        *sandbox,
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={pdf}",
        "--no-pdf-header-footer",
        page.as_uri(),
    ]


def _chromium_pdf(chromium: str, html: str, timeout: float) -> bytes:
    with tempfile.TemporaryDirectory(prefix="ereputation-pdf-") as tmp:
        folder = Path(tmp)
        page, pdf, profile = folder / "report.html", folder / "report.pdf", folder / "profile"
        page.write_text(html, encoding="utf-8")
        command = chromium_command(chromium, page, pdf, profile)
        try:
            done = subprocess.run(
                command,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                check=False,
            )
        except FileNotFoundError:
            raise PdfUnavailable(f"{chromium}: not found. {INSTALL_HINT}") from None
        except subprocess.TimeoutExpired:
            raise PdfError(f"{chromium} did not finish printing within {timeout:g} s") from None
        data = pdf.read_bytes() if pdf.is_file() else b""
        if not data.startswith(b"%PDF"):
            output = printable(done.stderr.decode("utf-8", "replace")).strip()
            logger.debug(
                "%s exited with status %s; its output:\n%s", chromium, done.returncode, output
            )
            detail = output.splitlines()[-3:]
            raise PdfError(
                f"{chromium} could not print the report (exit status {done.returncode})"
                + (": " + " / ".join(detail) if detail else "")
            )
        return data


def _weasyprint_pdf(html: str) -> bytes:
    import weasyprint  # type: ignore[import-not-found, unused-ignore]

    # A fetcher that refuses everything: the report needs no resource, and must load none.
    def refuse(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        raise ValueError(f"refused to load {url}")

    try:
        document = weasyprint.HTML(string=html, url_fetcher=refuse)
        data: bytes = document.write_pdf()
    except Exception as exc:  # any failure of a third-party printer is a rendering failure
        logger.debug("WeasyPrint failed", exc_info=True)
        raise PdfError(f"WeasyPrint could not print the report ({type(exc).__name__})") from None
    return data


__all__ = [
    "PdfError",
    "PdfUnavailable",
    "chromium_command",
    "find_chromium",
    "render_pdf",
    "weasyprint_available",
]


class PdfFormatter(Formatter):
    """The HTML report, printed by a headless browser: same content, same escaping."""

    def render_bytes(self, result: AuditResult) -> bytes:
        from ereputation.formats.html import FORMATTER as HTML

        return render_pdf(HTML.render(result))


FORMATTER = PdfFormatter()
