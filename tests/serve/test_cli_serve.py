"""`ereputation serve`: a real waitress on 127.0.0.1, fetched with requests; the refusals."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner

from ereputation.cli import main
from ereputation.cli_serve import address, is_loopback

URL = re.compile(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{43}|\$EREPUTATION_SERVE_TOKEN)")


def _start(tmp_path: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "EREPUTATION_DB": str(tmp_path / "h.sqlite3"), "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ereputation",
            "serve",
            "--port",
            "0",
            "--workspace",
            str(tmp_path / "cases"),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    # Lines are read by a thread, so that a server that prints no address never blocks the
    # test past its deadline (a buffered readline would).
    lines: queue.Queue[str] = queue.Queue()
    stdout = process.stdout

    def pump() -> None:
        for text in stdout:
            lines.put(text)

    threading.Thread(target=pump, daemon=True).start()
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        found = URL.search(line)
        if found:
            return process, found.group(0)
    process.kill()
    raise AssertionError(f"no address printed: {process.stderr.read() if process.stderr else ''}")


def test_serve_on_port_0_answers_with_the_token_only_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    process, url = _start(tmp_path)
    try:
        base = url.split("?")[0]
        assert requests.get(base, timeout=10).status_code == 403
        assert requests.get(base + "?token=wrong", timeout=10).status_code == 403
        with requests.Session() as session:
            page = session.get(url, timeout=10)
            assert page.status_code == 200
            assert page.url == base  # redirected without the token
            assert "Content-Security-Policy" in page.headers
            assert session.get(base + "assets/serve.css", timeout=10).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "Traceback" not in err


def test_a_non_loopback_host_is_refused_without_allow_remote() -> None:
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--lang", "en"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output
    assert "Traceback" not in result.output


def test_a_busy_port_is_one_clear_message(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            main, ["serve", "--port", str(port), "--workspace", str(tmp_path), "--lang", "en"]
        )
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is already taken" in result.output
    assert "--port 0" in result.output and "Address already in use" not in result.output


def test_a_colleagues_server_on_the_default_port_makes_the_next_one_take_a_free_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    from ereputation import cli_serve

    def stop_at_once(self: object) -> None:
        raise KeyboardInterrupt  # as Ctrl-C would: the server has bound and printed its address

    monkeypatch.setattr(cli_serve._Server, "run", stop_at_once)
    monkeypatch.setenv("EREPUTATION_DB", str(tmp_path / "h.sqlite3"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setattr(cli_serve, "DEFAULT_PORT", port)
        result = CliRunner().invoke(
            main, ["serve", "--workspace", str(tmp_path / "cases"), "--lang", "fr"]
        )
    assert result.exit_code == 0, result.output
    found = URL.search(result.stdout)
    assert found is not None and int(found.group(1)) not in (port, 0)
    assert f"Le port {port} est déjà pris" in result.stderr


def test_loopback_addresses_and_the_printed_address() -> None:
    assert all(is_loopback(h) for h in ("127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.2", "::", "example.org"))
    assert address("::1", 8000, "t") == "http://[::1]:8000/?token=t"


def test_a_weak_fixed_token_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EREPUTATION_SERVE_TOKEN", "short")
    result = CliRunner().invoke(main, ["serve", "--workspace", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 2
    assert "EREPUTATION_SERVE_TOKEN must hold at least 32" in result.output


def test_a_fixed_token_is_accepted_and_never_printed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixed = "F" * 43
    monkeypatch.setenv("EREPUTATION_SERVE_TOKEN", fixed)
    process, url = _start(tmp_path)
    try:
        # The token an administrator set is never printed: a service's output goes to a journal.
        assert url.endswith("?token=$EREPUTATION_SERVE_TOKEN")
        real = url.replace("$EREPUTATION_SERVE_TOKEN", fixed)
        assert requests.get(real, timeout=10).status_code == 200
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)


def test_behind_a_local_proxy_the_proxys_host_name_is_accepted(tmp_path: Path) -> None:
    """`--allow-remote` on 127.0.0.1: Caddy or nginx on the same machine passes its own Host."""
    process, url = _start(tmp_path, "--allow-remote")
    try:
        base, query = url.split("?")
        proxied = {"Host": "ereputation.team.example"}
        assert (
            requests.get(f"{base}?{query}", headers=proxied, timeout=10).history[0].status_code
            == 303
        )
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=20)
    local, local_url = _start(tmp_path)
    try:
        refused = requests.get(local_url, headers={"Host": "ereputation.team.example"}, timeout=10)
        assert refused.status_code == 403
    finally:
        local.send_signal(signal.SIGINT)
        local.communicate(timeout=20)


def test_the_cli_never_loads_flask_or_waitress_before_serve() -> None:
    code = (
        "import sys; from ereputation.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('flask', 'waitress', 'werkzeug', 'jinja2') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_a_history_that_cannot_be_reached_is_said_at_start(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-file.sqlite3"
    folder.mkdir()
    result = CliRunner().invoke(
        main, ["serve", "--port", "0", "--db", str(folder), "--workspace", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert str(folder) in result.output
    assert "Traceback" not in result.output
