"""The reports' own words exist in both languages, with the same placeholders."""

from __future__ import annotations

import re

from ereputation.messages import messages


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_french_and_english_have_the_same_keys_and_placeholders() -> None:
    fr, en = messages("fr"), messages("en")
    assert set(fr) == set(en)
    for key in fr:
        assert (fr[key].strip() and en[key].strip()) or key in {"colon"}, key
        assert placeholders(fr[key]) == placeholders(en[key]), key


def test_every_code_a_result_can_hold_has_words() -> None:
    fr = messages("fr")
    codes = [
        *(f"rating_{r}" for r in ("good", "fair", "poor", "low", "moderate", "high", "unknown")),
        *(f"status_{s}" for s in ("pass", "partial", "fail", "unanswered", "not_applicable")),
        *(f"severity_{s}" for s in ("critical", "high", "medium", "low", "info")),
        *(
            f"profile_status_{s}"
            for s in (
                "ok",
                "not_found",
                "login_required",
                "blocked",
                "rate_limited",
                "timeout",
                "error",
                "skipped",
            )
        ),
        "category_recruiter_view",
        "category_exposure",
    ]
    assert [c for c in codes if c not in fr] == []


def test_french_punctuation_gets_no_break_spaces() -> None:
    from ereputation.i18n import LocalText, french_typography

    assert french_typography("Visibilité : « bonne » ? Oui ; enfin !") == (
        "Visibilité\u00a0: «\u00a0bonne\u00a0»\u202f? Oui\u202f; enfin\u202f!"
    )
    assert french_typography("https://a.example:8080/x") == "https://a.example:8080/x"
    text = LocalText("Objectif : clair ?", "Objective: clear?")
    assert (
        text.get("fr") == "Objectif\u00a0: clair\u202f?" and text.get("en") == "Objective: clear?"
    )
    assert " :" not in "".join(messages("fr").values())
