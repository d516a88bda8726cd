"""Where the web face keeps each case's profile config: one TOML file per case in one folder.

A case id is a safe slug (`a-z`, `0-9`, `-`), never a path: whatever a URL or a form carries is
checked against that pattern before it names a file, so `../../etc/passwd`, `%2e%2e`, NUL,
absolute paths and Windows separators are refused rather than cleaned. The folder is made
readable by its owner only (0700) and every file is written atomically, 0600.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from pathlib import Path

from ereputation.output import write_atomic

logger = logging.getLogger(__name__)

CASE_ID = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
SUFFIX = ".toml"
MAX_CONFIG_BYTES = 1_000_000  # a profile config is a few kilobytes; more is not one
_ID_STEM_LENGTH = 48  # room left for "-NNN" when the same name comes back


class BadCaseId(ValueError):
    """A case id that is not a safe slug: the caller answers 404, never touches a file."""


def default_root() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ereputation", appauthor=False)) / "cases"


def is_case_id(value: str) -> bool:
    return CASE_ID.fullmatch(value) is not None


def slug(name: str) -> str:
    """`Zoé Martin-Dupont` -> `zoe-martin-dupont`; empty when nothing usable is left."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return text[:_ID_STEM_LENGTH].strip("-")


class Workspace:
    """The cases' config files under `root` (created on first write, 0700)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root if root is not None else default_root()).expanduser()
        # The history records the config's resolved path: compare with the resolved folder.
        self.resolved_root = self.root.resolve()

    def path_of(self, case_id: str) -> Path:
        """The file of `case_id`; `BadCaseId` for anything that is not a safe slug."""
        if not isinstance(case_id, str) or not is_case_id(case_id):
            raise BadCaseId(f"not a case id: {case_id!r}")
        return self.root / f"{case_id}{SUFFIX}"

    def id_of(self, path: str | Path | None) -> str | None:
        """The case whose file `path` is (as the history records an audit's config), else None."""
        if not path:
            return None
        candidate = Path(path)
        case_id = candidate.name[: -len(SUFFIX)] if candidate.name.endswith(SUFFIX) else ""
        if not is_case_id(case_id) or candidate.parent != self.resolved_root:
            return None
        return case_id

    def resolved_path_of(self, case_id: str) -> Path:
        """`path_of`, as the history records it (resolved)."""
        self.path_of(case_id)
        return self.resolved_root / f"{case_id}{SUFFIX}"

    def cases(self) -> list[str]:
        """The ids of the saved cases, sorted; files with other names are ignored."""
        try:
            names = os.listdir(self.root)
        except FileNotFoundError:
            return []
        ids = (name[: -len(SUFFIX)] for name in names if name.endswith(SUFFIX))
        return sorted(case_id for case_id in ids if is_case_id(case_id))

    def exists(self, case_id: str) -> bool:
        return self.path_of(case_id).is_file()

    def read(self, case_id: str) -> str | None:
        """The config text of `case_id`, or None when it has none."""
        path = self.path_of(case_id)
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_CONFIG_BYTES + 1)
        except FileNotFoundError:
            return None
        if len(data) > MAX_CONFIG_BYTES:
            raise ValueError(f"{path}: larger than {MAX_CONFIG_BYTES} bytes")
        return data.decode("utf-8")

    def save(self, case_id: str, text: str) -> Path:
        path = self.path_of(case_id)
        self._make_root()
        write_atomic(path, text.encode("utf-8"), mode=0o600)
        return path

    def delete(self, case_id: str) -> bool:
        """Remove the case's config; False when there was none."""
        try:
            self.path_of(case_id).unlink()
        except FileNotFoundError:
            return False
        return True

    def new_id(self, name: str) -> str:
        """A free id made from a person's name: `zoe-martin`, then `zoe-martin-2`, ...

        Not reserved: two forms saved at the same instant under one name could pick the same id,
        which a single counsellor's machine does not do; `save` then overwrites.
        """
        stem = slug(name) or "case"
        taken = set(self.cases())
        if stem not in taken:
            return stem
        number = 2
        while f"{stem}-{number}" in taken:
            number += 1
        return f"{stem}-{number}"

    def _make_root(self) -> None:
        if self.root.is_dir():
            return
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(self.root, 0o700)  # mkdir's mode is masked by the umask
