"""What every view of the web face reaches: the settings, the cases' workspace, the history.

Kept apart from `app.py` so that blueprints import it without importing the app factory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app

from ereputation.serve.security import new_token
from ereputation.serve.workspace import Workspace

if TYPE_CHECKING:
    from ereputation.store import Store

EXTENSION = "ereputation"


@dataclass(frozen=True)
class Settings:
    """How `ereputation serve` was started."""

    token: str = field(default_factory=new_token, repr=False)
    db: str | None = None  # the history's URL; None: EREPUTATION_DB, else the user's SQLite file
    workspace: Path | None = None  # the cases' configs; None: <user data dir>/cases
    loopback_only: bool = True  # False with --allow-remote (a reverse proxy authenticates)


class Services:
    """One per app: the workspace, and the history opened on first use and kept open."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.workspace = Workspace(settings.workspace)
        self._store: Store | None = None
        self._lock = threading.Lock()

    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                from ereputation.store import open_store

                self._store = open_store(self.settings.db)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def services() -> Services:
    found = current_app.extensions[EXTENSION]
    assert isinstance(found, Services)
    return found


def settings() -> Settings:
    return services().settings


def workspace() -> Workspace:
    return services().workspace


def store() -> Store:
    """The history (a `StoreError` when it cannot be reached: the app shows it as a page)."""
    return services().store()
