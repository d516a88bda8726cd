"""Merging a counsellor's word list into the bundled lexicon: it only ever adds."""

from __future__ import annotations

from typing import Any

import pytest

from ereputation.detect.lexicon_merge import merge_lexicons, term_count
from ereputation.detect.risk_terms import LexiconError, find_risk_terms, parse_lexicon


def _category(cid: str, severity: str, **terms: list[Any]) -> dict[str, Any]:
    return {
        "id": cid,
        "severity": severity,
        "label": {"fr": cid, "en": cid},
        "advice": {"fr": "Conseil.", "en": "Advice."},
        "terms": terms,
    }


BASE = parse_lexicon(
    {
        "version": 1,
        "categories": [
            _category("alcohol_party", "medium", fr=["cuite"], en=["hangover"]),
            _category("politics", "info", en=["election rally"]),
        ],
    }
)


def _found(text: str, lexicon: Any, languages: tuple[str, ...] = ("fr", "en")) -> list[str]:
    return [m.category for m in find_risk_terms(text, lexicon, languages)]


def test_a_new_category_is_added_after_the_bundled_ones() -> None:
    extra = parse_lexicon(
        {"version": 1, "categories": [_category("gambling", "low", fr=["poker"])]}
    )
    merge = merge_lexicons(BASE, extra)
    assert [c.id for c in merge.lexicon.categories] == ["alcohol_party", "politics", "gambling"]
    assert merge.added == (("gambling", "fr", "poker"),)
    assert _found("Soirée poker jusqu'à l'aube", merge.lexicon) == ["gambling"]
    assert _found("Soirée poker jusqu'à l'aube", BASE) == []
    assert term_count(merge.lexicon) == term_count(BASE) + 1


def test_a_bundled_id_adds_terms_and_keeps_the_bundled_texts() -> None:
    extra_data = _category("alcohol_party", "low", fr=["murge", "Cuite"], de=["Kater"])
    extra_data["label"] = {"fr": "Autre", "en": "Other"}
    merge = merge_lexicons(BASE, parse_lexicon({"version": 1, "categories": [extra_data]}))
    category = merge.lexicon.category("alcohol_party")
    assert category.label["en"] == "alcohol_party" and category.severity == "medium"
    assert [t.text for t in category.terms["fr"]] == ["cuite", "murge"]
    assert [t.text for t in category.terms["de"]] == ["Kater"]
    assert merge.repeated == (("alcohol_party", "fr", "Cuite"),)
    assert _found("une sacrée murge hier", merge.lexicon) == ["alcohol_party"]
    assert _found("ein Kater heute", merge.lexicon, ("de",)) == ["alcohol_party"]
    # The bundled terms still match: nothing was removed.
    assert _found("quelle cuite", merge.lexicon) == ["alcohol_party"]
    assert _found("a hangover", merge.lexicon) == ["alcohol_party"]


def test_merging_leaves_the_bundled_lexicon_untouched() -> None:
    extra = parse_lexicon(
        {"version": 1, "categories": [_category("alcohol_party", "medium", fr=["murge"])]}
    )
    merge_lexicons(BASE, extra)
    assert [t.text for t in BASE.category("alcohol_party").terms["fr"]] == ["cuite"]
    assert _found("une murge", BASE) == []


def test_info_and_scored_categories_never_mix() -> None:
    extra = parse_lexicon(
        {
            "version": 1,
            "categories": [
                _category("gambling", "low", fr=["poker"]),
                _category("politics", "high", en=["riot"]),
            ],
        }
    )
    with pytest.raises(LexiconError) as caught:
        merge_lexicons(BASE, extra, "mine.toml")
    (problem,) = caught.value.problems
    assert problem.where == "mine.toml: categories[1].severity"
    assert "'info'" in problem.message
