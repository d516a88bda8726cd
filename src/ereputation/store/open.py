"""`open_store`: resolve the URL, reach the database, bring its schema to the head revision."""

from __future__ import annotations

from ereputation.store.engine import create_engine, reported, resolve_url, upgrade_schema
from ereputation.store.history import Store


def open_store(url: str | None = None) -> Store:
    """Open the history: `url`, else `EREPUTATION_DB`, else the SQLite file in the user data
    directory (created owner-only). An older schema is upgraded on the way; any failure is a
    `StoreError` with one clear line."""
    resolved = resolve_url(url)
    engine = create_engine(resolved)
    try:
        with reported(resolved):
            upgrade_schema(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)
