"""Everything held about a case, in one zip, for a client who asks to see it (right of access).

Layout: `case.json` (the case and its audits' list), `audits/<id>/result.json`,
`audits/<id>/config.toml`, `audits/<id>/reports/<file>` for the report files still on disk;
`case.json` names those that are gone. The zip is written to a private temporary file beside the
target and renamed, so a crash never leaves half an archive.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ereputation.store.engine import StoreError
from ereputation.textsafe import one_line

if TYPE_CHECKING:
    from ereputation.store.history import Store
    from ereputation.store.rows import CaseRow

logger = logging.getLogger(__name__)


def write_export(store: Store, case_key: str, zip_path: Path) -> Path:
    case = store.case(case_key)
    if case is None:
        raise StoreError(f"no case {one_line(case_key, 80)!r} in the history of {store.shown_url}")
    directory = zip_path.parent if str(zip_path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        logger.debug("cannot create a temporary file beside %s", zip_path, exc_info=True)
        raise StoreError(f"{zip_path}: cannot write the export: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                _write_case(store, case, archive)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, zip_path)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(err, OSError):
            logger.debug("writing %s failed", zip_path, exc_info=True)
            raise StoreError(f"{zip_path}: cannot write the export: {err.strerror}") from None
        raise
    return zip_path


def _write_case(store: Store, case: CaseRow, archive: zipfile.ZipFile) -> None:
    """The audits and report files first, then case.json, which says which files made it in."""
    audits = list(reversed(store.history(case.key)))
    files = store.report_files(case.key)
    others = store.reports_of_others(case.key)  # a reused report name: another client's now
    listed: list[dict[str, Any]] = []
    for audit in audits:
        folder = f"audits/{audit.id}"
        archive.writestr(f"{folder}/result.json", _json(store.result(audit.id)))
        archive.writestr(f"{folder}/config.toml", store.config_text(audit.id))
        names: set[str] = set()
        reports = []
        for item in (f for f in files if f.audit_id == audit.id):
            name = _unique(item.path.name, names)
            included = item.path not in others and _add_file(
                archive, item.path, f"{folder}/reports/{name}"
            )
            reports.append({"path": str(item.path), "format": item.format, "included": included})
        listed.append(
            {
                "id": audit.id,
                "recorded_at": audit.recorded_at.isoformat(),
                "generated_at": audit.generated_at,
                "visibility": audit.visibility,
                "risk": audit.risk,
                "verdict": audit.verdict_id,
                "config_path": audit.config_path,
                "reports": reports,
            }
        )
    summary = {
        "case": {
            "key": case.key,
            "display_name": case.display_name,
            "counsellor": case.counsellor,
            "consent_date": _iso(case.consent_date),
            "consent_scope": case.consent_scope,
            "retention_months": case.retention_months,
            "erase_after": _iso(case.erase_after),
            "created_at": case.created_at.isoformat(),
            "updated_at": case.updated_at.isoformat(),
        },
        "audits": listed,
    }
    archive.writestr("case.json", _json(summary))


def _add_file(archive: zipfile.ZipFile, path: Path, name: str) -> bool:
    """Add a report file if it is still there and readable; say whether it was."""
    if not path.is_file():
        return False
    try:
        data = path.read_bytes()
    except OSError:
        logger.warning("the report file %s cannot be read: left out of the export", path)
        logger.debug("reading %s failed", path, exc_info=True)
        return False
    archive.writestr(name, data)
    return True


def _unique(name: str, taken: set[str]) -> str:
    """Two reports of one audit with the same file name (different folders) both fit."""
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{n}-{name}"
    taken.add(candidate)
    return candidate


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
