"""Benchmark of username discovery: the whole `ereputation discover` command on a local web.

Run: make bench (or .venv/bin/python benchmarks/bench_discovery.py)
Target (issue 10): a generated WhatsMyName catalogue of 300 sites on 300 loopback hosts
(127.0.0.2 ... 127.0.1.45), each answering after 1 s, probed through the real command in a
subprocess in under 3 s of wall time and under 100 MiB of peak memory (the child's ru_maxrss).
For scale, on the same kind of local web: Sherlock 0.16.1 took 16.3 s, Maigret 0.6.4 17.9 s
(141 MiB).

Concurrency: the command's default (`DEFAULT_CONCURRENCY`, printed below) and 300, one worker
per host. Two webs: every site answers "no such user" (the usual case), and 10 sites know the
username, so each of them is asked once more with the random control name after its own probe:
those hosts take two answers, 2 s. Nothing leaves the machine.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

from ereputation.discovery import DEFAULT_CONCURRENCY

SITES = 300
ANSWER_AFTER = 1.0
KNOWN_ON = 10  # sites that know the username in the second web
USERNAME = "someone"
TARGET_WALL = 3.0
TARGET_MIB = 100
HOSTS = [str(IPv4Address("127.0.0.2") + i) for i in range(SITES)]
FOUND = b"<html><title>someone</title><p>Member since 2019</p></html>"
MISSING = b"<html><p>No such member</p></html>"


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        await asyncio.sleep(ANSWER_AFTER)
        path = head.split(b" ", 2)[1]
        known = path.startswith(b"/known/") and path.endswith(b"/" + USERNAME.encode())
        status, body = (b"200 OK", FOUND) if known else (b"404 Not Found", MISSING)
        writer.write(
            b"HTTP/1.1 %s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n"
            b"Connection: close\r\n\r\n%s" % (status, len(body), body)
        )
        await writer.drain()
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        pass  # the client went away: nothing to answer
    finally:
        writer.close()


def start_web() -> int:
    """One asyncio server per loopback address, all on one port, in a background thread."""
    ready = threading.Event()
    box: list[int] = []

    async def serve() -> None:
        first = await asyncio.start_server(_answer, HOSTS[0], 0, backlog=128)
        port = first.sockets[0].getsockname()[1]
        for host in HOSTS[1:]:
            await asyncio.start_server(_answer, host, port, backlog=128)
        box.append(port)
        ready.set()
        await asyncio.Event().wait()

    threading.Thread(target=lambda: asyncio.run(serve()), daemon=True).start()
    if not ready.wait(30):
        sys.exit("the local web did not start")
    return box[0]


def catalogue(port: int, known: int) -> dict[str, object]:
    sites = []
    for index, host in enumerate(HOSTS):
        folder = "known" if index < known else "u"
        sites.append(
            {
                "name": f"site-{index:03d}",
                "uri_check": f"http://{host}:{port}/{folder}/{{account}}",
                "e_code": 200,
                "e_string": "Member since",
                "m_code": 404,
                "m_string": "No such member",
                "known": [USERNAME],
                "cat": "social",
            }
        )
    return {"license": ["generated for a benchmark"], "sites": sites}


def run_command(
    sites: Path, out: Path, concurrency: int | None
) -> tuple[float, float, dict[str, Any]]:
    """Wall seconds, peak MiB of the child, and its JSON result."""
    command = [
        sys.executable, "-m", "ereputation", "discover", USERNAME, "--sites", str(sites),
        "--allow-private", "-o", str(out), "--format", "json",
    ]  # fmt: skip
    if concurrency is not None:
        command += ["--concurrency", str(concurrency)]
    started = time.monotonic()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.monotonic() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        errors = child.stderr.read().decode() if child.stderr else ""
        sys.exit(f"discover failed ({child.returncode}): {errors}")
    return wall, usage.ru_maxrss / 1024, json.loads(out.read_text())


def main() -> None:
    port = start_web()
    print(f"{SITES} sites on {SITES} loopback hosts, each answering after {ANSWER_AFTER:g} s")
    print(f"default concurrency: {DEFAULT_CONCURRENCY}")
    worst_ok = True
    with tempfile.TemporaryDirectory() as folder:
        for known in (0, KNOWN_ON):
            sites = Path(folder) / f"sites-{known}.json"
            sites.write_text(json.dumps(catalogue(port, known)))
            web = "no site knows the username" if not known else f"{known} sites know it"
            for concurrency in (None, SITES):
                wall, mib, data = run_command(sites, Path(folder) / "out.json", concurrency)
                counts: dict[str, int] = {}
                for probe in data["results"]:
                    counts[probe["status"]] = counts.get(probe["status"], 0) + 1
                shown = concurrency or f"{DEFAULT_CONCURRENCY} (default)"
                ok = wall < TARGET_WALL and mib < TARGET_MIB
                if concurrency == SITES and not known:
                    worst_ok = ok
                print(
                    f"  {web}, concurrency {shown}: {wall:.2f} s wall "
                    f"({wall / ANSWER_AFTER:.2f} x the 1 s limit), peak {mib:.0f} MiB; "
                    f"target < {TARGET_WALL:g} s, < {TARGET_MIB} MiB: "
                    f"{'met' if ok else 'NOT met'}; results {dict(sorted(counts.items()))}"
                )
    if not worst_ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
