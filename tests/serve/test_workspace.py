"""The cases' workspace: safe ids only, private files, atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ereputation.serve.workspace import BadCaseId, Workspace, slug
from tests.serve.cases_support import serve

HOSTILE_IDS = [
    "../../etc/passwd",
    "..",
    "%2e%2e",
    "%2e%2e%2fetc%2fpasswd",
    "zoe\x00.txt",
    "/etc/passwd",
    "C:\\Windows\\win.ini",
    "..\\..\\boot.ini",
    "a/b",
    "Zoe",
    "-zoe",
    "zoe-",
    "zoé",
    "",
    "a" * 65,
    "zoe.toml",
    "con ",
]


@pytest.mark.parametrize("case_id", HOSTILE_IDS)
def test_an_id_that_is_not_a_safe_slug_names_no_file(tmp_path: Path, case_id: str) -> None:
    workspace = Workspace(tmp_path / "cases")
    for call in (workspace.path_of, workspace.read, workspace.delete, workspace.exists):
        with pytest.raises(BadCaseId):
            call(case_id)
    with pytest.raises(BadCaseId):
        workspace.save(case_id, "x")
    assert not (tmp_path / "cases").exists()


@pytest.mark.parametrize("case_id", HOSTILE_IDS)
def test_a_path_traversal_in_a_case_url_is_a_404(tmp_path: Path, case_id: str) -> None:
    served = serve(tmp_path)
    secret = tmp_path / "secret.toml"
    secret.write_text('[person]\nname = "SECRET-NAME"\n')
    for path in ("/case", "/case/purge"):
        response = served.client.get(path, query_string={"case_id": case_id})
        assert response.status_code == 404, (path, case_id)
        assert "SECRET-NAME" not in response.get_data(as_text=True)


def test_a_traversal_in_the_path_of_a_case_url_is_a_404(tmp_path: Path) -> None:
    served = serve(tmp_path)
    for url in ("/case?case_id=..%2f..%2fetc%2fpasswd", "/case?case_id=%00", "/case?key=%00"):
        assert served.client.get(url).status_code == 404, url


def test_the_folder_is_private_and_files_are_written_whole(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "deep" / "cases")
    path = workspace.save("zoe-martin", '[person]\nname = "Zoé"\n')
    assert stat.S_IMODE(os.stat(workspace.root).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert workspace.read("zoe-martin") == '[person]\nname = "Zoé"\n'
    workspace.save("zoe-martin", "second")
    assert workspace.read("zoe-martin") == "second"
    assert sorted(p.name for p in workspace.root.iterdir()) == ["zoe-martin.toml"]  # no temp left


def test_cases_lists_only_case_files(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    workspace.save("b", "x")
    workspace.save("a", "x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "Bad Name.toml").write_text("x")
    assert workspace.cases() == ["a", "b"]
    assert workspace.read("c") is None
    assert workspace.delete("a") is True and workspace.delete("a") is False


def test_new_ids_are_slugs_of_the_name_and_never_taken(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    assert workspace.new_id("Zoé Martin-Dupont") == "zoe-martin-dupont"
    workspace.save("zoe-martin", "x")
    assert workspace.new_id("Zoé  Martin") == "zoe-martin-2"
    workspace.save("zoe-martin-2", "x")
    assert workspace.new_id("ZOE MARTIN") == "zoe-martin-3"
    assert workspace.new_id("../../etc/passwd") == "etc-passwd"
    assert workspace.new_id("李小龍") == "case"
    assert len(workspace.new_id("x" * 500)) <= 48
    assert slug("  --  ") == ""


def test_id_of_ties_a_recorded_config_path_to_its_case(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path / "cases")
    path = workspace.save("zoe", "x")
    assert workspace.id_of(str(path.resolve())) == "zoe"
    assert workspace.id_of(str(tmp_path / "elsewhere" / "zoe.toml")) is None
    assert workspace.id_of(str(tmp_path / "cases" / "Bad.toml")) is None
    assert workspace.id_of(None) is None
