"""Everything held about a case, in one zip, for a client who asks to see it (right of access).

Layout: `case.json` (the case and its audits' list), `audits/<id>/result.json`,
`audits/<id>/config.toml`, `audits/<id>/reports/<file>` for the report files still on disk;
`case.json` names those that are gone. The zip is written to a private temporary file beside the
target and renamed, so a crash never leaves half an archive.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ereputation.store.engine import StoreError
from ereputation.textsafe import one_line

if TYPE_CHECKING:
    from ereputation.store.history import Store


def write_export(store: Store, case_key: str, zip_path: Path) -> Path:
    case = store.case(case_key)
    if case is None:
        raise StoreError(f"no case {one_line(case_key, 80)!r} in the history of {store.shown_url}")
    audits = list(reversed(store.history(case_key)))
    files = store.report_files(case_key)
    present = {f.path for f in files if f.path.is_file()}
    summary: dict[str, Any] = {
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
        "audits": [
            {
                "id": a.id,
                "recorded_at": a.recorded_at.isoformat(),
                "generated_at": a.generated_at,
                "visibility": a.visibility,
                "risk": a.risk,
                "verdict": a.verdict_id,
                "config_path": a.config_path,
                "reports": [
                    {"path": str(f.path), "format": f.format, "included": f.path in present}
                    for f in files
                    if f.audit_id == a.id
                ],
            }
            for a in audits
        ],
    }
    directory = zip_path.parent if str(zip_path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}.", suffix=".tmp", dir=directory)
    except OSError as err:
        raise StoreError(f"{zip_path}: cannot write the export: {err.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("case.json", _json(summary))
                for audit in audits:
                    folder = f"audits/{audit.id}"
                    archive.writestr(f"{folder}/result.json", _json(store.result(audit.id)))
                    archive.writestr(f"{folder}/config.toml", store.config_text(audit.id))
                    for item in files:
                        if item.audit_id == audit.id and item.path in present:
                            archive.write(item.path, f"{folder}/reports/{item.path.name}")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, zip_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return zip_path


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None
