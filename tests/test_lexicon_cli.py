"""`lexicon check FILE` and `audit --lexicon FILE`, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
from bs4 import BeautifulSoup
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from ereputation.cli import main
from ereputation.resources import schema_path

# A small labelled corpus: risky posts the bundled list misses (its words are invented, so that
# no future bundled word list can know them), and harmless look-alikes.
CORPUS = """
[[posts]]
id = "fr-zblurfe"
lang = "fr"
text = "Quelle zblurfe samedi avec les copains."
expect = ["alcohol_party"]

[[posts]]
id = "en-plastered"
lang = "en"
text = "Got absolutely glorped at the office party, what a night."
expect = ["alcohol_party"]

[[posts]]
id = "fr-barman"
lang = "fr"
text = "Barman depuis dix ans, je prépare les cocktails du bar de l'hôtel."
expect = []

[[posts]]
id = "en-plumber"
lang = "en"
text = "Replaced the joint under the kitchen sink for a client this morning."
expect = []

[[posts]]
id = "en-cuite-risky"
lang = "en"
text = "My boss is an idiot and I got glorped after work."
expect = ["employer_disparagement", "alcohol_party"]
"""


def word_list(terms: str, *, cid: str = "alcohol_party", severity: str = "medium") -> str:
    """A counsellor's file of one category; `terms` is the TOML inline table of its terms."""
    return (
        f'version = 1\n\n[[categories]]\nid = "{cid}"\nseverity = "{severity}"\n'
        'label = { fr = "Alcool", en = "Alcohol" }\n'
        'advice = { fr = "Retirez-les.", en = "Remove them." }\n'
        f"terms = {terms}\n"
    )


GOOD = word_list('{ fr = ["zblurfe"], en = ["glorped", "hangover"] }')
GREEDY = word_list('{ fr = ["bar*"], en = ["joint"] }')
BROKEN = word_list('{ fr = ["b*", "murge", "Murge"] }', cid="Alcohol Party", severity="huge")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def check(tmp_path: Path, lexicon: str, *args: str) -> Any:
    corpus = _write(tmp_path, "corpus.toml", CORPUS)
    file = _write(tmp_path, "mine.toml", lexicon)
    return CliRunner().invoke(main, ["lexicon", "check", str(file), "--corpus", str(corpus), *args])


def test_a_good_list_shows_its_gains_and_no_new_false_alarm(tmp_path: Path) -> None:
    result = check(tmp_path, GOOD, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "mine.toml: 2 term(s) added, 1 already in the bundled list"
    assert "Already in the bundled list (skipped): hangover" in lines
    assert "  Alcohol and parties (en): +2, 0/2 → 2/2 (en-cuite-risky, en-plastered)" in lines
    assert "  Alcohol and parties (fr): +1, 0/1 → 1/1 (fr-zblurfe)" in lines
    assert "New false alarms: none." in lines
    assert lines[-1].startswith("Verdict: the list catches more posts and raises no new false")


def test_a_greedy_list_shows_its_false_alarms_on_the_harmless_side(tmp_path: Path) -> None:
    result = check(tmp_path, GREEDY, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["verdict"] == "alarms" and data["gains"] == []
    alarms = {(a["post"], a["lang"], a["term"], a["harmless"]) for a in data["false_alarms"]}
    assert alarms == {("fr-barman", "fr", "bar*", True), ("en-plumber", "en", "joint", True)}
    assert data["harmless_flagged"] == {"before": 0, "after": 2}
    plumber = next(a for a in data["false_alarms"] if a["post"] == "en-plumber")
    assert "under the kitchen sink" in plumber["excerpt_masked"]
    assert "joint" not in plumber["excerpt_masked"]  # the matched word stays masked


def test_a_greedy_list_in_french_text(tmp_path: Path) -> None:
    result = check(tmp_path, GREEDY, "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert "fr-barman (fr, publication anodine)" in result.output
    assert result.output.splitlines()[-1].startswith("Verdict\u00a0: la liste ne repère rien")


def test_a_broken_list_gives_every_problem_with_its_key_path(tmp_path: Path) -> None:
    result = check(tmp_path, BROKEN, "--lang", "en")
    assert result.exit_code == 2
    out = result.output
    assert "mine.toml: categories[0].id" in out
    assert "mine.toml: categories[0].severity" in out
    assert "Traceback" not in out


def test_a_list_mixing_info_into_a_scored_category_is_refused(tmp_path: Path) -> None:
    mixed = word_list('{ en = ["plastered"] }', severity="info")
    result = check(tmp_path, mixed, "--lang", "en")
    assert result.exit_code == 2
    assert "mine.toml: categories[0].severity" in result.output


PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Camille Martin – Data analyst</title></head><body><h1>Camille Martin</h1>
<p>Data analyst. Last Friday I got totally schnockered with the whole team.</p></body></html>"""

ONLY_MINE = word_list('{ en = ["schnockered", "glorped"] }')


def _config(tmp_path: Path, url: str, name: str = "p.toml") -> Path:
    return _write(
        tmp_path,
        name,
        '[person]\nname = "Camille Martin"\ntarget_role = "Data analyst"\n'
        f'keywords = ["SQL"]\nlanguage = "en"\n[[profiles]]\nurl = "{url}"\n',
    )


def _audit(*args: str) -> Any:
    return CliRunner().invoke(main, ["audit", *args, "--allow-private", "--timeout", "5"])


def test_audit_with_a_lexicon_finds_a_term_only_that_file_has(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/site").respond_with_data(PAGE, content_type="text/html")
    config = str(_config(tmp_path, httpserver.url_for("/site")))
    mine = str(_write(tmp_path, "mine.toml", ONLY_MINE))
    plain = json.loads(_audit(config, "--format", "json", "--no-record").output)
    assert plain["profiles"][0]["risk_terms"] == []
    assert plain["audit"].get("lexicons", []) == []
    result = _audit(config, "--lexicon", mine, "--format", "json", "--no-record")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    (risk,) = data["profiles"][0]["risk_terms"]
    assert risk["category"] == "alcohol_party"
    assert "schnockered" not in risk["excerpt_masked"]
    assert data["audit"]["lexicons"] == [{"file": "mine.toml", "terms": 2}]
    html = _audit(config, "--lexicon", mine, "-o", "-", "--format", "html", "--no-record")
    assert html.exit_code == 0, html.output
    method = BeautifulSoup(html.output, "html.parser").select_one("#method .lexicons")
    assert method is not None
    assert "mine.toml (2 terms)" in method.get_text()


def test_audit_with_a_broken_lexicon_stops_before_any_visit(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    config = str(_config(tmp_path, httpserver.url_for("/site")))
    broken = str(_write(tmp_path, "broken.toml", BROKEN))
    result = _audit(config, "--lexicon", broken, "--no-record")
    assert result.exit_code == 2
    assert "broken.toml: categories[0].id" in result.output
    assert httpserver.log == []


def test_many_clients_each_use_the_extra_lexicon(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/site").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/site")
    configs = [str(_config(tmp_path, url, name)) for name in ("ana.toml", "ben.toml")]
    mine = str(_write(tmp_path, "mine.toml", ONLY_MINE))
    outdir = tmp_path / "out"
    result = _audit(*configs, "--lexicon", mine, "-o", str(outdir), "--format", "json")
    assert result.exit_code == 0, result.output
    reports = sorted(outdir.glob("*.json"))
    assert [r.name for r in reports] == ["ana.json", "ben.json"]
    for report in reports:
        data = json.loads(report.read_text(encoding="utf-8"))
        assert data["audit"]["lexicons"] == [{"file": "mine.toml", "terms": 2}]
        assert [r["category"] for r in data["profiles"][0]["risk_terms"]] == ["alcohol_party"]


def test_on_the_bundled_corpus_greedy_terms_flag_harmless_look_alikes(tmp_path: Path) -> None:
    file = _write(tmp_path, "mine.toml", GREEDY)
    result = CliRunner().invoke(main, ["lexicon", "check", str(file), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    harmless = {a["term"] for a in data["false_alarms"] if a["harmless"]}
    assert harmless == {"bar*", "joint"}  # a bartender's job, a plumber's joint...
    assert data["harmless_flagged"]["after"] > data["harmless_flagged"]["before"]
    assert data["verdict"] in ("alarms", "gains_and_alarms")
