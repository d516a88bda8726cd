"""Many clients in one run (`audit CONFIG... | DIR -o OUTDIR`), through Click's runner.

Every run is offline: the example config visits nothing. The index is read with BeautifulSoup.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner, Result

from ereputation.audit import AuditOptions
from ereputation.caseload import CaseloadJob, WorkerKind, gather, plan_clients, run_caseload
from ereputation.cli import main
from tests.conftest import EXAMPLE

BROKEN = '[person]\nname = "Sacha Broken"\nlanguage = "en"\n[answers]\nnot_an_item = "yes"\n'


def client(folder: Path, name: str, person: str, reference: str) -> Path:
    """The example config with another person and case reference."""
    text = EXAMPLE.read_text(encoding="utf-8")
    text = text.replace('"Camille Martin"', _toml_string(person))
    path = folder / name
    path.write_text(text.replace("DEMO-0001", reference), encoding="utf-8")
    return path


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a TOML basic string


@pytest.fixture
def caseload(tmp_path: Path) -> Path:
    """Three configs (one broken), a file that is no config, a checklist and a subfolder."""
    folder = tmp_path / "clients"
    folder.mkdir()
    client(folder, "camille.toml", "Camille Martin", "CASE-1")
    client(folder, "alex.toml", "Alex Durand", "CASE-2")
    (folder / "broken.toml").write_text(BROKEN, encoding="utf-8")
    (folder / "notes.txt").write_text("not a config", encoding="utf-8")
    (folder / "checklist.toml").write_text('[checklist]\nid = "x"\n', encoding="utf-8")
    (folder / "archive").mkdir()
    client(folder / "archive", "old.toml", "Old Client", "CASE-3")
    return folder


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["audit", *map(str, args), "--offline", "--lang", "en"])


def index_of(outdir: Path) -> BeautifulSoup:
    return BeautifulSoup((outdir / "index.html").read_text(encoding="utf-8"), "html.parser")


def rows(soup: BeautifulSoup) -> dict[str, Tag]:
    return {str(tr["data-config"]): tr for tr in soup.select("#clients tbody tr")}


def test_a_directory_writes_every_good_client_and_exits_1_with_a_summary(
    caseload: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out"
    result = run(caseload, "-o", outdir, "--jobs", "2")
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in outdir.iterdir()) == ["alex.html", "camille.html", "index.html"]
    assert "<h1>Alex Durand</h1>" in (outdir / "alex.html").read_text(encoding="utf-8")
    assert stat.S_IMODE(outdir.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in outdir.iterdir()} == {0o600}
    err = result.stderr
    assert "3 client(s): 2 report(s) written to" in err
    assert "1 failed" in err
    # The broken client's own message, naming its file and key.
    assert f"{caseload / 'broken.toml'}: " in err and "not_an_item" in err
    # What the directory held that is not a client is said, not silently dropped.
    assert f"skipped: {caseload / 'notes.txt'} (not a .toml file)" in err
    assert f"skipped: {caseload / 'checklist.toml'} (no [person] section" in err
    assert f"skipped: {caseload / 'archive'} (a directory" in err


def test_the_index_names_each_client_and_links_only_to_reports_beside_it(
    caseload: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out"
    run(caseload, "-o", outdir)
    soup = index_of(outdir)
    found = rows(soup)
    assert sorted(found) == ["alex.toml", "camille.toml"]
    assert found["alex.toml"].th is not None and found["alex.toml"].th.get_text() == "Alex Durand"
    links = [str(a["href"]) for a in soup.find_all("a")]
    assert sorted(links) == ["alex.html", "camille.html"]
    for href in links:
        assert ":" not in href and "/" not in href and (outdir / unquote(href)).is_file()
    cells = [td.get_text(" ", strip=True) for td in found["camille.toml"].find_all("td")]
    assert cells[0] == "18 November 2026"  # [audit] date
    assert cells[1].startswith("48/100") and cells[2].startswith("60/100")
    assert cells[6] == "18 November 2028"  # erase after: 24 months by default
    assert cells[5] == "18 November 2026"  # consent date
    failed = soup.select("#failed li")
    assert [li["data-config"] for li in failed] == ["broken.toml"]
    assert "not_an_item" in failed[0].get_text()
    # The index says nothing of the folders the configs came from.
    assert str(caseload) not in soup.select_one("#clients").get_text()  # type: ignore[union-attr]


def test_several_configs_by_name_and_a_missing_one(caseload: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "new" / "out"
    missing = caseload / "nobody.toml"
    result = run(caseload / "camille.toml", missing, caseload / "alex.toml", "-o", outdir)
    assert result.exit_code == 1
    assert f"{missing}: no such file" in result.stderr
    assert sorted(rows(index_of(outdir))) == ["alex.toml", "camille.toml"]


def test_a_client_without_consent_fails_alone(caseload: Path, tmp_path: Path) -> None:
    text = (caseload / "alex.toml").read_text(encoding="utf-8")
    (caseload / "alex.toml").write_text(text.replace("consent_date", "# consent_date"), "utf-8")
    outdir = tmp_path / "out"
    result = run(caseload, "-o", outdir)
    assert result.exit_code == 1
    assert "consent_date" in result.stderr
    assert (outdir / "camille.html").is_file() and not (outdir / "alex.html").exists()


def test_every_client_written_exits_0_and_format_names_the_reports(
    caseload: Path, tmp_path: Path
) -> None:
    (caseload / "broken.toml").unlink()
    outdir = tmp_path / "out"
    result = run(caseload, "-o", outdir, "--format", "md", "--no-record")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in outdir.iterdir()) == ["alex.md", "camille.md", "index.html"]
    assert sorted(str(a["href"]) for a in index_of(outdir).find_all("a")) == [
        "alex.md",
        "camille.md",
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ((), "add -o DIRECTORY"),
        (("-o", "-"), "add -o DIRECTORY"),
        (("--fail-under", "50", "-o", "x"), "--fail-under applies to a single config only"),
    ],
)
def test_bad_options_are_refused_before_anything_is_written(
    caseload: Path, tmp_path: Path, extra: tuple[str, ...], message: str
) -> None:
    os.chdir(tmp_path)
    result = run(caseload, *extra)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x").exists()


def test_an_output_that_is_a_file_is_refused(caseload: Path, tmp_path: Path) -> None:
    taken = tmp_path / "report.html"
    taken.write_text("keep", encoding="utf-8")
    result = run(caseload, "-o", taken)
    assert result.exit_code == 2
    assert "is not a directory" in result.stderr
    assert taken.read_text(encoding="utf-8") == "keep"


def test_a_directory_without_configs_is_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run(tmp_path / "empty", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "No config file to audit" in result.stderr


def test_report_names_that_clash_fail_their_client_only(caseload: Path, tmp_path: Path) -> None:
    client(caseload, "index.toml", "Ines Index", "CASE-4")
    other = tmp_path / "elsewhere"
    other.mkdir()
    client(other, "camille.toml", "Camille Twin", "CASE-5")
    outdir = tmp_path / "out"
    result = run(caseload, other / "camille.toml", "-o", outdir)
    assert result.exit_code == 1
    assert "would replace index.html" in result.stderr
    assert f"same report name as {caseload / 'camille.toml'}" in result.stderr
    soup = index_of(outdir)
    assert soup.h1 is not None and soup.h1.get_text() == "Caseload overview"
    assert rows(soup)["camille.toml"].th.get_text() == "Camille Martin"  # type: ignore[union-attr]


def test_hostile_names_stay_text_and_links_stay_relative(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    # Control and bidi characters in a name are refused by the config's validation (a failure
    # of its own); markup is a valid name, and must stay text.
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"><a href="javascript:x">'
    name = "javascript:alert(3)#?<b>.toml"
    client(folder, name, hostile, "CASE-6")
    client(folder, "plain.toml", "Plain Person", "CASE-7")
    (folder / "\x1b[2Jwipe.toml").write_text("[person\n", encoding="utf-8")  # broken, named so
    outdir = tmp_path / "out"
    result = run(folder, "-o", outdir)
    assert result.exit_code == 1, result.output
    assert "\x1b" not in result.stderr and "wipe.toml" in result.stderr
    soup = index_of(outdir)
    assert soup.find("script") is None and soup.find("img") is None
    assert soup.select("[onerror]") == []
    row = rows(soup)[name]
    shown = row.th.get_text()  # type: ignore[union-attr]
    assert shown == hostile
    assert [str(a["href"]) for a in soup.find_all("a")] == [str(row.a["href"]), "plain.html"]  # type: ignore[index]
    href = str(row.a["href"])  # type: ignore[index]
    assert href.startswith("javascript%3Aalert")
    assert unquote(href) == "javascript:alert(3)#?<b>.html" and (outdir / unquote(href)).is_file()


def test_with_the_history_the_index_shows_the_change_since_the_previous_audit(
    caseload: Path, tmp_path: Path
) -> None:
    (caseload / "broken.toml").unlink()
    db = str(tmp_path / "history.sqlite3")
    first = tmp_path / "first"
    assert run(caseload, "-o", first, "--db", db).exit_code == 0
    cell = rows(index_of(first))["camille.toml"].select_one('[data-kind="visibility"]')
    assert cell is not None and cell["data-direction"] == "none"
    assert "first audit" in cell.get_text()
    second = tmp_path / "second"
    assert run(caseload, "-o", second, "--db", db).exit_code == 0
    cell = rows(index_of(second))["camille.toml"].select_one('[data-kind="risk"]')
    assert cell is not None and cell["data-direction"] == "unchanged"
    assert "unchanged" in cell.get_text()
    # Each report has its "since your last audit" too: the same history, client by client.
    assert 'id="since-last"' in (second / "camille.html").read_text(encoding="utf-8")


def test_without_recording_the_change_is_unknown_not_a_first_audit(
    caseload: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out"
    run(caseload, "-o", outdir, "--no-record")
    cell = rows(index_of(outdir))["alex.toml"].select_one('[data-kind="visibility"]')
    assert cell is not None and "first audit" not in cell.get_text()


def test_the_index_follows_lang_else_the_environment(
    caseload: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    outdir = tmp_path / "fr"
    result = CliRunner().invoke(main, ["audit", str(caseload), "-o", str(outdir), "--offline"])
    assert "3 dossier(s)" in result.stderr
    html = index_of(outdir).html
    assert html is not None and html["lang"] == "fr"
    outdir = tmp_path / "en"
    CliRunner().invoke(
        main, ["audit", str(caseload), "-o", str(outdir), "--offline", "--lang", "en"]
    )
    html = index_of(outdir).html
    assert html is not None and html["lang"] == "en"


def test_processes_and_threads_give_the_same_outcomes(caseload: Path, tmp_path: Path) -> None:
    configs, _ = gather([caseload])
    clients = plan_clients(configs, "json", "en")
    outcomes: dict[WorkerKind, list[tuple[str, str | None, str | None]]] = {}
    workers: WorkerKind
    for workers in ("process", "thread"):
        outdir = tmp_path / workers
        outdir.mkdir()
        job = CaseloadJob(outdir, "json", AuditOptions(offline=True), "en")
        done = run_caseload(clients, job, 2, workers=workers)
        outcomes[workers] = [(o.config, o.report, o.error) for o in done]
    assert outcomes["process"] == outcomes["thread"]
    assert [c for c, _, _ in outcomes["process"]] == [str(c) for c in configs]  # input order


def test_one_config_is_still_the_single_audit(tmp_path: Path) -> None:
    result = run(EXAMPLE, "--no-record")
    assert result.exit_code == 0
    assert "Camille Martin" in result.stdout
    assert not (tmp_path / "index.html").exists()


def test_a_history_out_of_reach_keeps_the_reports_and_says_so(
    caseload: Path, tmp_path: Path
) -> None:
    (caseload / "broken.toml").unlink()
    outdir = tmp_path / "out"
    result = run(caseload, "-o", outdir, "--db", str(tmp_path))  # a directory: no database
    assert result.exit_code == 1
    assert sorted(p.name for p in outdir.iterdir()) == ["alex.html", "camille.html", "index.html"]
    assert result.stderr.count("not recorded in the history") == 2
    soup = index_of(outdir)
    assert sorted(rows(soup)) == ["alex.toml", "camille.toml"]  # the reports are there...
    failed = [li["data-config"] for li in soup.select("#failed li")]
    assert failed == ["alex.toml", "camille.toml"]  # ...and so is why the history lacks them


def test_a_render_error_is_each_clients_failure_with_its_message(
    caseload: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EREPUTATION_CHROMIUM", "/bin/false")  # a "browser" that always fails
    (caseload / "broken.toml").unlink()
    outdir = tmp_path / "out"
    result = run(caseload, "-o", outdir, "--format", "pdf", "--no-record")
    assert result.exit_code == 1
    assert result.stderr.count("the report could not be rendered: /bin/false") == 2
    assert [p.name for p in outdir.iterdir()] == ["index.html"]  # no half-written PDF
    assert len(index_of(outdir).select("#failed li")) == 2


def test_report_names_that_differ_only_by_case_clash(tmp_path: Path) -> None:
    # On a case-insensitive file system (macOS, Windows) these would be one file.
    configs = [tmp_path / "a" / "Camille.toml", tmp_path / "b" / "camille.toml"]
    clients = plan_clients([*configs, tmp_path / "Index.toml"], "html", "en")
    assert [c.problem is None for c in clients] == [True, False, False]
