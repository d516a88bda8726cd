"""A number of thousands of digits in a file read by the tool (issue 10 review): Python refuses
to convert it with a ValueError that is no JSON or TOML decoding error, and every reader let it
through as a traceback. Now one message naming the file, exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ereputation.cli import main

HUGE = "9" * 5000


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    json_file = tmp_path / "huge.json"
    json_file.write_text('{"sites": [], "n": ' + HUGE + "}", encoding="utf-8")
    toml_file = tmp_path / "huge.toml"
    toml_file.write_text(
        f'[person]\nname = "Camille Martin"\n[audit]\nretention_months = {HUGE}\n',
        encoding="utf-8",
    )
    return {"json": json_file, "toml": toml_file}


@pytest.mark.parametrize(
    ("kind", "args"),
    [
        ("json", ["sites", "check", "{}"]),
        ("json", ["discover", "camille", "--offline", "--sites", "{}"]),
        ("json", ["render", "{}", "--format", "text"]),
        ("json", ["compare", "{}", "{}"]),
        ("toml", ["validate", "{}"]),
        ("toml", ["audit", "{}", "--offline", "--no-record"]),
    ],
)
def test_a_huge_number_is_one_message_and_exit_2(
    files: dict[str, Path], kind: str, args: list[str]
) -> None:
    path = files[kind]
    done = CliRunner().invoke(main, [*(a.format(path) for a in args), "--lang", "en"])
    assert done.exit_code == 2, done.output
    assert done.exception is None or isinstance(done.exception, SystemExit)
    assert "Traceback" not in done.output
    assert str(path) in done.output and "thousands of digits" in done.output


def test_audit_with_a_hostile_catalogue_holding_a_huge_number(
    files: dict[str, Path], tmp_path: Path
) -> None:
    config = tmp_path / "camille.toml"
    config.write_text('[person]\nname = "Camille Martin"\nusernames = ["cm"]\n', encoding="utf-8")
    sites = str(files["json"])
    args = ["audit", str(config), "--discover", "--sites", sites, "--offline", "--no-record"]
    done = CliRunner().invoke(main, [*args, "--lang", "en"])
    assert done.exit_code == 2, done.output
    assert "thousands of digits" in done.output


def test_a_saved_case_holding_a_huge_number_is_no_server_error(tmp_path: Path) -> None:
    from tests.serve.interview_support import serve

    served = serve(tmp_path)
    served.workspace.mkdir(exist_ok=True)
    text = f'[person]\nname = "Camille Martin"\n[audit]\nretention_months = {HUGE}\n'
    (served.workspace / "camille.toml").write_text(text, encoding="utf-8")
    for page in ("/", "/cases/camille/run", "/cases/camille/interview", "/case?case_id=camille"):
        assert served.client.get(page).status_code == 200, page
