"""Phrase patterns of the risk lexicon: syntax, matching, and their use in a lexicon (issue 12)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from ereputation.detect.normalise import normalize
from ereputation.detect.patterns import is_pattern, pattern_source, pattern_syntax
from ereputation.detect.risk_terms import LexiconError, find_risk_terms, parse_lexicon


def matches(pattern: str, text: str) -> bool:
    assert pattern_syntax(pattern) == "", pattern_syntax(pattern)
    return re.search(pattern_source(pattern), normalize(text)) is not None


def test_slots_elisions_and_look_alikes() -> None:
    pattern = "{je|j'} {me suis|m'suis} mis {une|} {race|mine|cuite}"
    assert matches(pattern, "J’me suis mis une RACE samedi")
    assert matches(pattern, "je me suis mis minable... non : je me suis mis une cuite")
    assert matches(pattern, "j' me suis mis une mine")
    assert matches(pattern, "Je me suis mis cuite")  # the optional slot left out
    assert not matches(pattern, "je me suis mis au sport")


def test_wildcards_end_words_only() -> None:
    assert matches("torch* avant minuit", "torchés avant minuit")
    assert not matches("torch* avant minuit", "entorchés avant minuit")
    assert not matches("{mon|ma} boss*", "mon embossage")


def test_a_gap_holds_up_to_five_words_and_no_sentence_end() -> None:
    pattern = "vais ... {tuer|buter}"
    assert matches(pattern, "je vais le tuer")
    assert matches(pattern, "je vais un jour ou l'autre le tuer")
    assert not matches(
        pattern, "je vais au marché, puis au cinéma avec des amis, on va tuer le temps"
    )
    assert not matches(pattern, "je vais bien. Il faut tuer le temps")


def test_commas_may_separate_tokens() -> None:
    assert matches("les roms ... tous des voleurs", "Les Roms, tous des voleurs")
    assert matches("mon manager ... guignol", "Mon manager, ce guignol, encore")


def test_sources_have_no_capturing_group() -> None:
    # The lexicon puts many patterns in one alternation and reads the term from the group index.
    source = pattern_source("{je|j'} vais ... {te|le} {tuer|buter} {ce soir|}  demain")
    assert re.compile(source).groups == 0


def test_is_pattern() -> None:
    assert is_pattern("{a|b} c") and is_pattern("a ... b") and is_pattern("a … b")
    assert not is_pattern("bourr*") and not is_pattern("mon patron est un")


@pytest.mark.parametrize(
    ("pattern", "error"),
    [
        ("{a|b", "unpaired braces"),
        ("{a|{b|c}}", "a slot inside a slot"),
        ("... bourré", "may only stand between two words"),
        ("bourré ...", "may only stand between two words"),
        ("a ... ... b", "twice in a row"),
        ("{a} b", "at least two alternatives"),
        ("{a|} b", "optional slot at either end"),
        ("b {a|}", "optional slot at either end"),
        ("a {b|c ... d} e", "cannot stand inside a slot"),
        ("a {b|!!} c", "has no letters"),
        ("a {bo*|c} d", "a stem of at least 3 letters"),
        ("a {b*c|d} e", "may only end a word"),
        (" ".join(["{a|b}"] * 17), "at most 16"),
    ],
)
def test_each_syntax_rule(pattern: str, error: str) -> None:
    assert error in pattern_syntax(pattern)


def _lexicon(terms: list[Any]) -> Any:
    return parse_lexicon(
        {
            "version": 1,
            "categories": [
                {
                    "id": "illegal_fraud",
                    "severity": "high",
                    "label": {"fr": "Fraude", "en": "Fraud"},
                    "advice": {"fr": "Retirez.", "en": "Remove."},
                    "terms": {"fr": terms, "en": ["x-ray"]},
                }
            ],
        }
    )


def test_a_bad_pattern_in_a_lexicon_names_its_key_path() -> None:
    with pytest.raises(LexiconError) as caught:
        _lexicon(["ok", {"term": "{piqué|volé ... au bureau"}, {"term": "a", "unless": ["{x"]}])
    assert [p.where for p in caught.value.problems] == [
        "categories[0].terms.fr[1].term",
        "categories[0].terms.fr[2].unless",
    ]


def test_unless_vetoes_a_match_even_inside_its_gap() -> None:
    lexicon = _lexicon(
        [{"term": "{piqué|volé} ... au supermarché", "unless": ["crise", "fait voler"]}]
    )
    assert find_risk_terms("Ma fille a piqué une crise au supermarché", lexicon) == []
    assert (
        find_risk_terms("Crise évitée : j'ai piqué deux bouteilles au supermarché", lexicon) == []
    )
    found = find_risk_terms("J'ai volé deux bouteilles au supermarché, trop facile", lexicon)
    assert [m.category for m in found] == ["illegal_fraud"]


def test_a_finding_says_what_triggered_it_masked() -> None:
    lexicon = _lexicon(["{piqué|volé} ... au bureau", {"term": "arrêt maladie", "near": ["plage"]}])
    text = "J'ai volé une agrafeuse au bureau. En arrêt maladie mais à la plage."
    pattern, context = find_risk_terms(text, lexicon)
    assert pattern.pattern and pattern.trigger == "v••é u•• a•••••••e a• b••••u"
    assert not context.pattern and context.trigger == "a•••t m•••••e + p•••e"
    assert "volé" not in pattern.excerpt_masked and "v••é" in pattern.excerpt_masked
