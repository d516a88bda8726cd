"""Shared fixtures: paths to the bundled example, the test checklist, and a fixed clock."""

from __future__ import annotations

import datetime as dt
import signal
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "camille-martin.toml"
MINI_CHECKLIST = FIXTURES / "mini_checklist.toml"
MINI_PROFILE = FIXTURES / "mini_profile.toml"
FIXED_NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=dt.timezone.utc)

Writer = Callable[[str, "str | bytes"], Path]

# Run in the background by a non-interactive shell (`make test &`, nohup), the suite starts with
# Ctrl-C ignored, and every child inherits that: the tests that interrupt an audit, a discovery
# or the web face would wait out their deadlines. A handler is reset at exec, so children start
# with Ctrl-C's default action, as from a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True)
def private_history(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test records into its own throwaway SQLite history, never the user's data folder
    (subprocesses inherit it through the environment)."""
    path = tmp_path_factory.mktemp("history") / "history.sqlite3"
    monkeypatch.setenv("EREPUTATION_DB", str(path))
    return path


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write a text file in a temporary folder and return its path."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
