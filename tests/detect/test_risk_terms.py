"""Risky wording: the shipped lexicon on realistic posts, and lexicon validation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ereputation.detect.risk_terms import (
    LEXICON_SEVERITIES,
    Lexicon,
    LexiconError,
    RiskCategory,
    RiskMatch,
    find_risk_terms,
    load_lexicon,
    parse_lexicon,
)
from ereputation.vocabulary import SEVERITIES

LEXICON_PATH = Path(__file__).parents[2] / "checklists" / "risk_terms.toml"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(LEXICON_PATH)


def categories(matches: list[RiskMatch]) -> list[str]:
    return [m.category for m in matches]


def test_shipped_lexicon_has_every_category_in_both_languages(lexicon: Lexicon) -> None:
    ids = [c.id for c in lexicon.categories]
    assert ids == [
        "alcohol_party",
        "drugs",
        "insults",
        "employer_disparagement",
        "sick_day",
        "discrimination",
        "illegal_fraud",
        "violence_threats",
        "sexual_content",
        "political",
        "religious",
    ]
    for category in lexicon.categories:
        assert set(category.terms) == {"fr", "en"}, category.id
        assert category.label["fr"] and category.label["en"]
        assert category.advice["fr"] and category.advice["en"]
    informational = {c.id for c in lexicon.categories if c.informational}
    assert informational == {"political", "religious"}
    offensive = {c.id for c in lexicon.categories if c.offensive}
    assert offensive == {"insults", "employer_disparagement", "discrimination", "sexual_content"}


def test_each_category_bears_on_a_checklist_item_that_exists(lexicon: Lexicon) -> None:
    """The plan merges a risky-content finding with its item's action: the link is data, and a
    renamed item must not silently break it."""
    from ereputation.checklist import load_checklist
    from ereputation.resources import default_checklist_path

    assert {c.id: c.item for c in lexicon.categories} == {
        "alcohol_party": "compromising_photos",
        "drugs": "sensitive_posts",
        "insults": None,  # no question asks about swearing
        "employer_disparagement": "disparaging_remarks",
        "sick_day": "posts_contradict_work",
        "discrimination": "sensitive_posts",
        "illegal_fraud": "sensitive_posts",
        "violence_threats": "sensitive_posts",
        "sexual_content": "compromising_photos",
        "political": "sensitive_posts",
        "religious": None,  # no question asks about faith: the person's own business
    }
    checklist = load_checklist(default_checklist_path())
    for category in lexicon.categories:
        item = checklist.item(category.item) if category.item else None
        assert category.item is None or item is not None, category.id
        assert item is None or item.kind == "risk", category.id  # joins risk actions only


def test_party_post_on_a_sick_day(lexicon: Lexicon) -> None:
    post = (
        "Officiellement en arrêt maladie aujourd'hui 🤒… mais la soirée d'hier était énorme, "
        "complètement bourré à 3h du mat, et gueule de bois ce matin 🍻"
    )
    found = find_risk_terms(post, lexicon)
    assert categories(found) == ["sick_day", "alcohol_party", "alcohol_party"]
    sick, drunk, hangover = found
    assert post[sick.start : sick.end] == "en arrêt"
    assert sick.severity == "high"
    assert post[drunk.start : drunk.end] == "complètement bourré"
    assert drunk.term == "complètement bourré"
    assert post[hangover.start : hangover.end] == "gueule de bois"
    assert "g••••e d• b••s" in hangover.excerpt_masked


def test_english_sick_day_post(lexicon: Lexicon) -> None:
    post = "Called in sick lol. Beach party all day, so drunk by 4pm #noregrets"
    found = find_risk_terms(post, lexicon)
    # The listed terms, and a drinking rule on "party ... all day" may stand beside them.
    assert [(m.category, m.term) for m in found if not m.rule] == [
        ("sick_day", "called in sick"),
        ("alcohol_party", "so drunk"),
    ]
    assert {m.category for m in found if m.rule} <= {"alcohol_party", "sick_day"}


def test_sick_leave_alone_is_not_a_risk(lexicon: Lexicon) -> None:
    post = "Je suis en arrêt maladie depuis lundi, merci pour vos messages de soutien."
    assert find_risk_terms(post, lexicon) == []
    assert find_risk_terms("I called in sick with the flu.", lexicon) == []


def test_employer_rant_is_high_severity_and_insults_are_masked(lexicon: Lexicon) -> None:
    post = "Franchement, mon patron est un con. Boulot de merde, je hais mon boulot."
    found = find_risk_terms(post, lexicon)
    rant = [m for m in found if m.category == "employer_disparagement"]
    assert [m.term for m in rant] == ["mon patron est un", "boulot de merde", "je hais mon boulot"]
    assert all(m.severity == "high" for m in rant)
    # "est un con" is an insult by its own rule (a word of INSULT_NOUN addressed to someone).
    insults = [m for m in found if m.category == "insults"]
    assert [(m.term, m.rule) for m in insults] == [
        ("insult_addressed", "insult_addressed: INSULT_NOUN + ADDRESS"),
        ("merde", ""),
    ]
    for match in found:
        excerpt = match.excerpt_masked
        assert " con." not in excerpt and "merde" not in excerpt.lower(), excerpt
        assert len(excerpt) <= 80


def test_english_employer_rant(lexicon: Lexicon) -> None:
    post = "Honestly my manager is an idiot and this company sucks. I hate my job."
    found = find_risk_terms(post, lexicon)
    # The phrase pattern "{my|...} {manager|...} ... {idiot|...}" reads the whole clause.
    assert found[0].pattern and found[0].trigger == "m• m•••••r i• a• i•••t"
    assert [(m.category, m.term) for m in found[1:]] == [
        ("insults", "idiot*"),
        ("employer_disparagement", "this company sucks"),
        ("employer_disparagement", "hate my job"),
    ]
    assert found[0].category == "employer_disparagement"
    assert "i•••t" in found[0].excerpt_masked
    assert found[1].term_masked == "i•••t"


def test_praising_a_boss_is_not_disparagement(lexicon: Lexicon) -> None:
    post = "Mon patron est un mentor formidable. My boss is great and my manager is supportive."
    assert find_risk_terms(post, lexicon) == []


def test_political_and_religious_mentions_are_information_only(lexicon: Lexicon) -> None:
    post = (
        "Ce dimanche je vote pour la France insoumise, après la messe. "
        "Proud to vote for the Labour Party."
    )
    found = find_risk_terms(post, lexicon)
    assert {m.category for m in found} == {"political", "religious"}
    assert all(m.severity == "info" for m in found)


CLEAN_TEXTS = [
    "Data analyst chez Acme depuis 2019. SQL, Python, Power BI. Bénévole aux Restos du cœur.",
    "Chef de projet digital : pilotage de la refonte du site, budget de 75 000 €, équipe de 6.",
    "Titulaire d'un master en gestion, je recherche un poste de contrôleur de gestion à Lyon.",
    "Senior software engineer. I love mentoring juniors and shipping reliable systems.",
    "Our joint venture with Globex won the 2023 innovation award.",
    "Chili con carne, salopette en jean, bourrasque sur la côte, bourreau de travail.",
    "Analyse technique du marché ; conférence Comic-Con ; héroïne du roman.",
    "Weed control for organic farms, and a soul music playlist.",
    "I was in ecstasy when we shipped the release. Trump card of our product: its speed.",
    "Offices at 10 Church Street. Our boss is supportive; my manager is great.",
    "Bière artisanale ? Non : chargé de clientèle dans une brasserie, je gère les commandes.",
]


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_professional_texts_raise_nothing(lexicon: Lexicon, text: str) -> None:
    assert find_risk_terms(text, lexicon) == []


def test_beer_counts_only_next_to_drinking_and_is_low(lexicon: Lexicon) -> None:
    # A brewery's job is not a party (issue 12): "bière" needs a drinking word near it.
    found = find_risk_terms("Soirée d'anniversaire : cinquième bière et c'est pas fini", lexicon)
    assert ("alcohol_party", "low") in [(m.category, m.severity) for m in found]
    assert find_risk_terms("Brasseur, je présente notre bière ambrée aux cavistes", lexicon) == []


def test_wildcard_stems_match_word_starts_only(lexicon: Lexicon) -> None:
    found = find_risk_terms("On a picolé toute la nuit. Picoler ? Jamais au bureau.", lexicon)
    assert [m.term for m in found] == ["picol*", "picol*"]
    assert find_risk_terms("Le kit de pique-nique", lexicon) == []


def test_language_selection(lexicon: Lexicon) -> None:
    text = "So drunk. Complètement bourré."
    assert [m.term for m in find_risk_terms(text, lexicon, languages=("en",))] == ["so drunk"]
    assert [m.term for m in find_risk_terms(text, lexicon, languages=("fr",))] == [
        "complètement bourré"
    ]


def test_at_most_n_matches_per_category_the_first_ones(lexicon: Lexicon) -> None:
    text = " ".join(f"cuite {i}" for i in range(30))
    found = find_risk_terms(text, lexicon)
    assert len(found) == 5
    assert found == sorted(found, key=lambda m: m.start)
    assert found[-1].start == text.index("cuite 4")
    assert len(find_risk_terms(text, lexicon, max_per_category=2)) == 2
    assert find_risk_terms(text, lexicon, max_per_category=0) == []


def test_same_words_in_both_languages_are_reported_once(lexicon: Lexicon) -> None:
    found = find_risk_terms("Soirée beer pong et MDMA.", lexicon)
    assert [(m.category, m.term) for m in found] == [
        ("alcohol_party", "beer pong"),
        ("drugs", "mdma"),
    ]


def test_accents_case_and_hidden_characters_do_not_dodge(lexicon: Lexicon) -> None:
    found = find_risk_terms("COMPLÈTEMENT BOURRE, co\u200bnnard", lexicon)
    assert [m.term for m in found] == ["complètement bourré", "connard*"]
    assert found[1].excerpt_masked.count("•") >= 5


def test_a_long_page_gives_its_one_risky_word(lexicon: Lexicon) -> None:
    # How long it takes: benchmarks/bench_detect.py (timings in tests fail on a busy machine).
    paragraph = (
        "Consultante en transformation digitale, j'accompagne les PME depuis 2012. "
        "Ateliers, conférences, formations Power BI et gestion de projet agile. "
    )
    text = (paragraph * 200)[:20_000] + " bourré"
    found = find_risk_terms(text, lexicon)
    assert [m.term for m in found] == ["bourré"]


def test_a_page_of_one_insult_gives_five_matches(lexicon: Lexicon) -> None:
    found = find_risk_terms("merde " * 4000, lexicon)
    assert len(found) == 5


# --- validation --------------------------------------------------------------------------------


def minimal(**overrides: Any) -> dict[str, Any]:
    category: dict[str, Any] = {
        "id": "alcohol_party",
        "severity": "medium",
        "label": {"fr": "Alcool", "en": "Alcohol"},
        "advice": {"fr": "Retirez.", "en": "Remove."},
        "terms": {"fr": ["cuite", {"term": "bière", "severity": "low"}], "en": ["drunk"]},
    }
    category.update(overrides)
    return {"version": 1, "categories": [category]}


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(LexiconError) as info:
        parse_lexicon(data)
    return [str(p) for p in info.value.problems]


def test_minimal_lexicon_parses_with_term_severity_override() -> None:
    lexicon = parse_lexicon(minimal())
    terms = lexicon.category("alcohol_party").terms["fr"]
    assert [(t.text, t.severity) for t in terms] == [("cuite", "medium"), ("bière", "low")]
    found = find_risk_terms("Une bière, puis la cuite.", lexicon)
    assert [(m.term, m.severity) for m in found] == [("bière", "low"), ("cuite", "medium")]


def test_errors_carry_key_paths() -> None:
    data = minimal(
        terms={"fr": ["cuite", "bière", "", "b*", {"term": "x", "near": "oops"}], "en": ["ok"]}
    )
    assert problems(data) == [
        "categories[0].terms.fr[2]: must not be empty",
        "categories[0].terms.fr[3]: 'b*': a wildcard needs a stem of at least 3 letters",
        "categories[0].terms.fr[4].near: must be an array, not a string",
    ]


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"severity": "critical"}, "categories[0].severity: 'critical' is not allowed"),
        ({"id": "Bad Id"}, "categories[0].id: 'Bad Id' is not valid"),
        ({"label": {"fr": "Alcool"}}, "categories[0].label.en: is required"),
        ({"terms": {}}, "categories[0].terms: must list terms for at least one language"),
        ({"terms": {"fr": []}}, "categories[0].terms.fr: must be a non-empty array of terms"),
        ({"terms": {"french": ["x"]}}, "categories[0].terms.french: is not a two-letter"),
        ({"terms": {"fr": ["bo*rré"]}}, "categories[0].terms.fr[0]: 'bo*rré': '*' may only"),
        ({"terms": {"fr": ["cuite", "CUITE"]}}, "categories[0].terms.fr[1]: 'CUITE' repeats"),
        ({"terms": {"fr": [42]}}, "categories[0].terms.fr[0]: must be a string or a table"),
        ({"colour": "red"}, "categories[0].colour: unknown key"),
        ({"item": "Sensitive posts"}, "categories[0].item: 'Sensitive posts' is not valid"),
        (
            {"terms": {"fr": [{"term": "x", "severity": "info"}]}},
            "categories[0].terms.fr[0].severity: 'info' terms belong in 'info' categories",
        ),
        (
            {"terms": {"fr": [{"term": "xyz", "window": 5000}]}},
            "categories[0].terms.fr[0].window: must be between 10 and 500",
        ),
    ],
)
def test_each_validation_rule(overrides: dict[str, Any], expected: str) -> None:
    found = problems(minimal(**overrides))
    assert any(p.startswith(expected) for p in found), found


def test_top_level_problems() -> None:
    assert problems({"version": 1}) == ["categories: is required"]
    assert problems({"version": 1, "categories": []}) == [
        "categories: must hold at least one category"
    ]
    data = minimal()
    data["categories"].append(data["categories"][0])
    assert problems(data) == ["categories[1].id: duplicate category id 'alcohol_party'"]
    assert problems({**minimal(), "version": 2})[0].startswith("version: must be between 1 and 1")


def test_load_lexicon_reports_the_file(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text('version = 1\n[[categories]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        load_lexicon(path)
    assert str(info.value.problems[0]).startswith(f"{path}: categories[0].severity: is required")
    path.write_text("version = = 1\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexicon\.toml:1:"):
        load_lexicon(path)
    with pytest.raises(LexiconError, match="no such file"):
        load_lexicon(tmp_path / "missing.toml")


def test_lexicon_severities_are_the_shared_ones_less_critical() -> None:
    assert LEXICON_SEVERITIES == ("high", "medium", "low", "info")  # the shared order
    assert set(LEXICON_SEVERITIES) < set(SEVERITIES)
    assert problems(minimal(severity="critical")) == [
        "categories[0].severity: 'critical' is not allowed; use one of: high, medium, low, info"
    ]
    lexicon = parse_lexicon(minimal())
    assert isinstance(lexicon.category("alcohol_party"), RiskCategory)


@pytest.mark.parametrize(("language", "found_by"), [("fr", "repéré par : "), ("en", "found by: ")])
def test_a_risky_finding_says_which_words_triggered_it(language: str, found_by: str) -> None:
    """Issue 12: with patterns and context rules, each excerpt names its masked trigger."""
    import datetime as dt

    from ereputation.checks import run_checks
    from ereputation.checks.base import CheckContext, Visit
    from ereputation.checks.catalogue import default_templates
    from ereputation.config import DeclaredProfile, Person
    from ereputation.reasons import Reason
    from ereputation.recruiter import catalogue
    from ereputation.recruiter import lexicon as shipped
    from ereputation.web.extract import PageFacts

    url = "https://www.facebook.com/camille"
    text = "En arrêt maladie, mais au festival ce soir ! Mon chef est un incapable."
    facts = PageFacts(is_html=True, content_type="text/html", text=text)
    seen = Visit(
        DeclaredProfile(url), catalogue().identify(url), "ok", Reason.of("page_loaded"), None, facts
    )
    ctx = CheckContext(
        person=Person(name="Camille Martin", target_role="Data analyst", language=language),  # type: ignore[arg-type]
        language=language,  # type: ignore[arg-type]
        templates=default_templates(),
        lexicon=shipped(),
        today=dt.date(2026, 11, 25),
        show_pii=False,
    )
    findings = [f for f in run_checks([seen], ctx)[1] if f.key.check == "risky_content"]
    evidence = {f.key.subject: f.evidence for f in findings if not f.passed}
    # "en arrêt" counts next to "festival"; the rant (an offensive category) is masked everywhere.
    assert evidence["sick_day"] == (
        "E• a•••t maladie, mais au festival ce soir ! M•• c••f e•• u• i•••••••e. "
        f"({found_by}E• a•••t + f••••••l)",
    )
    (rant,) = evidence["employer_disparagement"]
    assert rant.endswith(f"({found_by}M•• c••f e•• u• i•••••••e)"), rant
    assert "incapable" not in rant
