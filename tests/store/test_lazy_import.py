"""The database layer is loaded only by the commands that need it: start-up stays fast."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "camille-martin.toml"

PROBE = """
import sys
from click.testing import CliRunner
from ereputation.cli import main
result = CliRunner().invoke(main, sys.argv[1:], catch_exceptions=False)
assert result.exit_code == 0, result.output
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic", "psycopg"))
loaded += sorted(m for m in sys.modules if m.startswith("ereputation.store"))
print(",".join(loaded))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["audit", "--help"],
        ["history", "--help"],
        ["audit", str(EXAMPLE), "--offline", "--no-record", "--format", "json", "-o", "OUT"],
    ],
    ids=["help", "audit-help", "history-help", "offline-audit-without-recording"],
)
def test_sqlalchemy_is_not_imported(args: list[str], tmp_path: Path) -> None:
    from ereputation.cli import main

    audit = main.commands["audit"]
    if "--no-record" in args and "--no-record" not in {o for p in audit.params for o in p.opts}:
        args = [a for a in args if a != "--no-record"]  # recording is not wired in yet
    args = [str(tmp_path / "r.json") if a == "OUT" else a for a in args]
    assert loaded_by(*args) == []


def loaded_by(*args: str) -> list[str]:
    """The database modules a command run in a fresh interpreter loaded (it must exit 0)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return [m for m in done.stdout.strip().split(",") if m]


def test_the_probe_sees_sqlalchemy_when_a_command_uses_the_history(tmp_path: Path) -> None:
    # A file not created yet: the store creates it, with SQLAlchemy (store/quick.py does not).
    loaded = loaded_by("history", "--db", str(tmp_path / "h.sqlite3"))
    assert "sqlalchemy" in loaded and "ereputation.store" in loaded
