"""Both install modes find the content folders: a wheel in a fresh virtualenv, and editable."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from ereputation import resources
from tests.conftest import EXAMPLE, ROOT


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, check=False, timeout=600
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def test_editable_install_reads_content_from_the_checkout() -> None:
    # The test virtualenv is an editable install: no _data/ folder, the checkout's folders are used.
    assert resources.checklists_dir() == ROOT / "checklists"
    assert resources.templates_dir() == ROOT / "report_templates"
    script = Path(sys.executable).parent / "ereputation"
    done = run(script, "audit", EXAMPLE, "--offline", "--format", "json")
    assert '"schema_version"' in done.stdout


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_audits(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", dist, ROOT)
    (wheel,) = dist.glob("ereputation-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ereputation/_data/checklists/default.toml" in names
    assert "ereputation/_data/report_templates/report.html.j2" in names
    assert "ereputation/schemas/result.schema.json" in names
    assert "ereputation/py.typed" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "-q", wheel)
    work = tmp_path / "elsewhere"  # far from the checkout, so only the wheel's files can serve
    work.mkdir()
    report = work / "report.html"
    run(env_dir / "bin" / "ereputation", "audit", EXAMPLE, "--offline", "-o", report, cwd=work)
    assert "Camille Martin" in report.read_text(encoding="utf-8")
    listed = run(env_dir / "bin" / "ereputation", "checklist", "list", cwd=work)
    assert "ereputation-default" in listed.stdout
    located = run(
        python, "-c", "from ereputation import resources; print(resources.checklists_dir())"
    )
    assert "_data" in located.stdout and str(ROOT) not in located.stdout
