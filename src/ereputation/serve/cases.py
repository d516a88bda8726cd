"""The caseload, a case's page, its reports and comparisons, downloads, export and purge.

Every page reads the history through `store` (the API behind `history`, `compare`, `export` and
`purge` on the command line) and renders results with the CLI's formatters: one core, two faces.
Which case a request names is `case_ref.requested_case()`'s business.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from flask import Blueprint, abort, flash, get_flashed_messages, redirect, render_template, request
from flask import url_for as _url_for
from werkzeug.wrappers import Response

from ereputation.serve import results
from ereputation.serve.case_ref import CaseRef, requested_case
from ereputation.serve.context import store, workspace
from ereputation.serve.i18n import current_language, words
from ereputation.serve.pages import error_page
from ereputation.serve.runs import runs
from ereputation.textsafe import one_line

if TYPE_CHECKING:
    from ereputation.model import AuditResult
    from ereputation.store import CaseRow

logger = logging.getLogger(__name__)

blueprint = Blueprint("cases", __name__)


@blueprint.get("/")
def caseload() -> str:
    from ereputation.serve.caseload_view import build_caseload

    history = store()
    lang = current_language()
    view = build_caseload(
        history.cases(),
        history.history(),
        workspace().cases(),
        words(lang),
        lang,
        today=dt.date.today(),
        query=request.args.get("q", ""),
        sort=request.args.get("sort", ""),
        descending=request.args.get("dir") == "desc",
        workspace_id_of=workspace().id_of,
        workspace_name=_workspace_name,
    )
    return render_template(
        "caseload.html.j2", nav="caseload", view=view, notices=get_flashed_messages()
    )


@blueprint.get("/case")
def case() -> str:
    from ereputation.serve.caseload_view import audit_dates

    ref = requested_case()
    row = _case_row(ref)
    audits = store().history(ref.key) if ref.key is not None else []
    # A case recorded from the command line is followed up from the config its last audit read.
    from_history = ref.case_id is None and bool(audits) and bool(store().config_text(audits[0].id))
    return render_template(
        "case.html.j2",
        ref=ref,
        case=row,
        name=_name(ref, row),
        audits=audits,
        dates=audit_dates(audits, words()),
        from_history=from_history,
        pdf=results.pdf_available(),
        downloads=results.DOWNLOADS,
        notices=get_flashed_messages(),
    )


@blueprint.get("/case/audit/<int:audit_id>")
def report(audit_id: int) -> Response | tuple[str, int]:
    """The report exactly as the CLI writes it, with its own strict CSP sent as a header too."""
    found = _audit(requested_case(), audit_id)
    if isinstance(found, tuple):
        return found
    return _report_response(results.rendered(found, "html"), "text/html")


@blueprint.get("/case/audit/<int:audit_id>/compare")
def compare(audit_id: int) -> Response | tuple[str, int]:
    """The comparison with the case's audit before this one, as `ereputation compare` writes it."""
    ref = requested_case()
    history = store()
    if ref.key is None or results.audit_of(history, ref.key, audit_id) is None:
        abort(404)
    previous = history.previous(ref.key, audit_id)
    if previous is None:
        return error_page(404, "serve_compare_none")
    try:
        old = results.result_of(history, previous.id)
        new = results.result_of(history, audit_id)
    except results.UnreadableAudit as exc:
        return error_page(500, "serve_report_unreadable", detail=str(exc))
    return _report_response(results.comparison_html(old, new).encode("utf-8"), "text/html")


@blueprint.get("/case/audit/<int:audit_id>/download/<kind>")
def download(audit_id: int, kind: str) -> Response | tuple[str, int]:
    from ereputation.formats.pdf import PdfError

    chosen = results.DOWNLOADS.get(kind)
    if chosen is None:
        abort(404)
    ref = requested_case()
    found = _audit(ref, audit_id)
    if isinstance(found, tuple):
        return found
    try:
        data = results.rendered(found, kind)
    except PdfError as exc:
        logger.warning("the PDF could not be printed: %s", exc)
        return error_page(503, "serve_pdf_missing", detail=str(exc))
    response = _report_response(data, chosen.mimetype)
    name = results.file_name(ref.key or "", audit_id, chosen.suffix)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@blueprint.post("/case/export")
def export() -> Response:
    """The history's export of the case (`ereputation export`), with its saved interview."""
    ref = requested_case()
    _case_row(ref)  # 404 for a case that is nowhere
    with tempfile.TemporaryDirectory(prefix="ereputation-export-") as folder:
        path = Path(folder) / "case.zip"
        keys = _keys_of(ref)
        if keys:
            store().export(keys[0], path)
        config = workspace().read(ref.case_id) if ref.case_id is not None else None
        with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
            if config is not None:
                archive.writestr("workspace/profile.toml", config)
            # The audits its interview gave under an earlier name belong to the case too.
            for number, key in enumerate(keys[1:], start=1):
                earlier = Path(folder) / f"earlier-{number}.zip"
                store().export(key, earlier)
                with zipfile.ZipFile(earlier) as part:
                    for item in part.infolist():
                        archive.writestr(f"earlier-names/{number}/{item.filename}", part.read(item))
        data = path.read_bytes()
    response = Response(data, mimetype="application/zip")
    name = results.file_name(ref.key or ref.case_id or "", 0, "zip").replace("-0.zip", ".zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@blueprint.get("/case/purge")
def confirm_purge() -> str | tuple[str, int]:
    ref = requested_case()
    return _confirm_page(ref, refused=False, running=runs().busy(ref.case_id, ref.key))


@blueprint.post("/case/purge")
def purge() -> Response | str | tuple[str, int]:
    """Erase the case only when the confirmation box is ticked; otherwise nothing at all."""
    ref = requested_case()
    if request.form.get("confirm") != "yes":
        return _confirm_page(ref, refused=True)
    _case_row(ref)
    audits = files = 0
    scrubbed = True
    interview = False
    with runs().exclusive(ref.case_id, ref.key) as free:
        if not free:  # its record at the end would bring the case back
            return _confirm_page(ref, refused=False, running=True)
        for key in _keys_of(ref):
            done = store().purge(key)
            audits, files = audits + done.audits_deleted, files + len(done.files_deleted)
            scrubbed = scrubbed and done.scrubbed
        if ref.case_id is not None:
            interview = workspace().delete(ref.case_id)
    say = words()
    # No name in the message: it travels in the session cookie until the next page. The files
    # are named for what they were, and the interview too: "0 file(s)" alone read as if the
    # saved questionnaire had been left behind.
    notice = say["serve_purged"].format(audits=audits, files=files)
    flash(f"{notice} {say['serve_purged_interview']}" if interview else notice)
    if not scrubbed:
        flash(say["serve_purged_not_scrubbed"])
    return redirect(_url_for("cases.caseload"), code=303)


def _keys_of(ref: CaseRef) -> list[str]:
    """The history keys to erase with the case: its own, and every other one its saved
    interview was audited under (a name corrected between two audits starts a second key)."""
    keys = [ref.key] if ref.key is not None else []
    if ref.case_id is not None:
        wanted = str(workspace().resolved_path_of(ref.case_id))
        for audit in store().history():
            if audit.config_path == wanted and audit.case_key not in keys:
                keys.append(audit.case_key)
    return keys


def _confirm_page(ref: CaseRef, *, refused: bool, running: bool = False) -> str | tuple[str, int]:
    row = _case_row(ref)
    page = render_template(
        "confirm.html.j2",
        ref=ref,
        name=_name(ref, row),
        audits=row.audit_count if row else 0,
        saved=ref.case_id is not None,
        refused=refused,
        running=running,
    )
    if refused:
        return page, 400
    return (page, 409) if running and request.method == "POST" else page


def _case_row(ref: CaseRef) -> CaseRow | None:
    """The history's row of the case (None for a saved case never audited); 404 when the case
    is neither in the history nor in the workspace."""
    row = store().case(ref.key) if ref.key is not None else None
    saved = ref.case_id is not None and workspace().exists(ref.case_id)
    if row is None and not saved:
        abort(404)
    return row


def _name(ref: CaseRef, row: CaseRow | None) -> str:
    if row is not None:
        return one_line(row.display_name, 120) or one_line(row.key, 120)
    return (_workspace_name(ref.case_id) if ref.case_id else None) or ref.case_id or ""


def _audit(ref: CaseRef, audit_id: int) -> AuditResult | tuple[str, int]:
    history = store()
    if ref.key is None or results.audit_of(history, ref.key, audit_id) is None:
        abort(404)
    try:
        return results.result_of(history, audit_id)
    except results.UnreadableAudit as exc:
        return error_page(500, "serve_report_unreadable", detail=str(exc))


def _report_response(data: bytes, mimetype: str) -> Response:
    response = Response(data, mimetype=mimetype)
    if mimetype.startswith("text/"):
        response.headers["Content-Type"] = f"{mimetype}; charset=utf-8"
    response.headers["Content-Security-Policy"] = results.REPORT_CSP
    return response


def _workspace_name(case_id: str) -> str | None:
    """The person's name in a saved interview (a case not audited yet has no other)."""
    from ereputation.errors import InputError
    from ereputation.tomlfile import load_toml

    try:
        data = load_toml(workspace().path_of(case_id))
    except (InputError, OSError):
        logger.debug("case %s: its saved config cannot be read", case_id, exc_info=True)
        return None
    person = data.get("person")
    name = person.get("name") if isinstance(person, dict) else None
    return one_line(name, 120) if isinstance(name, str) and name.strip() else None
