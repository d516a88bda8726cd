"""The caseload run as a real process: progress lines on a terminal, and Ctrl-C.

Ctrl-C is sent to the parent process alone (`kill -INT`), the hardest case: its workers, busy
visiting a server that never answers, must be stopped by the parent, leave nothing behind, and
the command must exit 130 at once, not when the visits time out.
"""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import sys
import time
from pathlib import Path

from ereputation.messages import messages
from tests.conftest import EXAMPLE
from tests.test_interrupt import _SilentServer, silent_server

__all__ = ["silent_server"]  # the fixture: a local server that accepts and never answers


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "ereputation", "audit", *map(str, args), "--lang", "en"]


def test_a_terminal_gets_one_progress_line_per_client(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in ("alex", "camille"):
        (folder / f"{name}.toml").write_text(EXAMPLE.read_text(encoding="utf-8"), "utf-8")
    (folder / "broken.toml").write_text("[person\n", encoding="utf-8")
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            command(folder, "-o", tmp_path / "out", "--offline", "--no-record", "--jobs", "2"),
            stdout=subprocess.DEVNULL,
            stderr=follower,
            timeout=60,
            check=False,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal is closed once everything was read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    lines = shown.decode("utf-8").splitlines()
    assert done.returncode == 1
    progress = sorted(line for line in lines if line.startswith("[") and "/3]" in line)
    assert len(progress) == 3, lines
    assert any(line.endswith("alex.toml: alex.html") for line in progress)
    assert any(line.endswith("broken.toml: failed") for line in progress)


def test_ctrl_c_of_the_parent_stops_every_client_and_leaves_nothing(
    silent_server: _SilentServer, tmp_path: Path
) -> None:
    port = silent_server.server_address[1]
    folder = tmp_path / "clients"
    folder.mkdir()
    for name in ("alex", "camille", "dominique"):
        url = f"http://127.0.0.1:{port}/{name}"
        text = f'[person]\nname = "{name.title()}"\nlanguage = "en"\n[[profiles]]\nurl = "{url}"\n'
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    outdir = tmp_path / "out"
    args = command(folder, "-o", outdir, "--allow-private", "--timeout", "30", "--no-record")
    err_file = tmp_path / "stderr.txt"
    with err_file.open("wb") as err:
        run = subprocess.Popen([*args, "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=err)
    try:
        assert silent_server.arrived.wait(20), "no client reached the server"
        time.sleep(0.5)  # both workers now wait for an answer that never comes
        assert run.poll() is None
        started = time.monotonic()
        os.kill(run.pid, signal.SIGINT)  # the parent alone, not its process group
        status = run.wait(timeout=20)
        took = time.monotonic() - started
    finally:
        run.kill()  # nothing if it has ended
        run.wait()
    stderr = err_file.read_text(encoding="utf-8")
    assert (status, took < 2) == (130, True), f"{took:.2f} s\n{stderr}"
    assert "Traceback" not in stderr
    expected = messages("en")["caseload_interrupted"].format(written=0, outdir=outdir)
    assert stderr.strip().splitlines()[-1] == expected
    assert list(outdir.iterdir()) == []  # no report, no temporary file, no index
