"""`make demo` works: local pages audited in fresh processes, reports written in fr and en."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import ROOT
from tests.store.history_schema import history_json


def test_demo_writes_french_and_english_reports_with_a_real_recruiter_view(tmp_path: Path) -> None:
    # Fresh processes import the page-reading modules while fetching: this is where a race
    # between the background imports and the main thread would show.
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    names = sorted(p.name for p in tmp_path.iterdir() if p.name != "history.sqlite3")
    assert names == [
        "rapport-camille-martin.html",
        "rapport-camille-martin.json",
        "rapport-camille-martin.md",
        "report-camille-martin.html",
    ]
    assert all(stat.S_IMODE((tmp_path / n).stat().st_mode) == 0o600 for n in names)
    result = json.loads((tmp_path / "rapport-camille-martin.json").read_text(encoding="utf-8"))
    assert [p["status"] for p in result["profiles"]] == ["ok", "ok", "ok"]
    assert any(f["check"] == "pii_phone" and not f["passed"] for f in result["findings"])
    # A follow-up: the earlier interview is in the demo's own history, and the report says so.
    assert result["since_last"]["risk_change"] < 0
    french = BeautifulSoup((tmp_path / "rapport-camille-martin.html").read_bytes(), "html.parser")
    assert french.select_one("#since-last") is not None
    history = subprocess.run(
        [sys.executable, "-m", "ereputation", "history", "--format", "json"],
        env={**os.environ, "EREPUTATION_DB": str(tmp_path / "history.sqlite3")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert [a["case"] for a in history_json(history.stdout)["audits"]] == ["DEMO-0001"] * 2
    english = BeautifulSoup((tmp_path / "report-camille-martin.html").read_bytes(), "html.parser")
    assert english.html is not None and english.html["lang"] == "en"
    assert len(english.select("#profiles article")) == 3
    assert "Visibilité" in done.stdout  # the French summary on the terminal
    last = done.stdout.strip().splitlines()[-1]
    assert all(name in last for name in names), last  # every file written, not only the HTML
