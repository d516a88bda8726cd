"""Properties of matching across languages on arbitrary text: it never raises, a synonym only
adds to what the exact words find, and inclusive readings keep the page's own text first."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ereputation.detect.matching import find_keywords, headline_matches
from ereputation.detect.normalise import normalize
from ereputation.detect.synonyms import Synonyms, forms, readings

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GROUPS = Synonyms.of_groups(
    [
        ["data analyst", "analyste de données", "chargé·e d'études statistiques"],
        ["chef de projet", "cheffe de projet", "project manager"],
        ["SQL", "langage SQL"],
    ]
)
PIECES = st.sampled_from(
    [
        "Chargé·e", "chargé(e)", "développeur.euse", "directeur·rice·s", "·", ".", "(", ")", "e",
        "ne", "fin.Le", "analyste de données", "Data Analyst", "cheffe de projet", "SQL", "é",
        "\u0301", "\u200b", " ", "-", "’", "metadata",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=20), PIECES), max_size=12).map("".join)
KEYWORDS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=5)


@FAST
@given(TEXT)
def test_readings_never_raise_and_start_with_the_text_itself(text: str) -> None:
    norm = normalize(text)
    found = readings(norm)
    assert found[0] == norm and len(found) in (1, 3)


@FAST
@given(TEXT, KEYWORDS)
def test_synonyms_only_add_to_the_exact_words(text: str, keywords: list[str]) -> None:
    exact = find_keywords(text, keywords)
    wide = find_keywords(text, keywords, GROUPS)
    assert [m.keyword for m in exact] == [m.keyword for m in wide]
    for alone, with_groups in zip(exact, wide, strict=True):
        if alone.found:
            assert with_groups == alone  # stated itself: no synonym shown
        elif with_groups.found:
            assert with_groups.via in GROUPS.of(alone.keyword)


@FAST
@given(TEXT, TEXT)
def test_headline_matching_never_raises_and_groups_only_widen_it(headline: str, role: str) -> None:
    if headline_matches(headline, role):
        assert headline_matches(headline, role, synonyms=GROUPS, aliases=["x"])


@FAST
@given(st.text(max_size=40))
def test_forms_of_any_term_are_normalised(term: str) -> None:
    assert all(normalize(form) == form for form in forms(term))
