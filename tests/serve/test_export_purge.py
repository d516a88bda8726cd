"""Export of a case as a zip, and its erasure, only after the confirmation step."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from ereputation.store import open_store
from tests.serve.cases_support import Served, csrf_of, record, serve, soup


def _token(served: Served, key: str = "CASE-1") -> str:
    return csrf_of(served.client.get("/case", query_string={"key": key}).get_data(as_text=True))


def test_export_is_the_history_zip_with_the_saved_interview(tmp_path: Path) -> None:
    served = serve(tmp_path)
    config = '[person]\nname = "Zoé Martin"\n'
    path = served.app.extensions["ereputation"].workspace.save("zoe-martin", config)
    first = record(served.db, "CASE-1", "Zoé Martin", config_path=path.resolve())
    second = record(served.db, "CASE-1", "Zoé Martin", config_path=path.resolve(), days=3)
    response = served.client.post(
        "/case/export", data={"key": "CASE-1", "csrf_token": _token(served)}
    )
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert (
        response.headers["Content-Disposition"] == 'attachment; filename="ereputation-case-1.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = set(archive.namelist())
        assert {"case.json", f"audits/{first}/result.json", f"audits/{second}/result.json"} <= names
        assert archive.read("workspace/profile.toml").decode() == config
        assert json.loads(archive.read("case.json"))["case"]["key"] == "CASE-1"


def test_the_purge_asks_for_confirmation_first(tmp_path: Path) -> None:
    served = serve(tmp_path)
    record(served.db, "CASE-1", "Zoé Martin")
    status, page = served.page("/case/purge", key="CASE-1")
    assert status == 200
    box = page.find("input", attrs={"type": "checkbox", "name": "confirm"})
    assert box is not None and not box.has_attr("checked")
    assert page.find("label", attrs={"for": box["id"]}) is not None
    with open_store(served.db) as store:
        assert store.case("CASE-1") is not None  # showing the question erased nothing


def test_without_the_ticked_box_nothing_is_erased(tmp_path: Path) -> None:
    served = serve(tmp_path)
    path = served.app.extensions["ereputation"].workspace.save("zoe", '[person]\nname = "Z"\n')
    record(served.db, "CASE-1", "Zoé Martin", config_path=path.resolve())
    for data in ({}, {"confirm": "no"}, {"confirm": "on"}):
        response = served.client.post(
            "/case/purge", data={"key": "CASE-1", "csrf_token": _token(served), **data}
        )
        assert response.status_code == 400
        assert "Nothing was erased" in soup(response.get_data(as_text=True)).get_text()
    with open_store(served.db) as store:
        assert store.case("CASE-1") is not None
    assert path.exists()


def test_the_confirmed_purge_erases_the_history_and_the_interview(tmp_path: Path) -> None:
    served = serve(tmp_path)
    workspace = served.app.extensions["ereputation"].workspace
    path = workspace.save("zoe", '[person]\nname = "Zoé Martin"\n')
    other = workspace.save("ali", '[person]\nname = "Ali"\n')
    record(served.db, "CASE-1", "Zoé Martin", config_path=path.resolve())
    record(served.db, "CASE-1", "Zoé Martin", config_path=path.resolve(), days=2)
    record(served.db, "CASE-2", "Ali", config_path=other.resolve())
    response = served.client.post(
        "/case/purge", data={"key": "CASE-1", "confirm": "yes", "csrf_token": _token(served)}
    )
    assert response.status_code == 303 and response.location == "/"
    with open_store(served.db) as store:
        assert store.case("CASE-1") is None
        assert store.case("CASE-2") is not None
    assert not path.exists() and other.exists()
    _, page = served.page("/")
    notice = page.find(class_="notice").get_text()
    assert notice == (
        "Case erased: 2 audit(s) and 0 report file(s) saved on this computer."
        " Its saved interview is erased too."
    )
    assert "Zoé" not in page.get_text()


def test_a_history_case_never_erases_a_look_alike_interview(tmp_path: Path) -> None:
    """A CLI case keyed `zoe` is not the workspace's `zoe` unless an audit read that file."""
    served = serve(tmp_path)
    path = served.app.extensions["ereputation"].workspace.save("zoe", '[person]\nname = "Z"\n')
    record(served.db, "zoe", "Zoé from the CLI")
    served.client.post(
        "/case/purge", data={"key": "zoe", "confirm": "yes", "csrf_token": _token(served, "zoe")}
    )
    assert path.exists()
    _, page = served.page("/")
    assert "interview" not in page.find(class_="notice").get_text()  # it was not erased


def test_a_saved_case_never_audited_can_be_erased(tmp_path: Path) -> None:
    served = serve(tmp_path)
    path = served.app.extensions["ereputation"].workspace.save("zoe", '[person]\nname = "Z"\n')
    token = csrf_of(served.client.get("/case?case_id=zoe").get_data(as_text=True))
    response = served.client.post(
        "/case/purge", data={"case_id": "zoe", "confirm": "yes", "csrf_token": token}
    )
    assert response.status_code == 303
    assert not path.exists()
