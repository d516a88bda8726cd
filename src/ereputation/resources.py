"""Where the content folders live, in an installed wheel and in a source checkout.

The wheel carries `checklists/` and `report_templates/` inside the package (`_data/`); an editable
install or a plain checkout sees them at the top of the repository instead. Everything that reads
content goes through here, so both install modes behave the same.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


@cache
def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the {name}/ folder is missing from this installation of ereputation; reinstall it"
    )


def checklists_dir() -> Path:
    return data_dir("checklists")


def templates_dir() -> Path:
    return data_dir("report_templates")


def default_checklist_path() -> Path:
    return checklists_dir() / "default.toml"


def schema_path(name: str = "result") -> Path:
    """A shipped JSON Schema: `result` (an audit), `compare` (two audits compared) or
    `history` (the recorded audits listed)."""
    return _PACKAGE / "schemas" / f"{name}.schema.json"
