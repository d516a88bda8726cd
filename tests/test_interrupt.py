"""Ctrl-C during an audit: it stops at once, writes nothing and exits with status 130."""

from __future__ import annotations

import os
import signal
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ereputation.messages import cli_text


class _Silent(socketserver.BaseRequestHandler):
    """Accepts the connection, reads the request, never answers: the slowest server there is."""

    def handle(self) -> None:
        server = self.server
        assert isinstance(server, _SilentServer)
        self.request.settimeout(0.1)
        server.arrived.set()
        while not server.stopping.is_set():
            try:
                if self.request.recv(4096) == b"":
                    return
            except TimeoutError:
                continue
            except OSError:
                return


class _SilentServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Silent)
        self.arrived = threading.Event()
        self.stopping = threading.Event()


@pytest.fixture
def silent_server() -> Iterator[_SilentServer]:
    server = _SilentServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.stopping.set()
    server.shutdown()
    server.server_close()


def test_ctrl_c_stops_the_audit_at_once_and_writes_nothing(
    silent_server: _SilentServer, tmp_path: Path
) -> None:
    port = silent_server.server_address[1]
    urls = [f"http://127.0.0.1:{port}/{name}" for name in ("a", "b", "c")]
    profiles = "".join(f'[[profiles]]\nurl = "{u}"\n' for u in urls)
    config = tmp_path / "p.toml"
    config.write_text(f'[person]\nname = "Camille Martin"\nlanguage = "en"\n{profiles}')
    report = tmp_path / "report.html"
    command = [sys.executable, "-m", "ereputation", "audit", str(config), "-o", str(report)]
    command += ["--allow-private", "--timeout", "30"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path
    ) as audit:
        try:
            assert silent_server.arrived.wait(20), "the audit never reached the server"
            time.sleep(0.3)  # every visit is now waiting for an answer that never comes
            assert audit.poll() is None
            interrupted = time.monotonic()
            audit.send_signal(signal.SIGINT)
            _, err = audit.communicate(timeout=10)
            took = time.monotonic() - interrupted
        finally:
            if audit.poll() is None:
                audit.kill()
    stderr = err.decode("utf-8", "replace")
    assert audit.returncode == 130, stderr
    assert took < 1.5, f"the audit took {took:.2f} s to stop"
    assert stderr.strip().splitlines()[-1] == cli_text("interrupted", "en")  # the config's language
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.toml"]  # no report, no temp file
