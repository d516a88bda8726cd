"""`audit --deep --show-pii`: an undeclared account's personal data is in the person's report
and never in the history (issue 10 review; the raw SQLite bytes are searched)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from ereputation.cli import main
from tests.discovery.conftest import MISSING, SiteServer, entry

EMAIL = "camille.m.secret@example.org"
PHONE = "06 12 34 56 78"
PAGE = (
    "<html><head><title>camille-m</title></head><body><h1>Camille Martin</h1>"
    f"<p>Member since 2019. Write to {EMAIL} or call {PHONE}.</p></body></html>"
).encode()


def test_a_deep_accounts_personal_data_never_reaches_the_history(
    site_server: Callable[[str], SiteServer], tmp_path: Path
) -> None:
    server = site_server("127.0.0.2")
    server.routes["/Forum"] = lambda asked: (
        (200, {}, PAGE) if asked == "camille-m" else (404, {}, MISSING)
    )
    sites = tmp_path / "sites.json"
    sites.write_text(json.dumps({"sites": [entry("Forum", server.base)]}), encoding="utf-8")
    config = tmp_path / "camille.toml"
    config.write_text(
        '[person]\nname = "Camille Martin"\nlanguage = "en"\ncountry = "FR"\n'
        'usernames = ["camille-m"]\n',
        encoding="utf-8",
    )
    out, db = tmp_path / "report.json", tmp_path / "history.sqlite3"
    done = CliRunner().invoke(
        main,
        [
            *("audit", str(config), "--deep", "--show-pii", "--sites", str(sites)),
            *("--allow-private", "--timeout", "3", "-o", str(out), "--db", str(db)),
        ],
    )
    assert done.exit_code == 0, done.output
    report = json.loads(out.read_text(encoding="utf-8"))
    (undeclared,) = [p for p in report["profiles"] if not p["declared"]]
    assert EMAIL in json.dumps(undeclared)  # the person's report shows it
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("history.sqlite3*"))
    assert raw  # recorded
    for value in (EMAIL, PHONE, PHONE.replace(" ", "")):
        assert value.encode() not in raw, value
