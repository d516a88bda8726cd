"""Output files: atomic and owner-only, and never a rename over a device or a pipe."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from ereputation.output import write_atomic


def test_a_new_file_is_owner_only_and_whole(tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    write_atomic(path, b"<html></html>")
    assert path.read_bytes() == b"<html></html>"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_an_existing_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_bytes(b"old")
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_written_through_not_replaced(tmp_path: Path) -> None:
    # `-o /dev/null` as root once renamed a regular file over /dev/null: a device or a pipe must
    # stay what it is. A FIFO shows the same without touching the machine's devices.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"report")
    reader.join(timeout=5)
    assert received == [b"report"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]
