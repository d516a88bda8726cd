"""A recorded audit read back and rendered by the same formatters as the CLI (`render`, `compare`).

The history holds each result as masked JSON (`recording.masked_json`): what the pages and the
downloads show is masked exactly as the reports are. Nothing here computes a score.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ereputation.formats import OutputFormat

if TYPE_CHECKING:
    from ereputation.model import AuditResult
    from ereputation.store import AuditRow, Store

logger = logging.getLogger(__name__)

# The report pages: the report's own meta CSP, sent as a header too, with what a meta cannot say.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class Download:
    fmt: OutputFormat
    suffix: str
    mimetype: str
    word: str  # messages_serve.toml


DOWNLOADS: dict[str, Download] = {
    "html": Download(OutputFormat.HTML, "html", "text/html", "serve_download_html"),
    "pdf": Download(OutputFormat.PDF, "pdf", "application/pdf", "serve_download_pdf"),
    "md": Download(OutputFormat.MARKDOWN, "md", "text/markdown", "serve_download_markdown"),
    "json": Download(OutputFormat.JSON, "json", "application/json", "serve_download_json"),
}


class UnreadableAudit(Exception):
    """A recorded result that does not read back as a result: the page says why, in a line."""


def audit_of(store: Store, case_key: str, audit_id: int) -> AuditRow | None:
    """The audit `audit_id` if it belongs to `case_key` (an id of another case is not found)."""
    return next((row for row in store.history(case_key) if row.id == audit_id), None)


def result_of(store: Store, audit_id: int) -> AuditResult:
    from ereputation.errors import InputError
    from ereputation.model import from_json
    from ereputation.store.engine import UnreadableResult

    try:
        return from_json(store.result(audit_id))
    except (InputError, UnreadableResult) as exc:
        logger.debug("audit %d cannot be read back", audit_id, exc_info=True)
        raise UnreadableAudit(str(exc)) from None


def rendered(result: AuditResult, kind: str) -> bytes:
    """The bytes of `result` as `ereputation render --format <kind>` writes them."""
    from ereputation.formats import formatter_for

    return formatter_for(DOWNLOADS[kind].fmt).render_bytes(result)


def comparison_html(old: AuditResult, new: AuditResult) -> str:
    from ereputation.compare import compare
    from ereputation.formats.compare_view import compare_formatter_for

    return compare_formatter_for(OutputFormat.HTML).render(compare(old, new))


def pdf_available() -> bool:
    from ereputation.formats.pdf import find_chromium, weasyprint_available

    return find_chromium() is not None or weasyprint_available()


def file_name(case_key: str, audit_id: int, suffix: str) -> str:
    """`ereputation-zoe-martin-12.html`: ASCII only, whatever the case key holds."""
    from ereputation.serve.workspace import slug

    stem = slug(case_key)[:40] or "case"
    return f"ereputation-{stem}-{audit_id}.{suffix}"
