"""Normalisation, phrase and keyword matching, names and headlines."""

from __future__ import annotations

import pytest

from ereputation.detect.matching import (
    KeywordMatch,
    contains_phrase,
    find_keywords,
    headline_matches,
    match_keywords,
    name_matches,
    normalize,
    normalize_with_map,
    original_span,
)
from ereputation.detect.synonyms import Synonyms, forms, readings


def test_normalize_folds_case_accents_apostrophes_hyphens_and_spaces() -> None:
    assert (
        normalize("  Éléonore  L’Hôte\u00a0–\tDéveloppeuse\n") == "eleonore l'hote - developpeuse"
    )
    assert normalize("Œuvre STRASSE") == "oeuvre strasse"
    assert normalize("e\u0301te\u0301") == "ete"  # decomposed accents


def test_normalize_drops_invisible_characters_that_could_hide_a_word() -> None:
    assert normalize("con\u200bnard\u00ad") == "connard"


def test_normalize_map_points_back_to_original_characters() -> None:
    text = "Né  à Œyonnax"
    norm, index = normalize_with_map(text)
    assert norm == "ne a oeyonnax"
    start = norm.index("oeyonnax")
    assert original_span(text, index, start, start + len("oeyonnax")) == (6, 13)
    assert text[6:13] == "Œyonnax"


def test_original_span_includes_a_trailing_combining_accent() -> None:
    text = "cafe\u0301 noir"
    norm, index = normalize_with_map(text)
    assert norm == "cafe noir"
    assert original_span(text, index, 0, 4) == (0, 5)


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Skills: SQL, Python", "SQL", True),
        ("Skills: (sql)", "SQL", True),
        ("MySQLi and SQLite", "SQL", False),
        ("JavaScript only", "Java", False),
        ("Java/JEE", "Java", True),
        ("machine-learning engineer", "machine learning", True),
        ("Machine   Learning", "machine learning", True),
        ("Tableaux Power BI", "Power BI", True),
        ("PowerBI", "Power BI", False),
        ("C++ and Rust", "C++", True),
        ("C++ and Rust", "C", False),
        ("C# developer", "C", False),
        ("c'est bien", "C", False),
        ("Langages : C, Go", "C", True),
        ("e mail marketing", "e-mail", True),
        ("email marketing", "e-mail", True),
        ("Gestion de projet", "gestion de projet", True),
        ("Développement Node.js", "node.js", True),
        ("anything", "", False),
        ("Python's ecosystem", "Python", True),
    ],
)
def test_contains_phrase_on_word_boundaries(text: str, phrase: str, expected: bool) -> None:
    assert contains_phrase(normalize(text), phrase) is expected


def test_match_keywords_keeps_spelling_and_order_and_ignores_blanks_and_repeats() -> None:
    text = "Data analyst : SQL, Power BI, machine-learning. Anglais courant."
    found, missing = match_keywords(
        text, ["Power BI", "Python", "sql", "  ", "Machine Learning", "SQL", "anglais", "Tableau"]
    )
    assert found == ["Power BI", "sql", "Machine Learning", "anglais"]
    assert missing == ["Python", "Tableau"]


def test_match_keywords_on_empty_text_misses_everything() -> None:
    assert match_keywords("", ["Python"]) == ([], ["Python"])


@pytest.mark.parametrize(
    ("text", "kind", "matched"),
    [
        ("Profil de Camille Martin, data analyst", "exact", "Camille Martin"),
        ("MARTIN Camille – Lyon", "exact", "MARTIN Camille"),
        ("Martin, Camille", "exact", "Martin, Camille"),
        ("camille martin", "exact", "camille martin"),
        ("Article de C. Martin", "initials", "C. Martin"),
        ("Merci à Camille M. pour son aide", "initials", "Camille M."),
        ("Signé MARTIN C.", "initials", "MARTIN C."),
        ("Les Martin ont déménagé", "partial", "Martin"),
        ("Camille Dupont et Paul Martinez", "none", ""),
        ("Il a Martin comme collègue", "partial", "Martin"),
    ],
)
def test_name_matches_camille_martin(text: str, kind: str, matched: str) -> None:
    result = name_matches(text, "Camille Martin")
    assert result.kind == kind
    assert result.matched == matched
    if matched:
        assert text[result.start : result.end] == matched
    assert result.found is (kind != "none")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Jean-Pierre Lefèvre", "exact"),
        ("jean pierre LEFEVRE", "exact"),
        ("Lefevre Jean-Pierre", "exact"),
        ("J.-P. Lefèvre", "initials"),
        ("J.P. Lefevre", "initials"),
        ("J-P. Lefevre", "initials"),
        ("Jean-Pierre L.", "initials"),
        ("M. Lefèvre", "partial"),
        ("Jean-Paul Lefèvre", "partial"),
    ],
)
def test_name_matches_hyphenated_first_name(text: str, kind: str) -> None:
    assert name_matches(text, "Jean-Pierre Lefèvre").kind == kind


def test_name_matches_keeps_particles_in_the_family_name() -> None:
    assert name_matches("Anne de La Tour, avocate", "Anne de La Tour").kind == "exact"
    assert name_matches("A. de la Tour", "Anne de La Tour").kind == "initials"
    assert name_matches("La Tour est haute", "Anne de La Tour").kind == "none"


def test_name_matches_reports_offsets_in_the_original_text() -> None:
    text = "Ceci est le profil d’Éloïse  Bérénger."
    result = name_matches(text, "Eloise Berenger")
    assert result.kind == "exact"
    assert result.matched == "Éloïse  Bérénger"


def test_name_matches_nothing_for_an_empty_name() -> None:
    assert name_matches("Camille Martin", "  ").kind == "none"


def test_name_matches_a_single_word_name_exactly() -> None:
    assert name_matches("Par Madonna", "Madonna").kind == "exact"


@pytest.mark.parametrize(
    ("headline", "role", "expected"),
    [
        ("Data Analyst | SQL · Power BI", "Data analyst", True),
        ("Développeuse Python chez Acme", "Développeuse Python", True),
        ("Chargée de communication digitale", "Chargé de communication", True),
        ("Chargée de recrutement", "Chargé de communication interne", False),
        ("Chargé de communication digitale", "Chargé de communication", True),
        ("Analystes de données", "Analyste données", True),
        ("Comptable", "Data analyst", False),
        ("Data engineer", "Data analyst", True),
        ("Chef de projet (H/F)", "Chef de projet informatique H/F", True),
        ("Anything", "de la", False),
        ("", "Data analyst", False),
    ],
)
def test_headline_matches_needs_half_of_the_role_words(
    headline: str, role: str, expected: bool
) -> None:
    assert headline_matches(headline, role) is expected


def test_normalize_is_idempotent_on_every_code_point() -> None:
    # Hypothesis found one (a Balinese sign decomposing into a mark); check them all.
    from ereputation.detect.matching import normalize

    unstable = []
    for code in range(0x110000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        once = normalize(chr(code))
        if normalize(once) != once:
            unstable.append(hex(code))
    assert unstable == []


# --- across languages: synonyms, inclusive writing, role aliases ------------------------------

GROUPS = Synonyms.of_groups(
    [
        ["data analyst", "analyste de données", "chargé·e d'études statistiques"],
        ["machine learning", "apprentissage automatique"],
        ["project manager", "chef de projet", "cheffe de projet"],
        ["data", "données"],
    ]
)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Chargé·e d'études", ("charge d'etudes", "chargee d'etudes")),
        ("chargé(e) d'études", ("charge d'etudes", "chargee d'etudes")),
        ("Développeur.euse", ("developpeur", "developpeuse")),
        ("directeur·rice·s", ("directeur", "directrice")),
        ("Rédacteur·trice", ("redacteur", "redactrice")),
        ("infirmier·ère", ("infirmier", "infirmiere")),
        ("informaticien·ne", ("informaticien", "informaticienne")),
        ("Chef·fe de projet", ("chef de projet", "cheffe de projet")),
        ("Chargée d'études", ("chargee d'etudes",)),
        ("node.js", ("node.js",)),
    ],
)
def test_an_inclusive_term_stands_for_its_masculine_and_feminine_forms(
    term: str, expected: tuple[str, ...]
) -> None:
    assert forms(term) == expected


def test_a_dot_between_two_words_is_not_inclusive_writing() -> None:
    # "fin.Le" is a missing space, not "fin·le": no reading would join the words around it.
    assert readings("la fin.le directeur") == ("la fin.le directeur",)
    assert readings("chargé·e") != ("chargé·e",)


@pytest.mark.parametrize(
    "page", ["Chargé·e d'études", "Chargé(e) d'études", "Chargée d'études", "CHARGÉE D’ÉTUDES"]
)
def test_inclusive_writing_on_either_side_states_the_term(page: str) -> None:
    for term in ("chargée d'études", "chargé·e d'études", "Chargé(e) d'études"):
        assert match_keywords(page, [term]) == ([term], []), (page, term)


def test_a_masculine_term_is_not_stated_by_a_feminine_page_without_a_group() -> None:
    # Deriving genders is left to the data: "chargé" and "chargée" are listed side by side there.
    assert match_keywords("Chargée d'études", ["chargé d'études"]) == ([], ["chargé d'études"])


def test_a_keyword_stated_in_the_other_language_is_found_with_the_synonym_shown() -> None:
    text = "Analyste de données · apprentissage-automatique et tableaux de bord"
    found, missing = match_keywords(text, ["Data analyst", "Machine learning", "SQL"], GROUPS)
    assert found == [
        "Data analyst (analyste de données)",
        "Machine learning (apprentissage automatique)",
    ]
    assert missing == ["SQL"]
    assert match_keywords(text, ["Data analyst"]) == ([], ["Data analyst"])  # no groups: exact only


def test_a_keyword_stated_itself_is_shown_without_a_synonym() -> None:
    matches = find_keywords("Data analyst, analyste de données", ["data analyst"], GROUPS)
    assert matches == [KeywordMatch("data analyst", True)]
    assert matches[0].shown == "data analyst"


def test_an_inclusive_synonym_in_the_data_matches_a_gendered_page() -> None:
    found, _ = match_keywords("Chargée d'études statistiques chez Insee", ["Data analyst"], GROUPS)
    assert found == ["Data analyst (chargé·e d'études statistiques)"]
    found, _ = match_keywords("Cheffe de projet", ["project manager"], GROUPS)
    assert found == ["project manager (cheffe de projet)"]


def test_synonyms_never_match_inside_a_word() -> None:
    # "data" must not match "metadata", nor "données" "donnéesX": synonyms keep word boundaries.
    text = "Metadata, bigdata et base_données_test"
    assert match_keywords(text, ["data", "données"], GROUPS) == ([], ["data", "données"])


def test_only_groups_holding_the_exact_term_lend_their_synonyms() -> None:
    # "analyst" is part of "data analyst" but no entry of it: its group does not apply.
    assert GROUPS.of("analyst") == ()
    assert match_keywords("Analyste de données", ["analyst"], GROUPS) == ([], ["analyst"])
    assert GROUPS.of("Chef de projet") == ("project manager", "cheffe de projet")
    assert GROUPS.of("Chef·fe de projet") == ("project manager",)


def test_a_headline_in_the_other_language_states_the_role_through_a_group() -> None:
    assert not headline_matches("Analyste de données chez Transports Rhône", "Data analyst")
    assert headline_matches(
        "Analyste de données chez Transports Rhône", "Data analyst", synonyms=GROUPS
    )
    # Part of the role through a group, the rest by its own words.
    assert headline_matches("Analyste de données senior", "Senior data analyst", synonyms=GROUPS)
    assert headline_matches("Chargé(e) d'études statistiques", "Data analyst", synonyms=GROUPS)
    assert not headline_matches("Boulangère à Lyon", "Data analyst", synonyms=GROUPS)


def test_a_role_alias_of_the_person_states_the_role() -> None:
    assert not headline_matches("Analyste BI à Lyon", "Data analyst")
    assert headline_matches("Analyste BI à Lyon", "Data analyst", aliases=["Analyste BI"])
    assert not headline_matches("Boulangère", "Data analyst", aliases=["Analyste BI", ""])


def test_an_inclusive_headline_states_a_role_written_either_way() -> None:
    assert headline_matches("Développeur·euse Python", "Développeuse Python")
    assert headline_matches("Chargé·e de mission", "chargée de mission")


def test_a_role_is_read_only_against_the_groups_its_words_start() -> None:
    starting = {form for form, _ in GROUPS.entries({"senior", "data", "analyst"})}
    assert starting == {"data analyst", "data"}
    assert len(list(GROUPS.entries())) > len(starting)
