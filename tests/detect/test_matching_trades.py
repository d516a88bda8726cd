"""Matching with the bundled synonym groups: on the fixture pages, synonyms add translations and
change nothing else; words that are common in the other language lend no false match."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from ereputation.detect.matching import contains_phrase, find_keywords
from ereputation.detect.normalise import normalize
from ereputation.detect.synonyms import Synonyms, forms, readings
from ereputation.trade_choice import trades
from ereputation.trades import synonyms_for
from ereputation.web.extract import extract
from tests.conftest import FIXTURES

PAGES = sorted((FIXTURES / "pages").glob("*.html"))


@cache
def every_trade() -> Synonyms:
    return synonyms_for(trades(), None)


@cache
def terms() -> tuple[str, ...]:
    return tuple(sorted({entry for group in every_trade().groups for entry in group}))


def visible(path: Path) -> str:
    facts = extract(
        path.read_bytes(), content_type="text/html", charset=None, base_url="https://example.org/"
    )
    return f"{facts.title}\n{facts.description}\n{facts.text}"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_on_fixture_pages_exact_matches_are_unchanged_but_for_inclusive_terms(path: Path) -> None:
    text = visible(path)
    before = {t for t in terms() if contains_phrase(normalize(text), t)}
    now = {m.keyword for m in find_keywords(text, terms()) if m.found}
    assert before <= now
    # What is new is an inclusive term ("chargé·e …") whose gendered form the page states.
    assert all(len(forms(t)) == 2 for t in now - before), now - before


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_on_fixture_pages_a_synonym_match_is_a_synonym_the_page_states(path: Path) -> None:
    text = visible(path)
    pages = readings(normalize(text))
    for match in find_keywords(text, terms(), every_trade()):
        if match.via is None:
            continue
        assert match.via in every_trade().of(match.keyword)
        assert any(contains_phrase(p, f) for p in pages for f in forms(match.via)), match


def test_the_fixture_profile_in_french_states_the_english_role_words() -> None:
    text = visible(FIXTURES / "pages" / "linkedin_profile.html")
    found = {m.shown for m in find_keywords(text, ["Data analyst", "Dashboards"], every_trade())}
    assert found == {"Data analyst", "Dashboards (tableaux de bord)"}


@pytest.mark.parametrize(
    ("keyword", "page"),
    [
        ("research", "Je recherche un poste de comptable à Lyon."),
        ("consulting", "Membre du conseil d'administration de l'association."),
        ("localization", "Localisation : Lyon, France."),
        ("publishing", "Rapport annuel, édition 2023."),
        ("internship", "At this stage of the project we shipped every week."),
        ("master's degree", "Scrum master of a team of eight."),
        ("senior executive", "Account executive at a software firm."),
        ("insurance", "Assurance qualité et tests de recette."),
        ("newsroom", "Rédaction de rapports mensuels."),
        ("apprenticeship", "Apprentissage automatique et statistiques."),
        ("paid search", "Walks by the sea."),
        ("artificial intelligence", "J'ai mené dix projets."),
    ],
)
def test_words_common_in_the_other_language_are_no_synonyms(keyword: str, page: str) -> None:
    (match,) = find_keywords(page, [keyword], every_trade())
    assert not match.found, match
