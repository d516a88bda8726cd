"""The history of audits, in SQLite or PostgreSQL: the only package that imports SQLAlchemy.

Only the commands that record or read the history import it, so `ereputation --help` and an
audit without recording never load SQLAlchemy. The names below are loaded on first use: the
listing commands read through `store.quick` without SQLAlchemy when the database is ready.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ereputation.store.engine import StoreError
    from ereputation.store.history import Store
    from ereputation.store.location import DB_ENV, default_sqlite_path
    from ereputation.store.open import open_store
    from ereputation.store.rows import AuditRow, CaseRow, PurgeReport, ReportFile

_HOMES = {
    "DB_ENV": "location",
    "default_sqlite_path": "location",
    "StoreError": "engine",
    "Store": "history",
    "open_store": "open",
    "AuditRow": "rows",
    "CaseRow": "rows",
    "PurgeReport": "rows",
    "ReportFile": "rows",
}

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


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
