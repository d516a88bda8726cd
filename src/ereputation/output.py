"""Writing result files: atomically (temp file then rename) and readable by their owner only."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` so that a crash leaves either the old file or the new one, never half.

    The temporary file is created with `mode` from the start (mkstemp uses 0600), so personal data
    is never readable by others, not even for an instant.
    """
    if _special(path):
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO) is not a file to replace: renaming
        # over it would destroy it (as root, /dev/null itself). Write through it instead.
        with open(path, "wb") as handle:
            handle.write(data)
        return
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode != 0o600:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _special(path: Path) -> bool:
    """An existing target that is neither a regular file nor a directory."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)
