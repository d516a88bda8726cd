"""The migrations ship in the wheel and run from it: no alembic.ini, far from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
import ereputation.store as store
assert "unpacked" in store.__file__, store.__file__
with store.open_store(sys.argv[1]) as history:
    history.record({}, case_key="K", case_name="N", config_text="")
    print(len(history.history("K")))
from ereputation.store.quick import quickly
print(len(quickly(sys.argv[1], lambda reader: reader.history("K"))))  # the revision module ships
"""


@pytest.mark.slow
def test_a_wheel_carries_the_migrations_and_builds_a_database_from_them(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("ereputation-*.whl")
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(unpacked)
    assert "ereputation/store/migrations/env.py" in names
    assert "ereputation/store/migrations/versions/r0001_base.py" in names
    assert "ereputation/store/migrations/versions/r0002_expiry_index.py" in names
    assert "ereputation/schemas/history.schema.json" in names
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # The unpacked wheel comes first on the path: the checkout's editable install is not used.
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(elsewhere / "h.sqlite3")],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "1"]
