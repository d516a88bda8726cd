"""The labelled corpus (checklists/risk_corpus.toml) and the detector's floors on it (issue 12).

Floors, not targets: a change to the lexicon, the rules or the matcher that loses recall or raises
false alarms fails here. Every post is dev now (the rules were tuned on all of them), hence the
high floors; how the rules fare on posts they were not written from is estimated by a k-fold by
vocabulary (detect/folds.py), whose floors are pinned too. Figures: docs/detection.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ereputation.detect.corpus import (
    CorpusError,
    CorpusPost,
    Evaluation,
    evaluate,
    load_corpus,
    parse_corpus,
    unknown_categories,
)
from ereputation.detect.folds import fold_of, vocabulary_folds
from ereputation.detect.risk_terms import Lexicon, load_lexicon, parse_lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(ROOT / "checklists" / "risk_terms.toml")


@pytest.fixture(scope="module")
def corpus() -> tuple[CorpusPost, ...]:
    return load_corpus()  # the bundled one, found as the installed package finds it


@pytest.fixture(scope="module")
def dev(lexicon: Lexicon, corpus: tuple[CorpusPost, ...]) -> Evaluation:
    return evaluate(lexicon, [p for p in corpus if p.split == "dev"])


@pytest.fixture(scope="module")
def folds(lexicon: Lexicon, corpus: tuple[CorpusPost, ...]) -> Evaluation:
    return vocabulary_folds(lexicon, corpus)


# --- the corpus itself ------------------------------------------------------------------------


def test_corpus_size_and_balance(corpus: tuple[CorpusPost, ...]) -> None:
    risky = [p for p in corpus if not p.harmless]
    harmless = [p for p in corpus if p.harmless]
    assert len(risky) >= 300
    assert len(harmless) >= len(risky)
    assert len({p.id for p in corpus}) == len(corpus)
    assert {p.lang for p in corpus} == {"fr", "en"}
    for lang in ("fr", "en"):
        mine = [p for p in corpus if p.lang == lang]
        assert sum(p.harmless for p in mine) >= sum(not p.harmless for p in mine), lang


def test_every_category_has_posts_in_both_languages(
    lexicon: Lexicon, corpus: tuple[CorpusPost, ...]
) -> None:
    assert unknown_categories(corpus, lexicon) == []
    for category in lexicon.categories:
        for lang in ("fr", "en"):
            posts = [p for p in corpus if p.lang == lang and category.id in p.expect]
            assert len(posts) >= 5, (category.id, lang)


def test_ids_name_their_language(corpus: tuple[CorpusPost, ...]) -> None:
    assert all(p.id.startswith(f"{p.lang}-") for p in corpus)


# --- floors -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dev_floors(dev: Evaluation, lang: str) -> None:
    assert dev.recall(lang) >= 0.99, dev.misses(lang)
    assert dev.harmless_rate(lang) <= 0.01, dev.harmless_flagged(lang)
    assert dev.wrong_rate(lang) <= 0.01, dev.wrong_category(lang)


def test_dev_floor_per_category(dev: Evaluation, lexicon: Lexicon) -> None:
    for category in lexicon.categories:
        for lang in ("fr", "en"):
            assert dev.recall(lang, category.id) >= 0.9, (category.id, lang)


def test_dev_languages_within_five_points(dev: Evaluation) -> None:
    assert abs(dev.recall("fr") - dev.recall("en")) <= 0.05


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_k_fold_by_vocabulary_floors(folds: Evaluation, lang: str) -> None:
    # A pessimistic estimate (every word only one fold holds is taken away): docs/detection.md.
    assert folds.recall(lang) >= 0.45, len(folds.misses(lang))
    assert folds.harmless_rate(lang) <= 0.02, folds.harmless_flagged(lang)
    assert abs(folds.recall("fr") - folds.recall("en")) <= 0.10


def test_the_corpus_holds_no_holdout(corpus: tuple[CorpusPost, ...]) -> None:
    """The first holdout was read to write the rules: it is dev now, and the blind holdout lives
    in its own file (never opened by the rules' authors)."""
    assert {p.split for p in corpus} == {"dev"}


def test_a_word_only_one_fold_holds_is_taken_from_that_fold() -> None:
    lexicon = _lexicon()
    posts = [CorpusPost(f"en-{i}", "en", "so drunk", ("alcohol_party",)) for i in range(10)]
    # "drunk" occurs in every fold: kept everywhere, every post found.
    assert vocabulary_folds(lexicon, posts).recall() == 1.0
    # A lone post is its word's only teacher: scored without it, it is missed.
    alone = [CorpusPost("en-x", "en", "So drunk", ("alcohol_party",))]
    assert vocabulary_folds(lexicon, alone).misses() == [("en-x", "alcohol_party")]
    assert evaluate(lexicon, alone).misses() == []


def test_folds_are_stable_and_spread() -> None:
    ids = [f"fr-ok-{i}" for i in range(500)]
    counts = [sum(fold_of(i) == f for i in ids) for f in range(5)]
    assert min(counts) > 70, counts
    assert fold_of("en-drugs-01") == fold_of("en-drugs-01")


# --- the evaluation -------------------------------------------------------------------------


def _lexicon() -> Lexicon:
    return parse_lexicon(
        {
            "version": 1,
            "categories": [
                {
                    "id": "alcohol_party",
                    "severity": "medium",
                    "label": {"fr": "Alcool", "en": "Alcohol"},
                    "advice": {"fr": "Retirez.", "en": "Remove."},
                    "terms": {"fr": ["bourré"], "en": ["drunk"]},
                },
                {
                    "id": "political",
                    "severity": "info",
                    "label": {"fr": "Politique", "en": "Politics"},
                    "advice": {"fr": "Choisissez.", "en": "Choose."},
                    "terms": {"fr": ["manif"], "en": ["vote for"]},
                },
            ],
        }
    )


def test_evaluate_counts_recall_misses_and_false_alarms() -> None:
    posts = [
        CorpusPost("en-1", "en", "So drunk last night", ("alcohol_party",)),
        CorpusPost("en-2", "en", "Totally hammered", ("alcohol_party",)),
        CorpusPost("en-3", "en", "Drunk driving kills", ()),
        CorpusPost("en-4", "en", "Vote for change at work", ()),  # information, not an alarm
        CorpusPost("fr-1", "fr", "Bourré au mariage", ("alcohol_party",)),
        CorpusPost("fr-2", "fr", "Trop bourré à la manif", ("political",)),
    ]
    result = evaluate(_lexicon(), posts)
    assert result.recall("en", "alcohol_party") == 0.5
    assert result.recall("fr") == 1.0
    assert result.misses() == [("en-2", "alcohol_party")]
    assert result.harmless_flagged() == ["en-3"]
    assert result.harmless_rate("en") == 0.5
    assert result.wrong_category("fr") == [("fr-2", "alcohol_party")]
    assert result.wrong_rate("fr") == 0.5
    assert result.flagged["en-4"] == ("political",)


def test_a_category_the_lexicon_lacks_is_all_misses() -> None:
    posts = [CorpusPost("en-1", "en", "I'll hurt you", ("violence_threats",))]
    result = evaluate(_lexicon(), posts)
    assert result.recall("en", "violence_threats") == 0.0
    assert result.misses() == [("en-1", "violence_threats")]


# --- validation -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("post", "expected"),
    [
        ({"lang": "fr", "text": "x", "expect": []}, "posts[0].id"),
        ({"id": "a", "lang": "de", "text": "x", "expect": []}, "posts[0].lang"),
        ({"id": "a", "lang": "fr", "text": "", "expect": []}, "posts[0].text"),
        ({"id": "a", "lang": "fr", "text": "x"}, "posts[0].expect"),
        ({"id": "a", "lang": "fr", "text": "x", "expect": [1]}, "posts[0].expect"),
        ({"id": "a", "lang": "fr", "text": "x", "expect": [], "split": "test"}, "posts[0].split"),
        ({"id": "A b", "lang": "fr", "text": "x", "expect": []}, "posts[0].id"),
        ({"id": "a", "lang": "fr", "text": "x", "expect": [], "oops": 1}, "posts[0].oops"),
    ],
)
def test_each_validation_rule_names_its_key_path(post: dict[str, Any], expected: str) -> None:
    with pytest.raises(CorpusError) as caught:
        parse_corpus({"posts": [post]})
    assert expected in {p.where for p in caught.value.problems}


def test_duplicate_ids_and_missing_posts() -> None:
    post = {"id": "a", "lang": "fr", "text": "x", "expect": []}
    with pytest.raises(CorpusError) as caught:
        parse_corpus({"posts": [post, post]})
    assert [(p.where, p.message) for p in caught.value.problems] == [
        ("posts[1].id", "duplicate post id 'a'")
    ]
    with pytest.raises(CorpusError) as caught:
        parse_corpus({})
    assert [p.where for p in caught.value.problems] == ["posts"]


def test_load_corpus_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "corpus.toml"
    path.write_text('posts = [{ id = "a", lang = "xx", text = "t", expect = [] }]\n')
    with pytest.raises(CorpusError) as caught:
        load_corpus(path)
    assert caught.value.problems[0].where.startswith(f"{path}: posts[0].lang")
    path.write_text("posts = [\n")
    with pytest.raises(CorpusError):
        load_corpus(path)
