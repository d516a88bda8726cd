"""Benchmark of profile visits: parallel fetching and the memory cost of hostile pages.

Run: make bench (or PYTHONPATH=src python benchmarks/bench_fetch.py)
Targets: 16 profiles answering after 1 s each, on 16 hosts, within 1.5 s of fetching time, for
fetch_all and for a whole `ereputation audit` (beside the interpreter's own start); under 150 MB of
peak memory for a 200 MB page and a gzip bomb (1 GiB inflated), in fetch and in a whole audit
read by the word rules (the trained model's fixed ~140 MB is printed on top, apart).
Everything runs on loopback addresses (127.0.0.1 ... 127.0.0.17); nothing leaves the machine.
"""

from __future__ import annotations

import contextlib
import resource
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ereputation.web.fetch import FetchOptions, FetchResult, fetch, fetch_all

PROFILES = 16
ANSWER_AFTER = 1.0
BIG_PAGE = 200_000_000
BOMB_MEMBER = 16 << 20  # 64 gzip members of 16 MiB of zeros: 1 GiB once inflated
BOMB_MEMBERS = 64
MB = 1_000_000


def gzip_of_zeros(size: int) -> bytes:
    """One gzip member of `size` zero bytes, compressed in 1 MiB steps (little memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size // len(block))]
    parts.append(packer.flush())
    return b"".join(parts)


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, host: str, answer: Callable[[BaseHTTPRequestHandler], None]) -> None:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with contextlib.suppress(ConnectionError):  # the client stops reading at its cap
                    answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        super().__init__((host, 0), Handler)
        threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


def slow_profile(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(ANSWER_AFTER)
    body = b"<html><title>profile</title></html>"
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def big_page(handler: BaseHTTPRequestHandler) -> None:
    block = b"<p>" + b"a" * 65533
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(BIG_PAGE))
    handler.end_headers()
    for _ in range(BIG_PAGE // len(block)):
        handler.wfile.write(block)


def maxrss_mb() -> float:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kib * 1024 / MB


def measure(label: str, url: str, options: FetchOptions) -> FetchResult:
    tracemalloc.start()
    started = time.perf_counter()
    result = fetch(url, options)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:<40} {result.status:<8} body {len(result.body) / MB:6.2f} MB"
        f"  truncated={result.truncated!s:<5}  {elapsed:5.2f} s"
        f"  tracemalloc peak {peak / MB:6.1f} MB  ru_maxrss {maxrss_mb():6.1f} MB"
    )
    return result


def bench_parallel() -> float:
    servers = [Server(f"127.0.0.{n}", slow_profile) for n in range(2, 2 + PROFILES)]
    try:
        urls = [s.url for s in servers]
        started = time.perf_counter()
        results = fetch_all(urls, FetchOptions(allow_private=True), concurrency=16)
        wall = time.perf_counter() - started
    finally:
        for server in servers:
            server.stop()
    ok = sum(r.status == "ok" for r in results)
    print(f"{PROFILES} profiles on {PROFILES} hosts, each answering after {ANSWER_AFTER:g} s")
    print(f"  fetch_all wall time   {wall:6.3f} s   ({ok}/{PROFILES} ok)")
    print(f"  ratio to {ANSWER_AFTER:g} s          {wall / ANSWER_AFTER:6.3f}   (target: < 1.5 s)")
    return wall


def serving(bomb: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler answering with a gzip-encoded body, as a bomb would come."""

    def serve_bomb(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Encoding", "gzip")
        handler.send_header("Content-Length", str(len(bomb)))
        handler.end_headers()
        handler.wfile.write(bomb)

    return serve_bomb


def bench_memory() -> float:
    bomb = gzip_of_zeros(BOMB_MEMBER) * BOMB_MEMBERS
    serve_bomb = serving(bomb)

    options = FetchOptions(allow_private=True)
    print(f"\nmemory (default cap {options.max_bytes / MB:g} MB of decoded bytes)")
    print(f"  ru_maxrss before      {maxrss_mb():6.1f} MB")
    page_server = Server("127.0.0.1", big_page)
    bomb_server = Server("127.0.0.1", serve_bomb)
    try:
        page = measure(f"  {BIG_PAGE / MB:g} MB page", page_server.url, options)
        inflated = BOMB_MEMBER * BOMB_MEMBERS / MB
        label = f"  gzip bomb ({len(bomb) / MB:.1f} MB, {inflated:.0f} MB inflated)"
        bomb_result = measure(label, bomb_server.url, options)
    finally:
        page_server.stop()
        bomb_server.stop()
    if page.status != "ok" or bomb_result.status != "ok":
        print(f"  warning: {page.reason!r} / {bomb_result.reason!r}: figures are not meaningful")
    peak = maxrss_mb()
    print(f"  process peak (ru_maxrss) {peak:6.1f} MB   (target: < 150 MB)")
    return peak


def audit_command(urls: list[str]) -> list[str]:
    config = Path(tempfile.mkdtemp()) / "bench.toml"
    profiles = "".join(f'[[profiles]]\nurl = "{url}"\n' for url in urls)
    config.write_text(f'[person]\nname = "Camille Martin"\n{profiles}', encoding="utf-8")
    # The visit is what is measured: no history (and none of the user's own is touched).
    return [
        *(sys.executable, "-m", "ereputation", "audit", str(config)),
        *("--allow-private", "--no-record"),
    ]


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def bench_audit_parallel() -> None:
    servers = [Server(f"127.0.0.{n}", slow_profile) for n in range(2, 2 + PROFILES)]
    try:
        command = audit_command([s.url for s in servers])
        wall = min(timed(command) for _ in range(3))
        rules_wall = min(timed([*command, "--no-model"]) for _ in range(3))
    finally:
        for server in servers:
            server.stop()
    start = min(timed([sys.executable, "-c", "pass"]) for _ in range(5))
    offline = min(timed([*command, "--offline"]) for _ in range(3))
    print(f"\nwhole audit of the {PROFILES} profiles (best of 3, subprocess)")
    print(f"  interpreter start              {start:6.3f} s")
    print(f"  same audit --offline           {offline:6.3f} s   (the tool's own start and work)")
    print(f"  audit wall time                {wall:6.3f} s")
    print(f"  ratio to 1 s + interpreter     {wall / (ANSWER_AFTER + start):6.3f}")
    print(f"  cost of visiting (online - offline) {wall - offline:6.3f} s   (target: < 1.5 s)")
    # The offline audit reads no page, so it never loads the trained model: its load and its
    # reading of the 16 pages count in the visit above; without it, the visit alone.
    print(f"  audit wall time, --no-model    {rules_wall:6.3f} s")
    print(f"  cost of visiting, --no-model   {rules_wall - offline:6.3f} s   (target: < 1.5 s)")


# Runs a command and prints its own peak: RUSAGE_CHILDREN here would keep the largest of every
# audit this script has started so far.
_PEAK_OF = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def own_peak(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak resident MB) of one run of `command`, in a process of its own."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK_OF, *command], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - started, int(done.stdout.split()[-1]) * 1024 / MB


def bench_audit_memory() -> None:
    """The whole audit's peak memory on hostile pages: first with the word rules alone (the page
    reading that the target bounds), then with the trained model, whose weights and vocabulary
    (about 140 MB, once per process) come on top."""
    serve_bomb = serving(gzip_of_zeros(BOMB_MEMBER) * BOMB_MEMBERS)

    page_server = Server("127.0.0.1", big_page)
    bomb_server = Server("127.0.0.2", serve_bomb)
    figures = []
    try:
        for extra in (["--no-model"], []):
            figures.append(own_peak([*audit_command([page_server.url, bomb_server.url]), *extra]))
    finally:
        page_server.stop()
        bomb_server.stop()
    (rules_wall, rules_peak), (model_wall, model_peak) = figures
    print("\nwhole audit meeting a 200 MB page and a gzip bomb (subprocess)")
    print(
        f"  word rules alone (--no-model)  {rules_wall:6.3f} s   peak (maxrss) {rules_peak:6.1f} MB"
    )
    print("                                          (target: < 150 MB)")
    print(
        f"  with the trained model         {model_wall:6.3f} s   peak (maxrss) {model_peak:6.1f} MB"
    )
    print(f"  the model's own share          {model_peak - rules_peak:6.1f} MB")


def main() -> int:
    print(f"python {sys.version.split()[0]}")
    bench_parallel()
    bench_memory()
    bench_audit_parallel()
    bench_audit_memory()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
