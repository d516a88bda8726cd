"""The meaning model's reading of a text (detect/meaning.py): passages, vetoes, additions, loading.

Most tests use a tiny hand-made encoder (two dimensions: "party" words and "work" words) so that
what is asserted is the combining logic, not a trained model's scores; the last ones load the
shipped model with the real encoder.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ereputation.detect.meaning import (
    MAX_PASSAGES,
    MODEL_RULE,
    WHOLE_CHARS,
    WINDOW_CHARS,
    MeaningModel,
    bundled_model,
    load_model,
    model_score,
    passages,
    prepare,
    second_opinion,
)
from ereputation.detect.risk_terms import Lexicon, find_risk_terms, load_lexicon

ROOT = Path(__file__).resolve().parents[2]
CATEGORIES = ("alcohol_party", "employer_disparagement")


def toy_encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
    """Dimension 0: words of a night out; dimension 1: grumbling about work."""
    party = ("soirée", "dessoûler", "night out", "sober")
    work = ("boss", "patron", "réunion")
    return np.array(
        [
            [float(any(w in t.lower() for w in party)), float(any(w in t.lower() for w in work))]
            for t in texts
        ],
        dtype=np.float32,
    )


def toy_model(add_at: float = 0.9, veto_below: float = 0.05) -> MeaningModel:
    # Each category scores ~0.99 when its dimension is 1, ~0.01 when 0.
    weights = np.array([[10.0, 0.0], [0.0, 10.0]], dtype=np.float32)
    bias = np.array([-5.0, -5.0], dtype=np.float32)
    return MeaningModel(CATEGORIES, weights, bias, add_at, veto_below, toy_encoder, "toy")


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(ROOT / "checklists" / "risk_terms.toml")


# --- passages -----------------------------------------------------------------------------------


def test_a_short_text_is_read_whole_and_trimmed() -> None:
    text = "  Trois jours sans dessoûler. On remet ça ce soir !  "
    assert passages(text) == [(2, len(text) - 2)]
    assert passages("   \n ") == []


def test_a_long_text_is_read_in_windows_of_whole_sentences() -> None:
    sentence = "Une phrase ordinaire sur le travail de la semaine. "
    text = sentence * 40
    spans = passages(text)
    assert len(text) > WHOLE_CHARS and len(spans) > 1
    for start, end in spans:
        assert end - start <= WINDOW_CHARS
        assert text[start:end].startswith("Une") and text[start:end].endswith(".")
    # Nothing is skipped: every sentence start lies inside a passage.
    covered = "".join(text[a:b] for a, b in spans).replace(" ", "")
    assert covered == text.replace(" ", "")


def test_a_sentence_longer_than_a_window_is_cut_between_words() -> None:
    text = "mot " * 400
    spans = passages(text)
    assert all(end - start <= WINDOW_CHARS for start, end in spans)
    assert all(
        text[start:end].split() == ["mot"] * len(text[start:end].split()) for start, end in spans
    )


def test_a_page_gives_at_most_the_passage_cap() -> None:
    text = "Court. " * 20_000
    assert len(passages(text)) == MAX_PASSAGES


def test_a_text_a_page_repeats_is_read_once_and_scored_the_same_everywhere() -> None:
    read: list[str] = []

    def counting(texts: Sequence[str]) -> np.ndarray[Any, Any]:
        read.extend(texts)
        return toy_encoder(texts)

    model = replace(toy_model(), encoder=counting)
    footer = "Suivez-nous sur nos réseaux pour la soirée"
    texts = [footer, "Mon patron a encore déplacé la réunion", footer, footer]
    scores = model.scores(texts)
    assert read == [footer, "Mon patron a encore déplacé la réunion"]
    assert scores.shape == (4, len(CATEGORIES))
    assert np.array_equal(scores[0], scores[2]) and np.array_equal(scores[0], scores[3])
    assert scores[0, 0] > 0.9 and scores[1, 1] > 0.9


def test_prepare_reads_look_alike_letters_and_invisible_characters_as_the_rules_do() -> None:
    assert prepare("cоnn\u200bаrd  de\n chef") == "connard de chef"  # Cyrillic о and а


# --- the second opinion -------------------------------------------------------------------------


def test_the_model_adds_what_no_rule_found_and_names_itself(lexicon: Lexicon) -> None:
    text = "Super soirée avec la bande samedi."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert rules == []
    both = second_opinion(text, rules, toy_model(), lexicon)
    added = [m for m in both if m.term == MODEL_RULE]
    assert [m.category for m in added] == ["alcohol_party"]
    assert added[0].rule.startswith(f"{MODEL_RULE}: 0.9")
    assert model_score(added[0]) == pytest.approx(0.99, abs=0.01)
    assert added[0].excerpt_masked == text
    assert (added[0].start, added[0].end) == (0, len(text))


def test_below_the_add_threshold_nothing_is_added(lexicon: Lexicon) -> None:
    assert second_opinion("Super soirée avec la bande.", [], toy_model(add_at=0.999), lexicon) == []


def test_a_category_a_rule_found_is_not_added_twice(lexicon: Lexicon) -> None:
    text = "Complètement bourré à la soirée d'hier, je ne me souviens de rien."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert [m.category for m in rules] == ["alcohol_party"]
    both = second_opinion(text, rules, toy_model(), lexicon)
    assert both == rules


def test_a_rule_finding_in_a_passage_the_model_reads_as_harmless_is_vetoed(
    lexicon: Lexicon,
) -> None:
    # The toy model sees no night out here, so the rule's alcohol finding is dropped...
    text = "Complètement bourré hier, je ne me souviens de rien."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert [m.category for m in rules] == ["alcohol_party"]
    assert second_opinion(text, rules, toy_model(), lexicon) == []
    # ...unless no veto is asked for.
    assert second_opinion(text, rules, toy_model(veto_below=0.0), lexicon) == rules


def test_a_vetoed_rule_finding_comes_back_where_the_model_adds_its_category(
    lexicon: Lexicon,
) -> None:
    # The veto sits above the add line (round 9: 0.75 and 0.7): the passage scores ~0.993,
    # under the veto and over the line, so the model flags the category, and the finding it
    # reports is the rule's, naming the word, not one saying the passage had no risky word.
    text = "Complètement bourré à la soirée d'hier, je ne me souviens de rien."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert [m.category for m in rules] == ["alcohol_party"]
    between = toy_model(add_at=0.9, veto_below=0.995)
    assert second_opinion(text, rules, between, lexicon) == rules
    # Without the rule's finding the model reports its own.
    alone = second_opinion(text, [], between, lexicon)
    assert [(m.category, m.term) for m in alone] == [("alcohol_party", MODEL_RULE)]


def test_a_category_the_model_does_not_know_is_never_vetoed(lexicon: Lexicon) -> None:
    text = "Quel connard ce type."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert "insults" in {m.category for m in rules}
    kept = second_opinion(text, rules, toy_model(), lexicon)
    assert {m.category for m in kept} >= {"insults"}


def test_each_passage_adds_only_its_best_category(lexicon: Lexicon) -> None:
    text = "Soirée de folie, et demain réunion avec le boss."
    both = second_opinion(text, [], toy_model(), lexicon)
    assert len(both) == 1  # both dimensions fire; only the higher one is reported


def test_a_model_adding_every_category_reports_each_one_over_the_line(lexicon: Lexicon) -> None:
    text = "Soirée de folie, et demain réunion avec le boss."
    every = replace(toy_model(), add_every=True)
    both = second_opinion(text, [], every, lexicon)
    assert sorted(m.category for m in both) == sorted(CATEGORIES)
    assert second_opinion(text, [], replace(every, add_at=0.999), lexicon) == []


def test_a_model_file_says_whether_it_adds_every_category(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    _save(path, toy_model(), toy_encoder(["une soirée", "le boss"]))
    loaded = load_model(path, encoder=toy_encoder)
    assert loaded is not None and not loaded.add_every  # files before round 8: the best only
    with np.load(path) as data:
        arrays = dict(data)
    np.savez(path, **arrays, add_every=np.bool_(True))
    loaded = load_model(path, encoder=toy_encoder)
    assert loaded is not None and loaded.add_every
    for damaged in (np.array("False"), np.float32(2.0), np.array([[True]]), np.array([])):
        np.savez(path, **arrays, add_every=damaged)
        assert load_model(path, encoder=toy_encoder) is None, damaged


def test_a_page_reports_the_best_passages_per_category_with_their_position(
    lexicon: Lexicon,
) -> None:
    filler = "Je travaille dans la logistique depuis dix ans et j'aime ça. " * 12
    text = filler + "Super soirée avec la bande samedi. " + filler
    both = second_opinion(text, [], toy_model(), lexicon, max_per_category=1)
    assert len(both) == 1
    assert "Super soirée" in text[both[0].start : both[0].end]
    assert "Super soirée" in both[0].excerpt_masked


def test_personal_data_and_offensive_words_are_masked_in_the_passage(lexicon: Lexicon) -> None:
    text = "Soirée chez moi, appelez le 06 12 34 56 78, connard qui ne vient pas."
    rules = find_risk_terms(text, lexicon, ("fr",))
    both = second_opinion(text, rules, toy_model(), lexicon)
    added = [m for m in both if m.term == MODEL_RULE]
    assert added and "12 34 56" not in added[0].excerpt_masked
    assert "connard" not in added[0].excerpt_masked


# --- loading ------------------------------------------------------------------------------------


def _save(path: Path, model: MeaningModel, probe_vectors: np.ndarray[Any, Any]) -> None:
    np.savez(
        path,
        categories=np.array(model.categories),
        weights=model.weights,
        bias=model.bias,
        add_at=np.float32(model.add_at),
        veto_below=np.float32(model.veto_below),
        probes=np.array(["une soirée", "le boss"]),
        probe_vectors=probe_vectors,
        name=np.array("toy model"),
    )


def test_a_model_file_loads_with_the_encoder_it_was_made_with(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    _save(path, toy_model(), toy_encoder(["une soirée", "le boss"]))
    model = load_model(path, encoder=toy_encoder)
    assert model is not None
    assert model.categories == CATEGORIES and model.name == "toy model"
    assert model.add_at == pytest.approx(0.9)


def test_a_different_encoder_turns_the_model_off_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "model.npz"
    _save(path, toy_model(), np.array([[0.0, 1.0], [1.0, 0.0]], dtype=np.float32))
    with caplog.at_level(logging.WARNING, logger="ereputation.detect.meaning"):
        assert load_model(path, encoder=toy_encoder) is None
    assert "not the one" in caplog.text


@pytest.mark.parametrize("content", [b"", b"not a numpy file", b"PK\x03\x04broken"])
def test_an_unreadable_model_file_leaves_the_rules_alone(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "model.npz"
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="ereputation.detect.meaning"):
        assert load_model(path, encoder=toy_encoder) is None
    assert "rules work alone" in caplog.text


def test_probe_vectors_that_are_not_a_table_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    _save(path, toy_model(), np.array([1.0, 0.0], dtype=np.float32))
    assert load_model(path, encoder=toy_encoder) is None


def test_a_model_file_with_missing_arrays_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    np.savez(path, categories=np.array(CATEGORIES))
    assert load_model(path, encoder=toy_encoder) is None


def networked_model() -> MeaningModel:
    """The toy model through a hidden layer: unit 0 fires on a night out, unit 1 on work; a
    third unit never fires (negative weights), and must not change anything."""
    layer = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, -1.0]], dtype=np.float32)
    layer_bias = np.zeros(3, dtype=np.float32)
    weights = np.array([[10.0, 0.0, 7.0], [0.0, 10.0, 7.0]], dtype=np.float32)
    bias = np.array([-5.0, -5.0], dtype=np.float32)
    return MeaningModel(
        CATEGORIES, weights, bias, 0.9, 0.05, toy_encoder, "net", hidden=(layer, layer_bias)
    )


def test_a_hidden_layer_of_rectified_units_reads_the_embeddings_first() -> None:
    scores = networked_model().scores(["Une soirée sans fin", "Réunion avec le patron", "Rien"])
    # Unit 2 reads -1 on each of these: rectified to 0, it takes nothing away (unrectified, it
    # would take 7 from each logit and the first two would score 0.12).
    assert scores[0, 0] > 0.99 and scores[0, 1] < 0.01
    assert scores[1, 1] > 0.99 and scores[1, 0] < 0.01
    # Nothing fires: both categories stay at the sigmoid of their bias.
    assert scores[2] == pytest.approx([0.0067, 0.0067], abs=1e-3)


def test_a_model_file_with_a_hidden_layer_loads_and_scores_the_same(tmp_path: Path) -> None:
    net = networked_model()
    path = tmp_path / "model.npz"
    assert net.hidden is not None
    np.savez(
        path,
        categories=np.array(net.categories),
        weights=net.weights,
        bias=net.bias,
        hidden_weights=net.hidden[0],
        hidden_bias=net.hidden[1],
        add_at=np.float32(net.add_at),
        veto_below=np.float32(net.veto_below),
        probes=np.array(["une soirée", "le boss"]),
        probe_vectors=toy_encoder(["une soirée", "le boss"]),
        name=np.array("net"),
    )
    loaded = load_model(path, encoder=toy_encoder)
    assert loaded is not None and loaded.hidden is not None
    texts = ["Une soirée sans fin", "Réunion avec le patron"]
    assert np.allclose(loaded.scores(texts), net.scores(texts))


@pytest.mark.parametrize(
    ("hidden_weights", "hidden_bias", "weights"),
    [
        (np.ones((3, 5)), np.zeros(3), np.ones((2, 3))),  # the layer does not read 2 dimensions
        (np.ones((3, 2)), np.zeros(4), np.ones((2, 3))),  # biases for 4 units, weights for 3
        (np.ones((3, 2)), np.zeros(3), np.ones((2, 2))),  # the outputs read 2 units, not 3
        (np.full((3, 2), np.nan), np.zeros(3), np.ones((2, 3))),  # not a number
        (np.full((3, 2), 3e38), np.zeros(3), np.ones((2, 3))),  # finite, but sums overflow
        (np.float32(1.0), np.zeros(3), np.ones((2, 3))),  # a number, not a layer
        (np.ones((0, 2)), np.zeros(0), np.ones((2, 0))),  # a layer of no unit
    ],
)
def test_a_hidden_layer_of_the_wrong_shape_or_not_finite_is_refused(
    tmp_path: Path,
    hidden_weights: np.ndarray[Any, Any],
    hidden_bias: np.ndarray[Any, Any],
    weights: np.ndarray[Any, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "model.npz"
    np.savez(
        path,
        categories=np.array(CATEGORIES),
        weights=weights.astype(np.float32),
        bias=np.zeros(2, dtype=np.float32),
        hidden_weights=hidden_weights.astype(np.float32),
        hidden_bias=hidden_bias.astype(np.float32),
        add_at=np.float32(0.9),
        veto_below=np.float32(0.05),
        probes=np.array(["une soirée", "le boss"]),
        probe_vectors=toy_encoder(["une soirée", "le boss"]),
        name=np.array("bad"),
    )
    with caplog.at_level(logging.WARNING, logger="ereputation.detect.meaning"):
        assert load_model(path, encoder=toy_encoder) is None
    assert "rules work alone" in caplog.text


# --- the shipped model --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> MeaningModel:
    model = bundled_model()
    assert model is not None, "checklists/risk_model.npz and its encoder ship with the tool"
    return model


def test_the_shipped_model_knows_every_risk_category(
    shipped: MeaningModel, lexicon: Lexicon
) -> None:
    risky = {c.id for c in lexicon.categories if not c.informational}
    assert set(shipped.categories) == risky
    # Since round 9 the veto may sit above the add line (a vetoed finding then comes back).
    assert 0.5 <= shipped.add_at < 1.0 and 0.0 <= shipped.veto_below < 1.0


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # Invented for this test; said without any listed word.
        (
            "Fini la troisième bouteille avant minuit, je ne sais plus comment je suis rentré.",
            "alcohol_party",
        ),
        (
            "Called in with a fever, spent the whole day at the beach, nobody at work will know.",
            "sick_day",
        ),
    ],
)
def test_the_shipped_model_reads_risk_said_without_the_words(
    shipped: MeaningModel, text: str, category: str
) -> None:
    scores = shipped.scores([text])[0]
    assert shipped.categories[int(scores.argmax())] == category


def test_the_shipped_model_scores_an_ordinary_post_low(shipped: MeaningModel) -> None:
    scores = shipped.scores(["Ravie de rejoindre l'équipe logistique de Lyon à partir de lundi."])
    assert float(scores.max()) < shipped.add_at


def diluting_encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
    """Dimension 0: the share of a text's words that speak of drinking (a long text dilutes it)."""
    drink = {"bourré", "bourrée", "cuite", "shots"}
    rows = []
    for text in texts:
        words = text.lower().replace(",", " ").replace(".", " ").split()
        rows.append([5 * sum(w in drink for w in words) / max(1, len(words)), 0.0])
    return np.array(rows, dtype=np.float32)


def test_a_risky_sentence_among_harmless_ones_is_not_vetoed(lexicon: Lexicon) -> None:
    weights = np.array([[10.0, 0.0], [0.0, 10.0]], dtype=np.float32)
    bias = np.array([-5.0, -5.0], dtype=np.float32)
    model = MeaningModel(CATEGORIES, weights, bias, 0.9, 0.05, diluting_encoder)
    text = (
        "Complètement bourré hier. Ensuite une longue réunion sur le budget du service, "
        "les plannings des équipes, les congés de printemps et le déménagement des bureaux."
    )
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert [m.category for m in rules] == ["alcohol_party"]
    assert len(passages(text)) == 1  # read whole: the passage's score is diluted...
    assert float(model.scores([text])[0, 0]) < 0.05
    # ...but the sentence holding the finding is not, so the finding stands.
    assert second_opinion(text, rules, model, lexicon) == rules


def test_a_passage_a_rule_flagged_takes_a_second_category_only_when_the_model_is_surer(
    lexicon: Lexicon,
) -> None:
    text = "Quel connard ce type, super soirée quand même."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert {m.category for m in rules} == {"insults"}
    loose = second_opinion(text, rules, toy_model(), lexicon)
    assert {m.category for m in loose} == {"insults", "alcohol_party"}
    strict = replace(toy_model(), beside_rule_at=0.999)
    assert {m.category for m in second_opinion(text, rules, strict, lexicon)} == {"insults"}


def test_a_passage_of_a_few_words_is_not_judged(lexicon: Lexicon) -> None:
    assert second_opinion("Super soirée !", [], toy_model(), lexicon) == []
    # Nor is a rule's finding in it vetoed.
    text = "Complètement bourré."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert rules and second_opinion(text, rules, toy_model(), lexicon) == rules


def test_a_counsellors_own_term_is_never_vetoed(lexicon: Lexicon) -> None:
    text = "Complètement bourré hier, je ne me souviens de rien."
    rules = find_risk_terms(text, lexicon, ("fr",))
    assert second_opinion(text, rules, toy_model(), lexicon) == []  # vetoed...
    kept = second_opinion(text, rules, toy_model(), lexicon, never_veto={rules[0].term})
    assert kept == rules  # ...unless the term is the counsellor's own
