"""Erasing a saved case whose name was corrected between two audits (issue 11 review).

Without a case reference the history keys a case by the person's name, so a corrected name
starts a second history key for the same interview file. Erasing the case erased only the newest
key: the audits under the misspelt name stayed in the history after "Case erased"."""

from __future__ import annotations

from pathlib import Path

from ereputation.store import open_store
from tests.serve.cases_support import csrf_of, record, serve


def test_erasing_a_saved_case_erases_every_name_its_interview_was_audited_under(
    tmp_path: Path,
) -> None:
    served = serve(tmp_path)
    workspace = served.app.extensions["ereputation"].workspace
    path = workspace.save("zoe-martin", '[person]\nname = "Zoé Martin"\n').resolve()
    other = workspace.save("ali", '[person]\nname = "Ali"\n').resolve()
    record(served.db, "Zoe Martn", "Zoe Martn", config_path=path)  # before the correction
    record(served.db, "Zoé Martin", "Zoé Martin", config_path=path, days=3)
    record(served.db, "Ali", "Ali", config_path=other)
    page = served.client.get("/case", query_string={"case_id": "zoe-martin"})
    token = csrf_of(page.get_data(as_text=True))
    response = served.client.post(
        "/case/purge", data={"case_id": "zoe-martin", "confirm": "yes", "csrf_token": token}
    )
    assert response.status_code == 303
    with open_store(served.db) as store:
        assert store.case("Zoe Martn") is None and store.case("Zoé Martin") is None
        assert store.case("Ali") is not None
    assert not path.exists() and other.exists()
    _, page = served.page("/")
    assert page.find(class_="notice").get_text().startswith("Case erased: 2 audit(s)")


def test_the_export_of_a_renamed_case_holds_the_audits_of_every_name(tmp_path: Path) -> None:
    import io
    import zipfile

    served = serve(tmp_path)
    workspace = served.app.extensions["ereputation"].workspace
    path = workspace.save("zoe-martin", '[person]\nname = "Zoé Martin"\n').resolve()
    other = workspace.save("ali", '[person]\nname = "Ali"\n').resolve()
    first = record(served.db, "Zoe Martn", "Zoe Martn", config_path=path)
    second = record(served.db, "Zoé Martin", "Zoé Martin", config_path=path, days=3)
    stranger = record(served.db, "Ali", "Ali", config_path=other)
    page = served.client.get("/case", query_string={"case_id": "zoe-martin"})
    response = served.client.post(
        "/case/export", data={"case_id": "zoe-martin", "csrf_token": csrf_of(page.text)}
    )
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
    assert f"audits/{second}/result.json" in names
    assert f"earlier-names/1/audits/{first}/result.json" in names
    assert "workspace/profile.toml" in names
    assert not any(f"audits/{stranger}/" in name for name in names)  # nobody else's
