"""The history of audits, in SQLite or PostgreSQL: the only package that imports SQLAlchemy.

Only the commands that record or read the history import it, so `ereputation --help` and an
audit without recording never load SQLAlchemy.
"""

from __future__ import annotations

from ereputation.store.engine import DB_ENV, StoreError, default_sqlite_path
from ereputation.store.history import Store
from ereputation.store.open import open_store
from ereputation.store.rows import AuditRow, CaseRow, PurgeReport, ReportFile

__all__ = [
    "DB_ENV",
    "AuditRow",
    "CaseRow",
    "PurgeReport",
    "ReportFile",
    "Store",
    "StoreError",
    "default_sqlite_path",
    "open_store",
]
