"""What the history hands back: frozen rows, never SQLAlchemy objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CaseRow:
    """One client's case: who, under which consent, until when the data may be kept."""

    key: str
    display_name: str
    counsellor: str | None
    consent_date: dt.date | None
    consent_scope: str | None
    retention_months: int | None
    erase_after: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime
    audit_count: int
    last_recorded_at: dt.datetime | None


@dataclass(frozen=True)
class AuditRow:
    """One recorded audit, light: the figures a list shows, not the JSON result."""

    id: int
    case_key: str
    recorded_at: dt.datetime
    generated_at: str | None
    tool_version: str | None
    schema_version: str | None
    language: str | None
    visibility: int | None
    risk: int | None
    verdict_id: str | None
    config_path: str | None


@dataclass(frozen=True)
class ReportFile:
    """A report file an audit wrote, as recorded (it may have been moved or deleted since)."""

    audit_id: int
    path: Path
    format: str


@dataclass(frozen=True)
class PurgeReport:
    """What erasing a case removed: its rows and the report files found on disk."""

    case_key: str
    display_name: str
    audits_deleted: int
    files_deleted: tuple[Path, ...]
    files_missing: tuple[Path, ...]
    # Written again since by another case's audit (one report name reused): that case's now.
    files_kept: tuple[Path, ...] = ()
    # False when another program kept old pages in the SQLite log: the erasure ends when it closes.
    scrubbed: bool = True


def utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes: every stored time is UTC, so say so."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc)
