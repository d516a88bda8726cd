"""The first-letter lookaheads in front of the word rules' alternations (`patterns.guarded`): they
make positions no entry can start at fail at once, and must never change what is found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ereputation.detect.corpus import load_corpus
from ereputation.detect.matching import phrase_pattern
from ereputation.detect.normalise import normalize
from ereputation.detect.patterns import first_letters, guarded, is_pattern, pattern_source
from ereputation.detect.risk_terms import Lexicon, find_risk_terms, load_lexicon

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("entry", "letters"),
    [
        ("bourré", "b"),
        ("Ça craint", "c"),
        ("e-mail", "e"),
        ("{je|j'} {me suis|m'suis} mis une {race|cuite}", "j"),
        ("{mon|ma|Le} patron ... con", "lm"),
        ("{2|deux} bouteilles", "2d"),
        ("🍻", ""),  # an emoji: no guard
        ("{#balance|dénonce} ton porc", ""),  # one alternative starts with '#': no guard
    ],
)
def test_first_letters_of_phrases_and_patterns(entry: str, letters: str) -> None:
    assert first_letters(entry) == letters


def test_a_guard_names_the_letters_once_and_no_letters_means_no_guard() -> None:
    assert guarded("(?:ab|ac)", "aa") == "(?=[a])(?:ab|ac)"
    assert guarded("(?:x)", "") == "(?:x)"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(ROOT / "checklists" / "risk_terms.toml")


def _texts() -> list[str]:
    posts = load_corpus(ROOT / "checklists" / "risk_corpus.toml")
    hostile = ["🎉 🍻 😂 " * 50, ". . " * 200, "-bourré 'cuite #patron", "j' me suis mis une race"]
    return [p.text for p in posts[::12]] + hostile


def test_every_entry_matches_only_where_its_first_letters_start(lexicon: Lexicon) -> None:
    """Each class entry of the rules alone and behind its guard finds the same spans."""
    texts = [normalize(t) for t in _texts()]
    checked = 0
    assert lexicon.rules is not None
    for cls in lexicon.rules.classes.values():
        for lang in ("fr", "en"):
            for entry in cls.words(lang):
                letters = first_letters(entry)
                if not letters:
                    continue
                source = (
                    pattern_source(entry)
                    if is_pattern(entry)
                    else phrase_pattern(entry, wildcards=True)  # as the rules compile it
                )
                plain, behind = re.compile(source), re.compile(guarded(source, letters))
                text = "\n".join(texts)  # one text: the cost is per call, not per character
                spans = [m.span() for m in plain.finditer(text)]
                assert spans == [m.span() for m in behind.finditer(text)], entry
                checked += 1
    assert checked > 500


def test_findings_on_hostile_pages_are_the_matching_emoji_and_words(lexicon: Lexicon) -> None:
    found = find_risk_terms("🍻 " * 300 + ". . " * 300 + "complètement bourré", lexicon)
    assert {m.category for m in found} == {"alcohol_party"}
    assert any(m.term == "bourré" or "bourr" in m.term for m in found), [m.term for m in found]
